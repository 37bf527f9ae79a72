import re

from koers.access.constants import Role
from koers.access.models import Membership
from koers.audit.models import Action, AuditEntry, Channel
from tests.factories import AssignmentFactory, PersonFactory

from .conftest import htmx_headers


def listed_names(response) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/personen/\d+/">([^<]+)</a></th>', response.content.decode())


def test_a_consultant_sees_the_persons_of_their_own_municipality_only(tenants, client_as):
    for own, other in ((tenants.a, tenants.b), (tenants.b, tenants.a)):
        response = client_as(own.consultant).get("/personen/")
        assert response.status_code == 200
        assert sorted(listed_names(response)) == sorted([own.person.full_name, own.other_person.full_name])
        content = response.content.decode()
        assert f"/personen/{other.person.pk}/" not in content
        assert f"/personen/{other.other_person.pk}/" not in content


def test_a_volunteer_sees_only_the_person_assigned_to_them(tenants, client_as):
    response = client_as(tenants.a.volunteer).get("/personen/")
    assert listed_names(response) == [tenants.a.person.full_name]


def test_a_policy_analyst_sees_no_dossiers(tenants, client_as):
    response = client_as(tenants.a.analyst).get("/personen/")
    assert listed_names(response) == []
    assert "Geen personen gevonden." in response.content.decode()


def test_every_listed_person_is_logged_once_as_listed_in_the_screen(tenants, client_as):
    client_as(tenants.a.consultant).get("/personen/")
    entries = AuditEntry.objects.all()
    assert sorted(e.person_id for e in entries) == sorted([tenants.a.person.pk, tenants.a.other_person.pk])
    assert {(e.action, e.channel, e.user_id) for e in entries} == {
        (Action.LIST, Channel.UI, tenants.a.consultant.pk)
    }
    assert {e.categories for e in entries} == {"bsn,identiteit"}


def test_a_user_without_bsn_rights_is_logged_as_seeing_identity_only(tenants, client_as):
    client_as(tenants.a.team_lead).get("/personen/")
    assert {e.categories for e in AuditEntry.objects.all()} == {"identiteit"}


def test_the_caseload_shows_fifty_persons_a_page(tenants, client_as):
    PersonFactory.create_batch(55, municipality=tenants.a.municipality)
    client = client_as(tenants.a.consultant)
    first = client.get("/personen/")
    second = client.get("/personen/?page=2")
    assert len(listed_names(first)) == 50
    assert len(listed_names(second)) == 57 - 50
    assert "57 personen gevonden, pagina 1 van 2" in first.content.decode()
    assert AuditEntry.objects.filter(action=Action.LIST).count() == 57


def test_a_page_number_out_of_range_shows_the_last_page(tenants, client_as):
    response = client_as(tenants.a.consultant).get("/personen/?page=99")
    assert response.status_code == 200
    assert len(listed_names(response)) == 2


def test_an_htmx_request_gets_only_the_results_and_the_new_count(tenants, client_as):
    response = client_as(tenants.a.consultant).get("/personen/?q=haddad", **htmx_headers("caseload-results"))
    content = response.content.decode()
    assert "<html" not in content
    assert 'id="caseload-status" hx-swap-oob="innerHTML"' in content
    assert "HX-Request" in response["Vary"]


def test_a_person_in_two_roles_sees_the_bsn_only_where_a_role_allows_it(tenants, client_as):
    lead = tenants.a.team_lead
    Membership.objects.create(user=lead, organisation=tenants.b.mb_organisation, role=Role.MB_BEGELEIDER)
    AssignmentFactory(person=tenants.b.other_person, organisation=tenants.b.mb_organisation)
    content = client_as(lead).get("/personen/").content.decode()
    assert tenants.b.other_person.bsn in content
    assert tenants.a.person.bsn not in content
    assert "afgeschermd" in content
    by_person = {e.person_id: e.categories for e in AuditEntry.objects.all()}
    assert by_person[tenants.b.other_person.pk] == "bsn,identiteit"
    assert by_person[tenants.a.person.pk] == "identiteit"


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, db):
    response = client.get("/personen/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/personen/")


def test_an_htmx_request_after_the_session_expired_sends_the_whole_page_to_the_login(client, db):
    response = client.get(
        "/personen/",
        {"q": "x"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/personen/?phase=regeldag",
    )
    assert response["HX-Redirect"] == "/accounts/login/?next=/personen/%3Fphase%3Dregeldag"
