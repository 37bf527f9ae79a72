"""A policy analyst opens the monitoring dashboard, filters by gender and period, exports a table and
the whole workbook, opens the evaluation report, and never sees a name or a BSN."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from koers.access.constants import OrganisationKind, Role
from koers.access.models import Organisation
from koers.people.models import Person
from tests.factories import TEST_PASSWORD, user_with_role

from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_a_policy_analyst_filters_and_exports_without_seeing_a_person(transactional_db, page: Page):
    call_command("generate", municipalities=2, persons=600, seed=7, stdout=io.StringIO())
    team = Organisation.objects.filter(kind=OrganisationKind.MUNICIPAL_TEAM).order_by("pk").first()
    team.serves.add(*Organisation.objects.exclude(pk=team.pk).values_list("municipality", flat=True))
    analyst = user_with_role(Role.POLICY_ANALYST, team)

    log_in(page, analyst.username, TEST_PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Monitoring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitoring")

    page.get_by_label("Periode vanaf").fill("2025-01-01")
    page.get_by_label("Periode tot en met").fill("2026-11-25")
    page.get_by_label("Geslacht").select_option(label="Vrouw")
    page.get_by_label("Uitsplitsen naar").select_option(label="Doelgroep")
    page.get_by_role("button", name="Toon cijfers").click()
    page.wait_for_url("**gender=v**")

    expect(page.get_by_role("heading", name="PIP binnen 10 weken")).to_be_visible()
    expect(
        page.get_by_role("img", name="Staafdiagram: Koppelingen. De getallen staan in de tabel ernaast.")
    ).to_be_visible()
    expect(
        page.get_by_role("table", name="Koppelingen", exact=True).get_by_role(
            "rowheader", name="Asielmigrant"
        )
    ).to_be_visible()
    screenshot(page, "monitoring-dashboard-analyst")
    # Printable: on paper the filters, downloads and buttons go, the charts and tables stay (black bars).
    page.emulate_media(media="print")
    expect(page.locator("form.monitoring-filters")).to_be_hidden()
    expect(page.get_by_role("button", name="Afdrukken")).to_be_hidden()
    bar = page.locator(".monitoring-chart__bar").first
    assert bar.evaluate("el => getComputedStyle(el).fill") == "rgb(0, 0, 0)"
    expect(page.get_by_role("table", name="Koppelingen", exact=True)).to_be_visible()
    page.emulate_media(media="screen")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Verdeling over de leerroutes downloaden als CSV").click()
    exported = download_info.value.path().read_text(encoding="utf-8")
    assert exported.startswith("Doelgroep,Leerroute,Aantal personen,Aandeel")

    expect(
        page.get_by_role("heading", name="Duur van de maatschappelijke begeleiding per fase")
    ).to_be_visible()
    expect(
        page.get_by_role("table", name="Uitval", exact=True)
        .get_by_role("cell", name="Inburgeringsplicht")
        .first
    ).to_be_visible()
    with page.expect_download() as workbook_info:
        page.get_by_role("link", name="Alle tabellen downloaden als Excel-bestand (XLSX)").click()
    assert workbook_info.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(workbook_info.value.path().read_bytes()))
    assert "uitval" in book.sheetnames and "mb_duur_per_fase" in book.sheetnames
    cells = " ".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row if c)
    assert "Duur van de maatschappelijke begeleiding per fase" in cells

    shown = page.content() + exported + cells
    page.get_by_role("link", name="Evaluatierapport per gemeente en vergelijking tussen gemeenten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Evaluatierapport")
    drop_out = page.get_by_role("table", name="Uitval", exact=True)
    expect(drop_out.get_by_role("columnheader", name="Inburgeringsplicht")).to_be_visible()
    expect(drop_out.get_by_role("rowheader", name="Totaal")).to_be_visible()
    expect(
        page.get_by_role("table", name="Uitvoering van de maatschappelijke begeleiding").get_by_role(
            "columnheader", name="Aantal vrijwilligers"
        )
    ).to_be_visible()
    screenshot(page, "monitoring-evaluation-report-analyst")
    shown += page.content()
    for bsn, given_names, family_name in Person.objects.values_list("bsn", "given_names", "family_name"):
        assert bsn not in shown
        assert f"{given_names} {family_name}" not in shown
