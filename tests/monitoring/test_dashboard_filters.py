"""The filters narrow every figure; bad filter input gives a Dutch error, never a crash."""

from __future__ import annotations

import datetime as dt

import pytest

from koers.lib import clock
from koers.monitoring.forms import default_period

from ..conftest import TODAY
from .conftest import women_and_men
from .test_dashboard_access import koppelingen


def test_filtering_on_gender_counts_only_that_gender(tenants, client_as):
    women_and_men(tenants.a.municipality, 5, 8)
    client = client_as(tenants.a.analyst)
    # Besides these, the fixture's two persons: a woman and a man.
    assert koppelingen(client, gender="v") == ["Totaal", "", "6", "6"]
    assert koppelingen(client, gender="m") == ["Totaal", "", "9", "9"]


def test_the_period_limits_the_koppelingen(tenants, client_as):
    women_and_men(tenants.a.municipality, 0, 6)
    body = (
        client_as(tenants.a.analyst).get("/monitoring/", {"start": "2026-04-01", "end": "2026-11-25"}).content
    )
    assert "Geen gegevens in deze periode" in body.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-06-30", "end": "2026-01-01"}, "Het einde van de periode ligt vóór het begin."),
        ({"start": "31-02-2026"}, "Voer een geldige datum in."),
        ({"breakdown": "bsn"}, "Selecteer een geldige keuze."),
        ({"gender": "q"}, "Selecteer een geldige keuze."),
    ],
)
def test_bad_filters_give_a_dutch_error_summary(tenants, client_as, params, message):
    response = client_as(tenants.a.analyst).get("/monitoring/", params)
    assert response.status_code == 200
    body = response.content.decode()
    assert "error-summary" in body and message in body
    assert client_as(tenants.a.analyst).get("/monitoring/koppelingen.csv", params).status_code == 400


def test_an_unknown_figure_is_not_found(tenants, client_as):
    assert client_as(tenants.a.analyst).get("/monitoring/onbekend.csv").status_code == 404


def test_the_default_period_is_the_last_twelve_months_including_a_leap_day():
    assert default_period(TODAY) == (dt.date(2025, 11, 26), TODAY)
    assert default_period(dt.date(2028, 2, 29)) == (dt.date(2027, 3, 1), dt.date(2028, 2, 29))
    assert default_period(clock.today())[1] == TODAY
