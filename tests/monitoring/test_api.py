"""``/api/v1/kengetallen``: aggregates for other systems, with a token; suppressed like the dashboard,
limited to the caller's municipalities, problem+json for bad input, never a name or a BSN."""

from __future__ import annotations

import datetime as dt

import pytest

from koers.audit.models import AuditEntry, Outcome
from koers.monitoring.figures import registry
from koers.people.models import Person
from tests.api.conftest import token_client
from tests.api.helpers import assert_problem, invalid_names

from ..conftest import TODAY
from .conftest import women_and_men

pytestmark = pytest.mark.django_db
URL = "/api/v1/kengetallen"


def cells(response) -> dict[str, dict]:
    return {cell["groep"]: cell for cell in response.json()["cellen"]}


def test_the_list_names_every_figure(tenants):
    response = token_client(tenants.a.analyst).get(URL)
    assert response.status_code == 200
    assert [f["code"] for f in response.json()] == list(registry)


def test_a_figure_is_broken_down_with_small_cells_suppressed(tenants):
    women_and_men(tenants.a.municipality, 12, 6, 2)
    response = token_client(tenants.a.analyst).get(
        f"{URL}/koppelingen",
        {
            "gemeente": tenants.a.municipality.pk,
            "vanaf": "2020-01-01",
            "tot": "2026-11-25",
            "uitsplitsing": "geslacht",
        },
    )
    assert response.status_code == 200, response.content
    shown = cells(response)
    women = Person.objects.filter(municipality=tenants.a.municipality, gender="v").count()
    assert shown["v"]["aantal"] == women >= 12 and not shown["v"]["afgeschermd"]
    assert shown["x"] == shown["x"] | {"aantal": None, "waarde": None, "afgeschermd": True}
    assert response.json()["gemeenten"] == [tenants.a.municipality.pk]


def test_an_analyst_of_b_never_gets_the_figures_of_a(tenants):
    women_and_men(tenants.a.municipality, 8, 8)
    client = token_client(tenants.b.analyst)
    assert_problem(client.get(f"{URL}/koppelingen", {"gemeente": tenants.a.municipality.pk}), 404)
    assert AuditEntry.objects.filter(user_id=tenants.b.analyst.pk, outcome=Outcome.REFUSED).exists()
    response = client.get(f"{URL}/koppelingen", {"vanaf": "2020-01-01"})
    assert response.json()["gemeenten"] == [tenants.b.municipality.pk]
    ours = Person.objects.filter(municipality=tenants.b.municipality).count()
    assert sum(c["aantal"] or 0 for c in response.json()["cellen"]) <= ours


@pytest.mark.parametrize("role", ["volunteer", "provider", "mb_worker"])
def test_roles_without_dashboards_are_refused(tenants, role):
    assert_problem(token_client(getattr(tenants.a, role)).get(URL), 403)
    assert_problem(token_client(getattr(tenants.a, role)).get(f"{URL}/koppelingen"), 403)


def test_without_a_token_the_api_answers_401(tenants):
    from rest_framework.test import APIClient

    assert_problem(APIClient().get(f"{URL}/koppelingen"), 401)


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"vanaf": "gisteren"}, {"vanaf"}),
        ({"vanaf": "2026-05-01", "tot": "2026-01-01"}, {"tot"}),
        ({"uitsplitsing": "naam"}, {"uitsplitsing"}),
        ({"geslacht": "q"}, {"geslacht"}),
        ({"bsn": "123"}, {"bsn"}),
    ],
)
def test_bad_parameters_are_a_problem_naming_them(tenants, params, names):
    body = assert_problem(token_client(tenants.a.analyst).get(f"{URL}/koppelingen", params), 400)
    assert invalid_names(body) == names


def test_an_unknown_figure_is_a_404_problem(tenants):
    assert_problem(token_client(tenants.a.analyst).get(f"{URL}/onbekend"), 404)


def test_no_name_or_bsn_in_any_answer(tenants):
    women_and_men(tenants.a.municipality, 6, 6)
    client = token_client(tenants.a.analyst)
    answers = [client.get(URL).content.decode()] + [
        client.get(
            f"{URL}/{key}", {"uitsplitsing": "land_van_herkomst", "vanaf": "2020-01-01"}
        ).content.decode()
        for key in registry
    ]
    for bsn, given, family in Person.objects.values_list("bsn", "given_names", "family_name"):
        for answer in answers:
            assert bsn not in answer and given not in answer and family not in answer


def test_the_openapi_document_describes_the_figures_their_breakdowns_and_suppression(db, client):
    document = client.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/kengetallen/{code}"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert {"gemeente", "vanaf", "tot", "uitsplitsing", "geslacht", "leeftijdsgroep", "doelgroep",
            "alfabetisering"} <= set(parameters)
    assert set(parameters["uitsplitsing"]["schema"]["enum"]) == {
        "totaal", "geslacht", "leeftijdsgroep", "doelgroep", "land_van_herkomst", "alfabetisering", "gemeente"
    }
    assert "5 personen" in operation["description"]
    assert {"200", "400"} <= set(operation["responses"])
    cell = document["components"]["schemas"]["Cel"]["properties"]
    assert {"afgeschermd", "aantal", "waarde"} <= set(cell)


def test_the_figures_of_the_api_equal_the_dashboards(tenants):
    from koers.monitoring.figures import rows_of
    from koers.monitoring.selection import Selection

    women_and_men(tenants.a.municipality, 7, 3, 9)
    response = token_client(tenants.a.analyst).get(
        f"{URL}/koppelingen", {"vanaf": "2020-01-01", "tot": "2026-11-25", "uitsplitsing": "geslacht"}
    )
    rows = rows_of(registry["koppelingen"], Selection(frozenset({tenants.a.municipality.pk}),
                                                       dt.date(2020, 1, 1), TODAY, TODAY, "gender"))
    assert {c["groep"]: (c["aantal"], c["waarde"]) for c in response.json()["cellen"]} == {
        r.group: (r.people, r.value) for r in rows
    }
