import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from koers.kwalitatief import services
from koers.kwalitatief.constants import InterviewSetting
from koers.kwalitatief.models import Interview, Participant

from .factories import make_round, provider_interview, topic_list


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def round_a(tenants):
    return make_round(tenants.a.consultant, tenants.a.municipality)


def plan(client, interview_round, **data):
    return client.post(reverse("kwalitatief:plan_interview", kwargs={"pk": interview_round.pk}), {
        "topic_list": topic_list(interview_round.municipality).pk, "setting": InterviewSetting.INDIVIDUAL,
        "planned_on": "20-11-2026", "language": "ar", "interpreter_language": "ar", **data,
    })


def test_a_consultant_plans_an_interview_with_an_interpreter(tenants, round_a):
    response = plan(logged_in(tenants.a.consultant), round_a, persons=str(tenants.a.person.pk))
    interview = Interview.objects.get()
    assert response.status_code == 302
    assert interview.interpreter_language == "ar"
    assert [p.person for p in interview.participants.all()] == [tenants.a.person]
    assert tenants.a.person.timeline.filter(title="Gesprek kwalitatieve monitoring gepland").exists()


def test_a_person_of_another_municipality_cannot_be_invited(tenants, round_a):
    response = plan(logged_in(tenants.a.consultant), round_a, persons=str(tenants.b.person.pk))
    assert response.status_code == 400
    assert "mag het dossier niet inzien" in response.content.decode()
    assert not Interview.objects.exists() and not Participant.objects.exists()


def test_gibberish_as_participant_numbers_gets_a_message(tenants, round_a):
    response = plan(logged_in(tenants.a.consultant), round_a, persons="12; drop table")
    assert response.status_code == 400
    assert "alleen cijfers" in response.content.decode()
    assert not Interview.objects.exists()


def test_an_interview_outside_the_rounds_period_is_refused(tenants, round_a):
    response = plan(logged_in(tenants.a.consultant), round_a, persons=str(tenants.a.person.pk),
                    planned_on="01-01-2027")
    assert response.status_code == 400
    assert "binnen de periode van de ronde" in response.content.decode()
    assert not Interview.objects.exists()


def test_a_group_interview_needs_two_newcomers(tenants, round_a):
    with pytest.raises(ValidationError, match="minstens twee"):
        services.plan_interview(actor=tenants.a.consultant, interview_round=round_a,
                                topic_list=topic_list(tenants.a.municipality), planned_on=dt.date(2026, 11, 20),
                                setting=InterviewSetting.GROUP, language="ti", persons=[tenants.a.person])


def test_an_individual_interview_has_exactly_one_newcomer(tenants, round_a):
    with pytest.raises(ValidationError, match="één inburgeraar"):
        services.plan_interview(actor=tenants.a.consultant, interview_round=round_a,
                                topic_list=topic_list(tenants.a.municipality), planned_on=dt.date(2026, 11, 20),
                                setting=InterviewSetting.INDIVIDUAL, language="ti",
                                persons=[tenants.a.person, tenants.a.other_person])


def test_a_provider_interview_records_a_role_and_no_newcomers(tenants, round_a):
    interview = provider_interview(tenants.a.consultant, round_a)
    assert interview.respondent_role == "Docent taalschool" and not interview.participants.exists()
    with pytest.raises(ValidationError, match="functie van de respondent"):
        provider_interview(tenants.a.consultant, round_a, role="  ")


def test_a_topic_list_of_another_municipality_cannot_be_used(tenants, round_a):
    make_round(tenants.b.consultant, tenants.b.municipality)
    with pytest.raises(ValidationError, match="andere gemeente"):
        services.plan_interview(actor=tenants.a.consultant, interview_round=round_a,
                                topic_list=topic_list(tenants.b.municipality), planned_on=dt.date(2026, 11, 20),
                                setting=InterviewSetting.INDIVIDUAL, language="nl", persons=[tenants.a.person])


def test_a_consultant_of_b_cannot_plan_in_a_round_of_a(tenants, round_a):
    response = plan(logged_in(tenants.b.consultant), round_a, persons=str(tenants.b.person.pk))
    assert response.status_code == 404
    assert not Interview.objects.exists()
