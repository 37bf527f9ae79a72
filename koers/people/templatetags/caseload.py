"""The rows of the caseload table, written in one pass: a page has fifty rows of eight cells, and the
template engine took five of the page's thirty milliseconds to write them cell by cell (``format_html``
still half of that: it wraps each of the five hundred values as a ``SafeString``)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from koers.begeleiding.progress import Progress
from koers.begeleiding.templatetags.begeleiding import progress_cells
from koers.lib.text import escaped

register = template.Library()

ROW = (
    '<tr><th scope="row"><a href="{}">{}</a></th>{}'
    '<td class="table__numeric">{}</td><td>{}</td><td><span class="badge badge--{}">{}</span></td>'
    '<td>{}</td><td>{}</td><td class="table__numeric">{}</td></tr>'
)


def muted(text: str) -> SafeString:
    return format_html('<span class="muted">{}</span>', text)


@register.simple_tag
def caseload_rows(rows, progress: dict[int, Progress], show_bsn_column: bool) -> SafeString:
    """The ``<tr>`` of each ``people.views.CaseloadRow``; the BSN cell only when the table has that
    column, and then "afgeschermd" where the user may not see the number."""
    hidden, nobody = muted(gettext("afgeschermd")), muted(gettext("geen"))
    progress_cell = progress_cells(progress)
    lines = []
    for row in rows:
        bsn = ""
        if show_bsn_column:
            bsn = f'<td class="table__numeric">{escaped(row.person.bsn if row.show_bsn else hidden)}</td>'
        cells = (row.url, row.name, mark_safe(bsn), row.date_of_birth, row.target_group, row.phase, row.phase_label,
                 mark_safe(progress_cell(row.person.pk)), row.consultant or nobody, row.koppeling_date)
        lines.append(ROW.format(*map(escaped, cells)))
    return mark_safe("\n".join(lines))
