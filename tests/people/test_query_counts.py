"""Screens take the same number of queries for a few persons as for many."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.access.constants import Role
from koers.access.models import Membership
from koers.people.constants import AssignmentRole, HouseholdRelation
from koers.people.models import HouseholdMember
from tests.factories import AssignmentFactory, PersonFactory, TimelineEventFactory, user_with_role


def warmed_up(client_as, users, url: str) -> None:
    """One request first: the first audited read of all creates the audit chain's head (a test
    database that a transactional test emptied has none), which is no query of the screen."""
    for user in users:
        client_as(user).get(url)


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def grow_caseload(tenant, count: int, volunteer) -> None:
    for person in PersonFactory.create_batch(
        count, municipality=tenant.municipality, consultant=tenant.consultant
    ):
        AssignmentFactory(
            person=person,
            organisation=tenant.mb_organisation,
            user=volunteer,
            role=AssignmentRole.VRIJWILLIGER,
        )


def test_the_caseload_takes_as_many_queries_for_forty_persons_as_for_five(tenants, client_as):
    tenant = tenants.a
    volunteer = user_with_role(Role.VRIJWILLIGER, tenant.mb_organisation)
    mixed = user_with_role(Role.TEAM_LEAD, tenant.team)
    Membership.objects.create(user=mixed, organisation=tenant.mb_organisation, role=Role.MB_BEGELEIDER)
    users = (tenant.consultant, volunteer, mixed)
    grow_caseload(tenant, 5, volunteer)
    warmed_up(client_as, users, "/personen/?q=a")
    few = [queries_for(client_as(user), "/personen/?q=a") for user in users]
    grow_caseload(tenant, 35, volunteer)
    many = [queries_for(client_as(user), "/personen/?q=a") for user in users]
    assert few == many


def grow_dossier(person, count: int) -> None:
    TimelineEventFactory.create_batch(count, person=person)
    household = person.household
    for index in range(count):
        HouseholdMember.objects.create(
            household=household,
            relation=HouseholdRelation.CHILD,
            given_names=f"Kind {index}",
            date_of_birth=dt.date(2015, 1, 1),
        )
    PersonFactory.create_batch(2, municipality=person.municipality, household=household)
    for _ in range(count // 5):
        AssignmentFactory(person=person, organisation=person.consultant.memberships.get().organisation)


def test_a_dossier_takes_as_many_queries_for_forty_events_and_members_as_for_five(tenants, client_as):
    person = tenants.a.person
    url = f"/personen/{person.pk}/"
    users = (tenants.a.consultant, tenants.a.volunteer)
    grow_dossier(person, 5)
    warmed_up(client_as, users, url)
    few = [queries_for(client_as(user), url) for user in users]
    grow_dossier(person, 35)
    many = [queries_for(client_as(user), url) for user in users]
    assert few == many
