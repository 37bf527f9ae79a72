"""The functional administrator sets the retention period of their own municipality and reads the
anonymisation report; every privacy screen is reachable from the menu for the roles that need it
(the administrator all of them, the team lead the unusual-access report); other roles and
municipalities are refused."""

import datetime as dt

import lxml.html
import pytest

from koers.access.constants import Role
from koers.avg.anonymise import anonymise_due_dossiers
from koers.avg.models import RetentionPolicy

from .factories import closed_dossier

pytestmark = pytest.mark.django_db


def test_the_admin_sets_the_retention_period_of_their_municipality(tenants, client_as):
    client = client_as(tenants.a.admin)
    page = client.get("/privacy/bewaartermijnen/")
    assert [row.municipality for row in page.context["rows"]] == [tenants.a.municipality]
    prefix = f"m{tenants.a.municipality.pk}"
    response = client.post(
        "/privacy/bewaartermijnen/",
        {"municipality": tenants.a.municipality.pk, f"{prefix}-years_after_closing": 7},
    )
    assert response.status_code == 302
    assert RetentionPolicy.objects.get().years_after_closing == 7


def test_a_retention_period_for_another_municipality_is_ignored(tenants, client_as):
    prefix = f"m{tenants.b.municipality.pk}"
    client_as(tenants.a.admin).post(
        "/privacy/bewaartermijnen/",
        {"municipality": tenants.b.municipality.pk, f"{prefix}-years_after_closing": 1},
    )
    assert not RetentionPolicy.objects.exists()


def test_an_impossible_period_is_refused_with_an_explanation(tenants, client_as):
    prefix = f"m{tenants.a.municipality.pk}"
    response = client_as(tenants.a.admin).post(
        "/privacy/bewaartermijnen/",
        {"municipality": tenants.a.municipality.pk, f"{prefix}-years_after_closing": "0"},
    )
    assert response.status_code == 400 and "error-summary" in response.content.decode()
    assert not RetentionPolicy.objects.exists()


def test_the_report_shows_counts_of_the_admins_municipality_only(tenants, client_as):
    for tenant in (tenants.a, tenants.b):
        RetentionPolicy.objects.create(municipality=tenant.municipality, years_after_closing=1)
    closed_dossier(tenants.a.municipality, dt.date(2020, 1, 1))
    closed_dossier(tenants.b.municipality, dt.date(2020, 1, 1))
    closed_dossier(tenants.b.municipality, dt.date(2020, 1, 1))
    anonymise_due_dossiers()
    response = client_as(tenants.a.admin).get("/privacy/anonimisering/")
    assert [(run.municipality, run.dossiers) for run in response.context["runs"]] == [
        (tenants.a.municipality, 1)
    ]
    assert "people.Person" in response.content.decode()


@pytest.mark.parametrize("url", ["/privacy/", "/privacy/bewaartermijnen/", "/privacy/anonimisering/"])
@pytest.mark.parametrize("role", [r for r in Role if r != Role.FUNCTIONAL_ADMIN])
def test_other_roles_may_not_open_the_privacy_screens(tenants, client_as, role, url):
    assert client_as(tenants.a.user(role)).get(url).status_code == 403


def menu_links(client) -> dict[str, str]:
    """The main menu of a page, as label → address."""
    page = lxml.html.fromstring(client.get("/accounts/beveiliging/").content)
    links = page.xpath("//nav[contains(@class, 'main-nav')]//a")
    return {a.text_content().strip(): a.get("href") for a in links}


def page_links(client, url: str) -> list[str]:
    page = lxml.html.fromstring(client.get(url).content)
    return [a.get("href") for a in page.xpath("//main//a")]


def test_the_admin_reaches_every_privacy_screen_from_the_menu(tenants, client_as):
    client = client_as(tenants.a.admin)
    privacy = menu_links(client)["Privacy en logboek"]
    screens = page_links(client, privacy)
    assert set(screens) == {
        "/privacy/logboek/",
        "/privacy/ongebruikelijke-toegang/",
        "/privacy/bewaartermijnen/",
        "/privacy/anonimisering/",
        "/accounts/beleid/tweestapsverificatie/",
    }
    assert {url: client.get(url).status_code for url in screens} == dict.fromkeys(screens, 200)


def test_the_team_lead_reaches_the_unusual_access_report_from_the_menu(tenants, client_as):
    client = client_as(tenants.a.team_lead)
    links = menu_links(client)
    assert "Privacy en logboek" not in links
    response = client.get(links["Ongebruikelijke toegang"])
    assert response.status_code == 200
    assert [report.municipality for report in response.context["reports"]] == [tenants.a.municipality]


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.FUNCTIONAL_ADMIN, Role.TEAM_LEAD)])
def test_other_roles_find_neither_in_their_menu_and_are_refused(tenants, client_as, role):
    client = client_as(tenants.a.user(role))
    assert not {"Privacy en logboek", "Ongebruikelijke toegang"} & set(menu_links(client))
    assert client.get("/privacy/ongebruikelijke-toegang/").status_code == 403
