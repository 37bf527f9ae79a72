"""Registering attendance at a group session ticks the covered checklist items off for those who came,
exactly those items and through the checklist (so it lands on the timeline); absence leaves them open."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from koers.access.constants import DataCategory
from koers.begeleiding import sessions
from koers.begeleiding.constants import ChecklistStatus
from koers.begeleiding.models import Invitation
from koers.lib import clock
from koers.people.constants import Phase

from .factories import PURPOSE, session_in, trajectory_in

AFTER = dt.date(2026, 12, 3)


@pytest.fixture
def planned(tenants):
    a = tenants.a
    came = trajectory_in(Phase.OPSTARTFASE, a.person, a.mb_worker)
    stayed_away = trajectory_in(Phase.OPSTARTFASE, a.other_person, a.mb_worker)
    session = session_in(a.municipality, a.mb_worker)
    invitations = sessions.invite(actor=a.mb_worker, session=session, persons=[a.person, a.other_person],
                                  purpose=PURPOSE)
    return session, invitations, came, stayed_away


def statuses(trajectory) -> dict[str, str]:
    return dict(trajectory.checklist.values_list("key", "status"))


def register(tenants, session, invitations, present):
    with clock.frozen(AFTER):
        return sessions.register_attendance(actor=tenants.a.mb_worker, session=session, invitations=invitations,
                                            present=present, purpose=PURPOSE)


def test_attending_ticks_exactly_the_covered_items_of_those_who_came(tenants, planned):
    session, invitations, came, stayed_away = planned
    before_came, before_away = statuses(came), statuses(stayed_away)
    came_invitation = next(i for i in invitations if i.person_id == tenants.a.person.pk)
    assert register(tenants, session, invitations, [came_invitation.pk]) == 2
    after_came = statuses(came)
    changed = {key for key in after_came if after_came[key] != before_came[key]}
    assert changed == set(session.covers)
    assert all(after_came[key] == ChecklistStatus.DONE for key in session.covers)
    assert statuses(stayed_away) == before_away
    assert came.person.timeline.filter(category=DataCategory.FINANCE, title__contains="gedaan").count() == 2
    assert not stayed_away.person.timeline.filter(category=DataCategory.FINANCE, title__contains="gedaan").exists()
    assert dict(Invitation.objects.values_list("person_id", "attended")) == {
        tenants.a.person.pk: True, tenants.a.other_person.pk: False}


def test_an_item_marked_not_needed_or_done_stays_as_it_was(tenants, planned):
    session, invitations, came, _ = planned
    first, second = came.checklist.filter(key__in=session.covers).order_by("position")
    first.status = ChecklistStatus.NOT_NEEDED
    first.save()
    register(tenants, session, invitations, [i.pk for i in invitations])
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (ChecklistStatus.NOT_NEEDED, ChecklistStatus.DONE)


def test_attendance_before_the_session_began_is_refused_and_nothing_changes(tenants, planned):
    session, invitations, came, _ = planned
    before = statuses(came)
    with pytest.raises(ValidationError, match="pas als de bijeenkomst begonnen"):
        sessions.register_attendance(actor=tenants.a.mb_worker, session=session, invitations=invitations,
                                     present=[invitations[0].pk], purpose=PURPOSE)
    assert statuses(came) == before
    assert not Invitation.objects.filter(attended__isnull=False).exists()


def test_attendance_is_registered_once(tenants, planned):
    session, invitations, _, _ = planned
    register(tenants, session, invitations, [])
    fresh = list(session.invitations.all())
    with pytest.raises(ValidationError, match="al geregistreerd"):
        register(tenants, session, fresh, [fresh[0].pk])
    assert not Invitation.objects.filter(attended=True).exists()


def test_an_unknown_invitation_is_refused_and_nothing_changes(tenants, planned):
    session, invitations, came, _ = planned
    before = statuses(came)
    with pytest.raises(ValidationError):
        register(tenants, session, invitations, [invitations[0].pk, 999_999])
    assert statuses(came) == before
    assert not Invitation.objects.filter(attended__isnull=False).exists()
