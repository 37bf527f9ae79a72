"""Template tags for other parts of Koers: the start-up progress of a page of persons, in one query.

In a list of persons (e.g. ``people/_caseload_results.html``)::

    {% load begeleiding %}{% mb_progress rows as progress %}
    ... <td>{% mb_progress_cell progress person.pk %}</td>
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from koers.begeleiding.progress import Progress, progress_for

register = template.Library()


@register.simple_tag
def mb_progress(rows: Iterable) -> dict[int, Progress]:
    """Checklist progress per person id; ``rows`` holds persons or rows with a ``person``."""
    ids = [getattr(row, "person", row).pk for row in rows]
    return progress_for(ids)


@register.inclusion_tag("begeleiding/_progress_cell.html")
def mb_progress_cell(progress: dict[int, Progress], person_id: int) -> dict:
    return {"progress": progress.get(person_id)}


@register.filter
def language_names(codes: Iterable[str] | str) -> str:
    """Language codes (one, or a list) as their Dutch names: ``["ar", "nl"]`` → "Arabisch, Nederlands"."""
    from koers.people.constants import LANGUAGES

    codes = [codes] if isinstance(codes, str) else list(codes)
    return ", ".join(LANGUAGES.get(code, code) for code in codes if code)
