import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from koers.kwalitatief import deadlines, services
from koers.kwalitatief.constants import FOLLOW_UP_KIND
from koers.kwalitatief.models import FollowUpAction

from .factories import hold, make_round, newcomer_interview, theme


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def held_interview(tenants, consent: bool):
    interview_round = make_round(tenants.a.consultant, tenants.a.municipality)
    return hold(tenants.a.consultant, newcomer_interview(tenants.a.consultant, interview_round, tenants.a.person),
                consent=consent)


def test_without_consent_no_follow_up_reaches_the_dossier(tenants):
    participant = held_interview(tenants, consent=False).participants.get()
    with pytest.raises(ValidationError, match="Zonder toestemming"):
        services.add_follow_up(actor=tenants.a.consultant, participant=participant, description="Kinderopvang regelen",
                               owner=tenants.a.consultant, due=dt.date(2026, 12, 15))
    assert not FollowUpAction.objects.exists()


def test_with_consent_the_follow_up_is_a_task_in_the_dossier_and_a_deadline(tenants):
    interview = held_interview(tenants, consent=True)
    participant = interview.participants.get()
    response = logged_in(tenants.a.consultant).post(
        reverse("kwalitatief:add_follow_up", kwargs={"pk": interview.pk, "participant_pk": participant.pk}),
        {"description": "Informeren over vergoeding kinderopvang", "owner": tenants.a.consultant.pk,
         "due": "15-12-2026", "theme": theme(tenants.a.municipality, "kinderopvang").pk},
    )
    assert response.status_code == 302
    action = FollowUpAction.objects.get()
    assert action.person == tenants.a.person and action.owner == tenants.a.consultant
    assert tenants.a.person.timeline.filter(title__startswith="Vervolgactie na gesprek").exists()
    running = list(deadlines.compute([tenants.a.person.pk], dt.date(2026, 11, 25)))
    assert [(d.kind, d.due) for d in running] == [(FOLLOW_UP_KIND, dt.date(2026, 12, 15))]


def test_an_owner_who_cannot_open_the_dossier_is_refused(tenants):
    participant = held_interview(tenants, consent=True).participants.get()
    with pytest.raises(ValidationError, match="geen toegang"):
        services.add_follow_up(actor=tenants.a.consultant, participant=participant, description="Bellen",
                               owner=tenants.b.consultant, due=dt.date(2026, 12, 15))


def test_the_form_offers_no_owner_of_another_municipality(tenants):
    interview = held_interview(tenants, consent=True)
    participant = interview.participants.get()
    response = logged_in(tenants.a.consultant).post(
        reverse("kwalitatief:add_follow_up", kwargs={"pk": interview.pk, "participant_pk": participant.pk}),
        {"description": "Bellen", "owner": tenants.b.consultant.pk, "due": "15-12-2026"},
    )
    assert response.status_code == 400 and not FollowUpAction.objects.exists()


def test_a_due_date_in_the_past_is_refused(tenants):
    participant = held_interview(tenants, consent=True).participants.get()
    with pytest.raises(ValidationError, match="verleden"):
        services.add_follow_up(actor=tenants.a.consultant, participant=participant, description="Bellen",
                               owner=tenants.a.consultant, due=dt.date(2026, 11, 24))


def test_completing_the_follow_up_ends_the_deadline(tenants):
    participant = held_interview(tenants, consent=True).participants.get()
    action = services.add_follow_up(actor=tenants.a.consultant, participant=participant, description="Bellen",
                                    owner=tenants.a.consultant, due=dt.date(2026, 11, 25))
    response = logged_in(tenants.a.consultant).post(
        reverse("kwalitatief:complete_follow_up", kwargs={"pk": action.pk}))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.done_on == dt.date(2026, 11, 25)
    assert not list(deadlines.compute([tenants.a.person.pk], dt.date(2026, 11, 25)))


def test_a_volunteer_cannot_complete_a_follow_up(tenants):
    participant = held_interview(tenants, consent=True).participants.get()
    action = services.add_follow_up(actor=tenants.a.consultant, participant=participant, description="Bellen",
                                    owner=tenants.a.consultant, due=dt.date(2026, 12, 1))
    response = logged_in(tenants.a.volunteer).post(reverse("kwalitatief:complete_follow_up", kwargs={"pk": action.pk}))
    assert response.status_code == 404
    action.refresh_from_db()
    assert action.done_on is None
