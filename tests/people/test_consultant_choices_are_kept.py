"""The consultant filter of the caseload reads its choices once and keeps them, yet shows a change
to the team at once, and an htmx search does not read them at all."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.access.constants import Role
from koers.access.models import Membership
from tests.factories import user_with_role

HTMX_SEARCH = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "caseload-results"}


def consultant_queries(client, **headers) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/personen/", {"q": "a"}, **headers).status_code == 200
    return sum('"access_membership"."role" IN' in q["sql"] and "DISTINCT" in q["sql"] for q in queries)


def offered(client, user) -> bool:
    return f'<option value="{user.pk}">' in client.get("/personen/").content.decode()


def test_the_list_is_read_once_and_then_kept(tenants, client_as):
    client = client_as(tenants.a.consultant)
    assert consultant_queries(client) == 1
    assert consultant_queries(client) == 0


def test_an_htmx_search_does_not_read_the_consultants(tenants, client_as):
    assert consultant_queries(client_as(tenants.a.consultant), **HTMX_SEARCH) == 0


def test_a_consultant_who_joins_the_team_is_offered_at_once(tenants, client_as):
    client = client_as(tenants.a.consultant)
    client.get("/personen/")
    newcomer = user_with_role(Role.CONSULTANT, tenants.a.team)
    assert offered(client, newcomer)


def test_a_consultant_who_leaves_the_team_is_no_longer_offered(tenants, client_as):
    leaving = user_with_role(Role.CONSULTANT, tenants.a.team)
    client = client_as(tenants.a.consultant)
    assert offered(client, leaving)
    Membership.objects.filter(user=leaving).delete()
    assert not offered(client, leaving)


def test_a_renamed_consultant_is_offered_under_the_new_name(tenants, client_as):
    client = client_as(tenants.a.consultant)
    client.get("/personen/")
    tenants.a.team_lead.first_name, tenants.a.team_lead.last_name = "Fatima", "Ouali"
    tenants.a.team_lead.save()
    assert f'<option value="{tenants.a.team_lead.pk}">Fatima Ouali</option>' in client.get("/personen/").content.decode()


def test_a_team_that_starts_serving_another_municipality_offers_its_consultants_there(tenants, client_as):
    client = client_as(tenants.b.consultant)
    assert not offered(client, tenants.a.consultant)
    tenants.a.team.serves.add(tenants.b.municipality)
    assert offered(client, tenants.a.consultant)


def test_the_other_municipality_keeps_its_own_list(tenants, client_as):
    assert offered(client_as(tenants.a.consultant), tenants.a.consultant)
    assert not offered(client_as(tenants.b.consultant), tenants.a.consultant)
