"""The evaluation report: per municipality and compared across municipalities, in the shape of the
per-municipality tables of the MB evaluation (a row per municipality), as HTML, PDF, XLSX and a CSV per
table, from the data, with small cells suppressed, never a name or a BSN, and only for one's own
municipalities."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from koers.access.constants import OrganisationKind
from koers.access.models import Municipality
from koers.audit.models import AuditEntry, Outcome
from koers.begeleiding.services import current_policy
from koers.monitoring.evaluation import evaluation_report
from koers.monitoring.figures import registry, rows_of
from koers.monitoring.presentation import format_value
from koers.monitoring.selection import Selection
from koers.people.models import Person
from tests.factories import OrganisationFactory

from ..conftest import TODAY
from .conftest import PERIOD

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def by_name(municipality_ids) -> list[Municipality]:
    return list(Municipality.objects.filter(pk__in=municipality_ids).order_by("name"))


def test_each_figure_is_a_table_with_a_row_per_municipality_and_a_total(generated_with_support):
    report = evaluation_report(generated_with_support, *PERIOD, TODAY)
    municipalities = by_name(generated_with_support)
    section = report.section("dagen_tot_pip")
    assert [line[0] for line in section.lines] == [m.name for m in municipalities] + ["Totaal"]
    figure = registry["dagen_tot_pip"]
    per_municipality = Selection(generated_with_support, *PERIOD, TODAY, "municipality")
    rows = {r.group: r for r in rows_of(figure, per_municipality)}
    (total,) = rows_of(figure, Selection(generated_with_support, *PERIOD, TODAY))
    for line, row in zip(section.lines, [rows[m.name] for m in municipalities] + [total], strict=True):
        assert line[1] == f"{format_value(figure.measure, row.value)} (n = {row.people})"
    routes = report.section("leerroutes")
    assert routes.header[0] == "Gemeente" and "B1-route" in routes.header
    assert routes.table.header[1:3] == ["B1-route: aantal", "B1-route: Aandeel"]


def test_the_execution_table_follows_the_mb_evaluation(generated_with_support):
    municipalities = by_name(generated_with_support)
    first, second = municipalities
    OrganisationFactory(name="VluchtelingenWerk Oost", kind=OrganisationKind.MB_ORGANISATION,
                        municipality=first, serves=[first.pk])
    second.served_by.filter(kind=OrganisationKind.MB_ORGANISATION).delete()
    current_policy(first)
    report = evaluation_report(generated_with_support, *PERIOD, TODAY)
    section = report.section("uitvoering")
    assert section.header[0] == "Gemeente" and section.header[-2:] == ["Aantal betaalde krachten (MB)",
                                                                        "Aantal vrijwilligers"]
    assert "Taakstelling H1 2026" in section.header
    lines = {line[0]: dict(zip(section.header, line, strict=True)) for line in section.lines}
    executor = lines[first.name]["Uitvoering"]
    assert executor.startswith("Uitbesteed:") and "VluchtelingenWerk Oost" in executor
    assert lines[second.name]["Uitvoering"] == "Gemeente zelf"
    months = current_policy(first).settings.duration_months
    assert lines[first.name]["Looptijd"] in (f"{months // 12} jaar", f"{months} maanden")
    assert int(lines[first.name]["Aantal betaalde krachten (MB)"]) > 0


def test_a_small_cell_reads_x_in_the_report(tenants):
    assert 0 < Person.objects.filter(municipality=tenants.b.municipality).count() < 5
    report = evaluation_report(frozenset({tenants.b.municipality.pk}), *PERIOD, TODAY)
    section = report.section("koppelingen")
    assert section.lines == [[tenants.b.municipality.name, "x"]]
    assert section.table.rows == [[tenants.b.municipality.name, "x", None]]


def test_the_pdf_of_one_municipality_opens_and_holds_its_figures(
    generated_with_support, client_as, tenants_of
):
    municipality = Municipality.objects.get(pk=min(generated_with_support))
    response = client_as(tenants_of(generated_with_support)).get(
        f"/monitoring/evaluatie/{municipality.pk}.pdf", {"start": PERIOD[0], "end": PERIOD[1]}
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Evaluatierapport" in text and municipality.name in text
    (row,) = rows_of(registry["koppelingen"], Selection(frozenset({municipality.pk}), *PERIOD, TODAY))
    assert format_value(registry["koppelingen"].measure, row.value) in text
    assert "Koppelingen ten opzichte van de taakstelling" in text
    for bsn, family in Person.objects.values_list("bsn", "family_name"):
        assert bsn not in text and f" {family} " not in text


def test_the_html_comparison_links_the_report_of_each_municipality(
    generated_with_support, client_as, tenants_of
):
    page = client_as(tenants_of(generated_with_support)).get("/monitoring/evaluatie/").content.decode()
    for municipality in Municipality.objects.filter(pk__in=generated_with_support):
        assert f'<th scope="row">{municipality.name}</th>' in page
        assert f"/monitoring/evaluatie/{municipality.pk}/" in page
    assert "/monitoring/evaluatie/uitval.csv" in page and "/monitoring/evaluatie.xlsx" in page
    for bsn, given, family in Person.objects.values_list("bsn", "given_names", "family_name"):
        assert bsn not in page and f"{given} {family}" not in page


def test_every_table_of_the_report_downloads_as_csv_and_all_as_one_workbook(
    generated_with_support, client_as, tenants_of
):
    client = client_as(tenants_of(generated_with_support))
    report = evaluation_report(generated_with_support, *PERIOD, TODAY)
    params = {"start": PERIOD[0], "end": PERIOD[1]}
    book = load_workbook(io.BytesIO(client.get("/monitoring/evaluatie.xlsx", params).content))
    assert book.sheetnames == [s.key for s in report.sections]
    sheet = book["leerroutes"]
    assert sheet["A1"].value == "Verdeling over de leerroutes"
    header_row = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Gemeente")
    assert list(header_row) == report.section("leerroutes").table.header
    response = client.get("/monitoring/evaluatie/uitval.csv", params)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == report.section("uitval").table.header
    assert [row[0] for row in rows[1:]] == [line[0] for line in report.section("uitval").lines]
    assert client.get("/monitoring/evaluatie/onbekend.csv", params).status_code == 404


def test_a_report_of_one_section_holds_that_section_as_the_whole_report_does(generated_with_support):
    whole = evaluation_report(generated_with_support, *PERIOD, TODAY, {"gender": "v"})
    for section in whole.sections:
        one = evaluation_report(generated_with_support, *PERIOD, TODAY, {"gender": "v"}, only=section.key)
        assert one.sections == [section]
    assert evaluation_report(generated_with_support, *PERIOD, TODAY, only="onbekend").sections == []


def test_an_analyst_of_b_cannot_open_the_report_of_a(tenants, client_as):
    client = client_as(tenants.b.analyst)
    a = tenants.a.municipality.pk
    for path in (f"/monitoring/evaluatie/{a}/", f"/monitoring/evaluatie/{a}.pdf",
                 f"/monitoring/evaluatie/{a}.xlsx", f"/monitoring/evaluatie/{a}/koppelingen.csv"):
        assert client.get(path).status_code == 404
    assert AuditEntry.objects.filter(user_id=tenants.b.analyst.pk, outcome=Outcome.REFUSED).count() == 4
    page = client.get("/monitoring/evaluatie/").content.decode()
    assert tenants.b.municipality.name in page and tenants.a.municipality.name not in page


def test_a_volunteer_gets_no_report(tenants, client_as):
    assert client_as(tenants.a.volunteer).get("/monitoring/evaluatie/").status_code == 403


def test_the_report_can_be_limited_to_a_group(generated_with_support):
    report = evaluation_report(generated_with_support, *PERIOD, TODAY, {"gender": "v"})
    assert report.population == "Geslacht: Vrouw"
    women = Selection(generated_with_support, *PERIOD, TODAY, "municipality", {"gender": "v"})
    expected = {r.group: format_value(registry["koppelingen"].measure, r.value)
                for r in rows_of(registry["koppelingen"], women)}
    lines = {line[0]: line[1] for line in report.section("koppelingen").lines}
    assert all(lines[name] == value for name, value in expected.items()) and expected
    everybody = evaluation_report(generated_with_support, *PERIOD, TODAY).section("koppelingen").lines
    assert everybody != report.section("koppelingen").lines
