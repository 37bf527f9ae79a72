"""The tables behind the dashboard as files: one figure as CSV, or all of them as an XLSX workbook
(one sheet per figure). Suppressed cells read ``x`` and carry no value."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .figures import Figure, Measure, Row, computed_together, registry, rows_of
from .presentation import SUPPRESSED
from .selection import Selection
from .tables import Table


def header(figure: Figure, selection: Selection) -> list[str]:
    return [str(selection.dimension.label), str(figure.series_heading or ""), _("Aantal personen"),
            str(figure.measure.heading)]


def plain_value(measure: Measure, value: float | None) -> float | int | None:
    if value is None:
        return None
    if measure == Measure.COUNT:
        return round(value)
    return round(value, 4) if measure in (Measure.SHARE, Measure.RATIO) else round(value, 1)


def cells(figure: Figure, row: Row) -> list:
    people = SUPPRESSED if row.suppressed else row.people
    return [row.group_label, row.series_label, people, plain_value(figure.measure, row.value)]


def figure_table(figure: Figure, selection: Selection) -> Table:
    return Table(
        key=figure.key,
        title=str(figure.title),
        header=header(figure, selection),
        rows=[cells(figure, row) for row in rows_of(figure, selection)],
        notes=[str(figure.explanation), f"{selection.start:%d-%m-%Y} – {selection.end:%d-%m-%Y}"],
    )


def dashboard_tables(selection: Selection) -> list[Table]:
    with computed_together():
        return [figure_table(figure, selection) for figure in registry.values()]
