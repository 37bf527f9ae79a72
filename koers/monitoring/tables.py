"""A table as an evaluator or another system takes it: a title, notes, a header and rows of plain
values (numbers stay numbers; a suppressed cell reads ``x`` and carries no value). Every table Koers
shows in monitoring can be downloaded as CSV, and a page's tables together as one XLSX workbook with
a sheet per table."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
SHEET_NAME_LENGTH = 31


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    header: list[str]
    rows: list[list]
    notes: list[str] = field(default_factory=list)


def csv_of(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    return out.getvalue()


def workbook_of(tables: Iterable[Table]) -> bytes:
    """One sheet per table: the title (bold), the notes, the header (bold), the rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for table in tables:
        sheet = book.create_sheet(table.key[:SHEET_NAME_LENGTH])
        sheet.append([table.title])
        sheet["A1"].font = bold
        for note in table.notes:
            sheet.append([note])
        sheet.append(table.header)
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        for row in table.rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(content: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_download(table: Table, filename: str = "") -> HttpResponse:
    return download(csv_of(table), CSV_TYPE, filename or f"{table.key}.csv")


def xlsx_download(tables: Iterable[Table], filename: str) -> HttpResponse:
    return download(workbook_of(tables), XLSX_TYPE, filename)
