"""Template tags for other parts of Koers: the start-up progress of a page of persons, in one query.

In a list of persons (the caseload writes its rows with ``people.templatetags.caseload``)::

    {% load begeleiding %}{% mb_progress rows as progress %}
    ... <td>{% mb_progress_cell progress person.pk %}</td>
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from koers.begeleiding.progress import Progress, progress_for
from koers.lib.text import escaped

register = template.Library()


@register.simple_tag
def mb_progress(rows: Iterable) -> dict[int, Progress]:
    """Checklist progress per person id; ``rows`` holds persons or rows with a ``person``."""
    ids = [getattr(row, "person", row).pk for row in rows]
    return progress_for(ids)


@register.simple_tag
def mb_progress_cell(progress: dict[int, Progress], person_id: int) -> SafeString:
    """The progress of one person: a meter and "3 van 8", or a dash without a start-up checklist.
    Written here rather than in a template of its own: a caseload page has fifty of them."""
    found = progress.get(person_id)
    if found is None:
        return mark_safe('<span class="muted">—</span>')
    label = gettext("%(done)s van %(total)s") % {"done": found.done, "total": found.total}
    title = gettext("Checklist opstartfase")
    return mark_safe(
        f'<span class="mb-progress" title="{escaped(title)}"><meter min="0" '
        f'max="{int(found.total)}" value="{int(found.done)}" aria-hidden="true"></meter> {escaped(label)}</span>'
    )


@register.filter
def language_names(codes: Iterable[str] | str) -> str:
    """Language codes (one, or a list) as their Dutch names: ``["ar", "nl"]`` → "Arabisch, Nederlands"."""
    from koers.people.constants import LANGUAGES

    codes = [codes] if isinstance(codes, str) else list(codes)
    return ", ".join(LANGUAGES.get(code, code) for code in codes if code)
