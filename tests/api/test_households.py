import datetime as dt

from koers.audit.models import Action, AuditEntry, Outcome
from koers.people.constants import HouseholdRelation
from koers.people.models import HouseholdMember
from tests.factories import PersonFactory

from .helpers import assert_problem

URL = "/api/v1/huishoudens"


def family(tenant):
    """The tenant's person with a partner who has a dossier of their own and a child without one."""
    household = tenant.person.household
    partner = PersonFactory(municipality=tenant.municipality, household=household)
    HouseholdMember.objects.create(
        household=household, relation=HouseholdRelation.CHILD, given_names="Sara", family_name="Haddad",
        date_of_birth=dt.date(2019, 6, 1),
    )
    return household, partner


def test_a_consultant_lists_the_households_of_their_municipality(tenants, api_as):
    body = api_as(tenants.a.consultant).get(URL).json()
    assert {h["id"] for h in body["results"]} == {
        tenants.a.person.household.pk,
        tenants.a.other_person.household.pk,
    }


def test_a_volunteer_lists_only_the_household_of_the_person_they_support(tenants, api_as):
    body = api_as(tenants.a.volunteer).get(URL).json()
    assert [h["id"] for h in body["results"]] == [tenants.a.person.household.pk]


def test_members_are_shown_with_a_link_only_to_dossiers_the_user_may_open(tenants, api_as):
    household, partner = family(tenants.a)
    members = api_as(tenants.a.volunteer).get(f"{URL}/{household.pk}").json()["members"]
    assert [m["relation"] for m in members] == ["aanvrager", "partner", "kind"]
    applicant, hidden_partner, child = members
    assert applicant["person"].endswith(f"/api/v1/personen/{tenants.a.person.pk}")
    assert applicant["name"] == tenants.a.person.full_name
    assert hidden_partner == {"relation": "partner", "name": None, "dateOfBirth": None, "person": None}
    assert child == {"relation": "kind", "name": "Sara Haddad", "dateOfBirth": "2019-06-01", "person": None}
    consultant_view = api_as(tenants.a.consultant).get(f"{URL}/{household.pk}").json()["members"]
    assert consultant_view[1]["person"].endswith(f"/api/v1/personen/{partner.pk}")


def test_reading_a_household_logs_each_visible_person_once(tenants, api_as):
    household, partner = family(tenants.a)
    api_as(tenants.a.consultant).get(f"{URL}/{household.pk}")
    entries = AuditEntry.objects.all()
    assert sorted(e.person_id for e in entries) == sorted([tenants.a.person.pk, partner.pk])
    assert {(e.action, e.categories, e.purpose) for e in entries} == {
        (Action.READ, "identiteit", "API v1 GET /huishoudens/{id}")
    }


def test_the_household_list_logs_the_visible_persons_on_the_page(tenants, api_as):
    api_as(tenants.a.volunteer).get(URL)
    assert list(AuditEntry.objects.values_list("person_id", "action")) == [(tenants.a.person.pk, Action.LIST)]


def test_a_household_without_a_visible_person_is_not_found_and_the_attempt_logged(tenants, api_as):
    household = tenants.a.other_person.household
    assert_problem(api_as(tenants.a.volunteer).get(f"{URL}/{household.pk}"), 404)
    entry = AuditEntry.objects.get()
    assert (entry.person_id, entry.outcome) == (tenants.a.other_person.pk, Outcome.REFUSED)
