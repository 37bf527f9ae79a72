"""The evaluation report: per municipality and compared across municipalities, as HTML and as PDF,
from the data, with small cells suppressed, never a name or a BSN, and only for one's own
municipalities."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from koers.access.models import Municipality
from koers.audit.models import AuditEntry, Outcome
from koers.monitoring.evaluation import evaluation_report
from koers.monitoring.figures import registry, rows_of
from koers.monitoring.presentation import format_value
from koers.monitoring.selection import Selection
from koers.people.models import Person

from ..conftest import TODAY
from .conftest import PERIOD

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_comparison_has_a_column_per_municipality_with_each_ones_own_figures(generated_with_support):
    report = evaluation_report(generated_with_support, *PERIOD, TODAY)
    assert [m.pk for m in report.municipalities] == sorted(
        generated_with_support, key=lambda pk: Municipality.objects.get(pk=pk).name
    )
    line = next(line for line in report.figures if line.figure_key == "dagen_tot_pip")
    rows = rows_of(
        registry["dagen_tot_pip"], Selection(generated_with_support, *PERIOD, TODAY, "municipality")
    )
    assert len(rows) == 2 and not any(row.suppressed for row in rows)
    for municipality, cell in zip(report.municipalities, line.cells, strict=True):
        (row,) = (row for row in rows if row.group == municipality.name)
        assert cell == f"{format_value(registry['dagen_tot_pip'].measure, row.value)} (n = {row.people})"
    labels = [line.label for line in report.execution]
    assert any(label.startswith("Taakstelling 2026") for label in labels)
    assert "Aantal vrijwilligers" in labels


def test_a_small_cell_reads_x_in_the_report(tenants):
    assert 0 < Person.objects.filter(municipality=tenants.b.municipality).count() < 5
    report = evaluation_report(frozenset({tenants.b.municipality.pk}), *PERIOD, TODAY)
    line = next(line for line in report.figures if line.figure_key == "koppelingen")
    assert line.cells == ["x"]


def test_the_pdf_of_one_municipality_opens_and_holds_its_figures(
    generated_with_support, client_as, tenants_of
):
    municipality = Municipality.objects.get(pk=min(generated_with_support))
    analyst = tenants_of(generated_with_support)
    response = client_as(analyst).get(
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
        assert f'<th scope="col">{municipality.name}</th>' in page
        assert f"/monitoring/evaluatie/{municipality.pk}/" in page
    for bsn, given, family in Person.objects.values_list("bsn", "given_names", "family_name"):
        assert bsn not in page and f"{given} {family}" not in page


def test_an_analyst_of_b_cannot_open_the_report_of_a(tenants, client_as):
    client = client_as(tenants.b.analyst)
    assert client.get(f"/monitoring/evaluatie/{tenants.a.municipality.pk}/").status_code == 404
    assert client.get(f"/monitoring/evaluatie/{tenants.a.municipality.pk}.pdf").status_code == 404
    assert AuditEntry.objects.filter(user_id=tenants.b.analyst.pk, outcome=Outcome.REFUSED).count() == 2
    page = client.get("/monitoring/evaluatie/").content.decode()
    assert tenants.b.municipality.name in page and tenants.a.municipality.name not in page


def test_a_volunteer_gets_no_report(tenants, client_as):
    assert client_as(tenants.a.volunteer).get("/monitoring/evaluatie/").status_code == 403
