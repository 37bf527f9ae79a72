from koers.access.constants import Role
from koers.audit.models import Action, AuditEntry, Channel, Outcome
from tests.factories import AssignmentFactory, PersonFactory

from .helpers import assert_problem, count_queries


def url(person) -> str:
    return f"/api/v1/personen/{person.pk}"


def test_a_consultant_reads_the_whole_dossier_in_camel_case(tenants, api_as):
    person = tenants.a.person
    body = api_as(tenants.a.consultant).get(url(person)).json()
    assert body["bsn"] == person.bsn
    assert body["givenNames"] == person.given_names
    assert body["countryOfOrigin"] == "SY"
    assert body["municipality"] == tenants.a.municipality.cbs_code
    assert body["consultant"] == {"id": tenants.a.consultant.pk, "name": str(tenants.a.consultant)}
    assert body["url"].endswith(url(person))
    assert body["household"].endswith(f"/api/v1/huishoudens/{person.household.pk}")


def test_each_role_gets_only_the_fields_of_its_data_categories(tenants, api_as):
    expectations = {
        Role.CONSULTANT: ({"bsn", "phone", "literacy"}, set()),
        Role.TEAM_LEAD: ({"phone", "literacy"}, {"bsn"}),
        Role.MB_BEGELEIDER: ({"bsn", "phone", "literacy"}, set()),
        Role.TAALAANBIEDER: ({"phone", "literacy"}, {"bsn"}),
        Role.VRIJWILLIGER: ({"phone", "familyName"}, {"bsn", "literacy"}),
    }
    for role, (present, absent) in expectations.items():
        body = api_as(tenants.a.user(role)).get(url(tenants.a.person)).json()
        assert present <= body.keys(), role
        assert not absent & body.keys(), role


def test_a_read_logs_exactly_one_entry_with_the_categories_shown(tenants, api_as):
    api_as(tenants.a.volunteer).get(url(tenants.a.person))
    entry = AuditEntry.objects.get()
    assert (entry.person_id, entry.action, entry.channel, entry.outcome) == (
        tenants.a.person.pk,
        Action.READ,
        Channel.API,
        Outcome.ALLOWED,
    )
    assert entry.categories == "contact,identiteit"
    assert entry.purpose == "API v1 GET /personen/{id}"
    assert entry.user_id == tenants.a.volunteer.pk


def test_a_person_the_user_may_not_reach_in_their_own_municipality_is_not_found(tenants, api_as):
    response = api_as(tenants.a.volunteer).get(url(tenants.a.other_person))
    assert_problem(response, 404)
    entry = AuditEntry.objects.get()
    assert (entry.person_id, entry.outcome) == (tenants.a.other_person.pk, Outcome.REFUSED)


def test_an_id_that_is_no_usable_number_is_simply_not_found(tenants, api_as):
    for raw in ("abc", "-3", str(2**70)):
        assert_problem(api_as(tenants.a.consultant).get(f"/api/v1/personen/{raw}"), 404)


def test_the_number_of_queries_for_a_dossier_does_not_depend_on_the_caseload(tenants, api_as):
    def queries_for_detail(user) -> int:
        client = api_as(user)
        count, response = count_queries(lambda: client.get(url(tenants.a.person)))
        assert response.status_code == 200
        return count

    PersonFactory(municipality=tenants.a.municipality)
    few = [queries_for_detail(user) for user in (tenants.a.consultant, tenants.a.volunteer)]
    for person in PersonFactory.create_batch(27, municipality=tenants.a.municipality):
        AssignmentFactory(person=person, organisation=tenants.a.mb_organisation, user=tenants.a.volunteer)
    many = [queries_for_detail(user) for user in (tenants.a.consultant, tenants.a.volunteer)]
    assert many == few
