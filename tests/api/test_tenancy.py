"""One municipality never reaches another's people, on any endpoint, and every attempt is logged."""

import pytest

from koers.access.constants import Role
from koers.audit.models import AuditEntry, Outcome
from koers.people.models import Person
from tests.factories import PersonFactory

from .helpers import assert_problem, centrumgemeente

DOSSIER_ROLES = [Role.CONSULTANT, Role.TEAM_LEAD, Role.MB_BEGELEIDER, Role.VRIJWILLIGER, Role.TAALAANBIEDER]


def person_requests(person) -> list[tuple[str, str, dict | None]]:
    return [
        ("get", f"/api/v1/personen/{person.pk}", None),
        ("patch", f"/api/v1/personen/{person.pk}", {"phone": "0612345678"}),
        ("get", f"/api/v1/personen/{person.pk}/tijdlijn", None),
    ]


@pytest.mark.parametrize("role", DOSSIER_ROLES)
def test_every_person_endpoint_answers_not_found_for_another_municipality(tenants, api_as, role):
    client = api_as(tenants.a.user(role))
    target = tenants.b.person
    for method, path, data in person_requests(target):
        assert_problem(getattr(client, method)(path, data, format="json"), 404)
    entries = AuditEntry.objects.all()
    assert [(e.person_id, e.outcome) for e in entries] == [(target.pk, Outcome.REFUSED)] * 3
    assert Person.objects.get(pk=target.pk).phone == ""


@pytest.mark.parametrize("role", DOSSIER_ROLES)
def test_the_household_of_another_municipality_is_not_found(tenants, api_as, role):
    household = tenants.b.person.household
    assert_problem(api_as(tenants.a.user(role)).get(f"/api/v1/huishoudens/{household.pk}"), 404)
    entry = AuditEntry.objects.get()
    assert (entry.person_id, entry.municipality_id, entry.outcome) == (
        tenants.b.person.pk, tenants.b.municipality.pk, Outcome.REFUSED,
    )


@pytest.mark.parametrize("role", list(Role))
def test_no_list_of_one_municipality_holds_anything_of_the_other(tenants, api_as, role):
    client = api_as(tenants.a.user(role))
    b_persons = {tenants.b.person.pk, tenants.b.other_person.pk}
    b_households = {p.household.pk for p in (tenants.b.person, tenants.b.other_person)}
    persons = {p["id"] for p in client.get("/api/v1/personen").json()["results"]}
    households = {h["id"] for h in client.get("/api/v1/huishoudens").json()["results"]}
    assert not persons & b_persons
    assert not households & b_households
    assert not AuditEntry.objects.filter(municipality_id=tenants.b.municipality.pk).exists()


def test_a_centrumgemeente_team_sees_the_persons_of_every_municipality_it_serves(tenants, api_as):
    served, consultant = centrumgemeente()
    persons = [PersonFactory(municipality=m) for m in served]
    client = api_as(consultant)
    listed = {p["id"] for p in client.get("/api/v1/personen").json()["results"]}
    assert listed == {p.pk for p in persons}
    assert client.get(f"/api/v1/personen/{persons[2].pk}").json()["municipality"] == "0626"
    assert_problem(client.get(f"/api/v1/personen/{tenants.a.person.pk}"), 404)
