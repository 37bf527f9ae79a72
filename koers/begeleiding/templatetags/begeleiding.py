"""Template tags for other parts of Koers: the start-up progress of a page of persons, in one query.

In a list of persons (the caseload writes its rows with ``people.templatetags.caseload``)::

    {% load begeleiding %}{% mb_progress rows as progress %}

and its cells written with ``progress_cells(progress)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django import template
from django.utils.translation import gettext

from koers.begeleiding.progress import Progress, progress_for
from koers.lib.text import escaped

register = template.Library()


@register.simple_tag
def mb_progress(rows: Iterable) -> dict[int, Progress]:
    """Checklist progress per person id; ``rows`` holds persons or rows with a ``person``."""
    ids = [getattr(row, "person", row).pk for row in rows]
    return progress_for(ids)


def progress_cells(progress: dict[int, Progress]) -> Callable[[int], str]:
    """A writer of the progress cell of each person of ``progress``: a meter and "3 van 8", or a dash
    without a start-up checklist. Its labels are translated once, for the fifty cells of a page."""
    title = escaped(gettext("Checklist opstartfase"))
    label = gettext("%(done)s van %(total)s")

    def cell(person_id: int) -> str:
        found = progress.get(person_id)
        if found is None:
            return '<span class="muted">—</span>'
        done, total = int(found.done), int(found.total)
        return (f'<span class="mb-progress" title="{title}"><meter min="0" max="{total}" value="{done}" '
                f'aria-hidden="true"></meter> {escaped(label % {"done": done, "total": total})}</span>')

    return cell


@register.filter
def language_names(codes: Iterable[str] | str) -> str:
    """Language codes (one, or a list) as their Dutch names: ``["ar", "nl"]`` → "Arabisch, Nederlands"."""
    from koers.people.constants import LANGUAGES

    codes = [codes] if isinstance(codes, str) else list(codes)
    return ", ".join(LANGUAGES.get(code, code) for code in codes if code)
