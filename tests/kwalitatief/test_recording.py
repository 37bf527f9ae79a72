import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from koers.kwalitatief import services
from koers.kwalitatief.constants import InterviewStatus
from koers.kwalitatief.models import Answer

from .factories import first_topic, hold, make_round, newcomer_interview, theme


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def interview(tenants):
    interview_round = make_round(tenants.a.consultant, tenants.a.municipality)
    return newcomer_interview(tenants.a.consultant, interview_round, tenants.a.person)


def test_the_report_of_an_interview_is_recorded_per_topic_with_themes_and_consent(tenants, interview):
    topic = first_topic(interview)
    childcare = theme(tenants.a.municipality, "kinderopvang")
    response = logged_in(tenants.a.consultant).post(reverse("kwalitatief:interview", kwargs={"pk": interview.pk}), {
        "held_on": "20-11-2026", f"answer_{topic}": "Ik weet niet wie mijn contactpersoon is.",
        f"themes_{topic}": [childcare.pk], f"consent_{tenants.a.person.pk}": "on",
    })
    assert response.status_code == 302
    interview.refresh_from_db()
    answer = Answer.objects.get()
    assert interview.status == InterviewStatus.HELD and interview.held_on == dt.date(2026, 11, 20)
    assert list(answer.themes.all()) == [childcare]
    assert interview.participants.get().follow_up_consent


def test_recording_again_replaces_the_answers(tenants, interview):
    topic = first_topic(interview)
    hold(tenants.a.consultant, interview, {topic: ("Eerste versie", set())})
    hold(tenants.a.consultant, interview, {topic: ("Tweede versie", set())})
    assert list(Answer.objects.values_list("text", flat=True)) == ["Tweede versie"]


def test_an_interview_cannot_have_been_held_in_the_future(tenants, interview):
    response = logged_in(tenants.a.consultant).post(reverse("kwalitatief:interview", kwargs={"pk": interview.pk}), {
        "held_on": "26-11-2026", f"answer_{first_topic(interview)}": "Iets",
    })
    assert response.status_code == 400
    assert "in de toekomst" in response.content.decode()
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.PLANNED and not Answer.objects.exists()


def test_a_theme_of_another_municipality_is_refused(tenants, interview):
    make_round(tenants.b.consultant, tenants.b.municipality)
    foreign = theme(tenants.b.municipality, "vervoer")
    with pytest.raises(ValidationError, match="andere gemeente"):
        services.record_interview(actor=tenants.a.consultant, interview=interview, held_on=dt.date(2026, 11, 20),
                                  answers={first_topic(interview): services.AnswerInput("x", frozenset({foreign.pk}))},
                                  consents={})
    assert not Answer.objects.exists()


def test_a_cancelled_interview_cannot_be_recorded(tenants, interview):
    services.cancel_interview(actor=tenants.a.consultant, interview=interview)
    with pytest.raises(ValidationError, match="vervallen"):
        hold(tenants.a.consultant, interview)


def test_a_consultant_of_b_cannot_open_the_interview(tenants, interview):
    response = logged_in(tenants.b.consultant).get(reverse("kwalitatief:interview", kwargs={"pk": interview.pk}))
    assert response.status_code == 404


def test_opening_an_interview_is_audit_logged_for_its_participants(tenants, interview):
    from koers.audit.models import AuditEntry

    before = AuditEntry.objects.count()
    logged_in(tenants.a.consultant).get(reverse("kwalitatief:interview", kwargs={"pk": interview.pk}))
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == before + 1 and entry.person_id == tenants.a.person.pk
