"""All tables in one XLSX workbook: a sheet per figure, the same numbers as the CSV, small cells
suppressed."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from koers.audit.models import Action, AuditEntry
from koers.monitoring.figures import registry

from .conftest import women_and_men


def test_the_workbook_has_a_sheet_per_figure_with_suppressed_small_cells(tenants, client_as):
    women_and_men(tenants.a.municipality, 3, 6, 9)
    response = client_as(tenants.a.analyst).get("/monitoring/cijfers.xlsx", {"breakdown": "gender"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == list(registry)
    sheet = book["koppelingen"]
    assert sheet["A1"].value == "Koppelingen"
    assert [c.value for c in sheet[4]] == ["Geslacht", None, "Aantal personen", "Aantal"]
    rows = sorted([c.value for c in row] for row in sheet.iter_rows(min_row=5))
    # With the fixture's woman and man: 4 women (small), 7 men (the smallest other cell, hidden too
    # or the women would follow from the total), 9 of gender x.
    assert rows == [["Anders / onbekend", None, 9, 9], ["Man", None, "x", None], ["Vrouw", None, "x", None]]
    [entry] = AuditEntry.objects.all()
    assert (entry.action, entry.person_id) == (Action.EXPORT, None)
