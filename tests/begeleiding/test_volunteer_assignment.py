"""A match gives the volunteer access to exactly their household; ending it takes the access away."""

import datetime as dt

from koers.access.query import visible_persons
from koers.begeleiding import volunteers
from koers.lib import clock
from koers.people.constants import AssignmentRole, EventKind

from .factories import PURPOSE, volunteer_in


def test_a_match_creates_a_volunteer_assignment_and_a_timeline_event(tenants):
    tenant = tenants.a
    volunteer = volunteer_in(tenant.mb_organisation)
    match = volunteers.match(actor=tenant.mb_worker, volunteer=volunteer, household=tenant.other_person.household,
                             purpose=PURPOSE)
    assignment = match.assignments.get()
    assert (assignment.person, assignment.user, assignment.organisation, assignment.role) == (
        tenant.other_person, volunteer.user, tenant.mb_organisation, AssignmentRole.VRIJWILLIGER)
    assert list(visible_persons(volunteer.user)) == [tenant.other_person]
    assert tenant.other_person.timeline.filter(kind=EventKind.ASSIGNMENT, title__contains="Maatje gekoppeld").exists()


def test_ending_a_match_ends_the_assignment_and_the_access(tenants):
    tenant = tenants.a
    volunteer = volunteer_in(tenant.mb_organisation)
    match = volunteers.match(actor=tenant.mb_worker, volunteer=volunteer, household=tenant.other_person.household,
                             purpose=PURPOSE)
    volunteers.end_match(actor=tenant.mb_worker, match=match, purpose=PURPOSE)
    match.refresh_from_db()
    assert match.ended_on is not None
    assert match.assignments.get().end_date == match.ended_on
    with clock.frozen(dt.datetime(2026, 11, 26, 12, tzinfo=dt.UTC)):
        assert not visible_persons(volunteer.user).exists()
    assert not volunteers.matches_of(volunteer.user).exists()
