import datetime as dt

from django.test import Client
from django.urls import reverse

from koers.audit.models import AuditEntry, Outcome
from koers.kwalitatief import services

from .factories import hold, make_round, newcomer_interview


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(person) -> str:
    return reverse("kwalitatief:person", kwargs={"pk": person.pk})


def test_the_dossier_shows_interviews_and_follow_ups(tenants):
    interview_round = make_round(tenants.a.consultant, tenants.a.municipality)
    interview = hold(tenants.a.consultant, newcomer_interview(tenants.a.consultant, interview_round, tenants.a.person))
    services.add_follow_up(actor=tenants.a.consultant, participant=interview.participants.get(),
                           description="Uitleg over reiskostenvergoeding", owner=tenants.a.mb_worker,
                           due=dt.date(2026, 12, 10))
    page = logged_in(tenants.a.consultant).get(url(tenants.a.person)).content.decode()
    assert "Monitoring 2026" in page and "Uitleg over reiskostenvergoeding" in page


def test_a_volunteer_sees_no_interview_tab(tenants):
    assert logged_in(tenants.a.volunteer).get(url(tenants.a.person)).status_code == 404


def test_a_consultant_of_b_is_refused_and_the_attempt_logged(tenants):
    response = logged_in(tenants.b.consultant).get(url(tenants.a.person))
    assert response.status_code == 404
    assert AuditEntry.objects.filter(outcome=Outcome.REFUSED, username=tenants.b.consultant.username,
                                     person_id=tenants.a.person.pk).exists()
