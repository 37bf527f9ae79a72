"""The tables behind the dashboard as files: one figure as CSV, or all of them as an XLSX workbook
(one sheet per figure). Suppressed cells read ``x`` and carry no value."""

from __future__ import annotations

import csv
import io

from django.utils.translation import gettext as _

from .figures import Figure, Measure, Row, registry, rows_of
from .presentation import SUPPRESSED
from .selection import Selection

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header(figure: Figure, selection: Selection) -> list[str]:
    group = selection.dimension.label if figure.breaks_down else _("Gemeente")
    return [str(group), str(figure.series_heading or ""), _("Aantal personen"), str(figure.measure.heading)]


def plain_value(measure: Measure, value: float | None) -> float | int | None:
    if value is None:
        return None
    if measure == Measure.COUNT:
        return round(value)
    return round(value, 4) if measure in (Measure.SHARE, Measure.RATIO) else round(value, 1)


def cells(figure: Figure, row: Row) -> list:
    people = SUPPRESSED if row.suppressed else row.people
    return [row.group_label, row.series_label, people, plain_value(figure.measure, row.value)]


def figure_csv(figure: Figure, selection: Selection) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header(figure, selection))
    for row in rows_of(figure, selection):
        writer.writerow(["" if cell is None else cell for cell in cells(figure, row)])
    return out.getvalue()


def workbook(selection: Selection) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for figure in registry.values():
        sheet = book.create_sheet(figure.key[:31])
        sheet.append([str(figure.title)])
        sheet["A1"].font = Font(bold=True)
        sheet.append([str(figure.explanation)])
        sheet.append([f"{selection.start:%d-%m-%Y} – {selection.end:%d-%m-%Y}"])
        sheet.append(header(figure, selection))
        for cell in sheet[4]:
            cell.font = Font(bold=True)
        for row in rows_of(figure, selection):
            sheet.append(cells(figure, row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
