"""Dashboards are for the policy analyst, team lead and consultant, over the municipalities their
organisation serves; volunteers, providers and MB workers are refused, and another municipality is
answered with 404 and a logged refusal."""

from __future__ import annotations

import csv
import io

import pytest

from koers.access.constants import Role
from koers.audit.models import Action, AuditEntry, Outcome
from koers.lib.navigation import menu_for

from ..factories import user_with_role
from .conftest import women_and_men

URL = "/monitoring/"


@pytest.mark.parametrize(
    "role", [Role.VRIJWILLIGER, Role.TAALAANBIEDER, Role.MB_BEGELEIDER, Role.FUNCTIONAL_ADMIN]
)
def test_it_refuses_roles_without_a_dashboard(tenants, client_as, role):
    client = client_as(tenants.a.user(role))
    assert client.get(URL).status_code == 403
    assert client.get("/monitoring/koppelingen.csv").status_code == 403
    assert not AuditEntry.objects.filter(
        action__in=[Action.READ, Action.EXPORT], outcome=Outcome.ALLOWED
    ).exists()


@pytest.mark.parametrize("role", [Role.POLICY_ANALYST, Role.TEAM_LEAD, Role.CONSULTANT])
def test_it_shows_the_dashboard_to_roles_overseeing_a_municipality(tenants, client_as, role):
    response = client_as(tenants.a.user(role)).get(URL)
    assert response.status_code == 200
    assert "Koppelingen" in response.content.decode()


def test_the_menu_shows_monitoring_to_the_analyst_and_not_to_a_volunteer(tenants):
    assert "monitoring" in {link.key for link in menu_for(tenants.a.analyst)}
    assert "monitoring" not in {link.key for link in menu_for(tenants.a.volunteer)}


def koppelingen(client, **params) -> list[str]:
    """The total row of the koppelingen export."""
    rows = list(csv.reader(io.StringIO(client.get("/monitoring/koppelingen.csv", params).content.decode())))
    return rows[1]


def test_an_analyst_counts_only_their_own_municipality(tenants, client_as):
    women_and_men(tenants.a.municipality, 0, 6)
    women_and_men(tenants.b.municipality, 0, 9)
    # Each municipality holds the fixture's two persons besides these.
    assert koppelingen(client_as(tenants.a.analyst)) == ["Totaal", "", "8", "8"]
    assert koppelingen(client_as(tenants.b.analyst)) == ["Totaal", "", "11", "11"]


def test_another_municipality_is_not_found_and_the_attempt_logged(tenants, client_as):
    client = client_as(tenants.a.analyst)
    for url in (URL, "/monitoring/koppelingen.csv"):
        response = client.get(url, {"municipality": tenants.b.municipality.pk})
        assert response.status_code == 404
    refused = AuditEntry.objects.filter(outcome=Outcome.REFUSED, user_id=tenants.a.analyst.pk)
    assert refused.count() == 2
    assert not AuditEntry.objects.filter(outcome=Outcome.ALLOWED).exists()


def test_an_analyst_of_a_regional_team_sees_each_and_all_served_municipalities(tenants, client_as):
    tenants.a.team.serves.add(tenants.b.municipality)
    women_and_men(tenants.a.municipality, 0, 6)
    women_and_men(tenants.b.municipality, 0, 9)
    analyst = user_with_role(Role.POLICY_ANALYST, tenants.a.team)
    client = client_as(analyst)
    assert koppelingen(client) == ["Totaal", "", "19", "19"]
    assert koppelingen(client, municipality=tenants.b.municipality.pk) == ["Totaal", "", "11", "11"]
    assert koppelingen(client, municipality=tenants.a.municipality.pk) == ["Totaal", "", "8", "8"]
