"""Rounds and interviews for the tests, made through the real services."""

from __future__ import annotations

import datetime as dt

from koers.access.models import User
from koers.kwalitatief import services
from koers.kwalitatief.constants import Audience, InterviewSetting
from koers.kwalitatief.defaults import ensure_defaults
from koers.kwalitatief.models import Interview, InterviewRound, Theme, TopicList
from koers.people.models import Person

ROUND_START = dt.date(2026, 11, 1)
ROUND_END = dt.date(2026, 12, 31)


def make_round(actor: User, municipality, name: str = "Monitoring 2026", starts_on: dt.date = ROUND_START,
               ends_on: dt.date = ROUND_END) -> InterviewRound:
    ensure_defaults(municipality)
    return services.create_round(actor=actor, municipality=municipality, name=name, starts_on=starts_on,
                                 ends_on=ends_on)


def topic_list(municipality, audience: str = Audience.NEWCOMERS) -> TopicList:
    return TopicList.objects.get(municipality=municipality, audience=audience, active=True)


def theme(municipality, code: str) -> Theme:
    return Theme.objects.get(municipality=municipality, code=code)


def newcomer_interview(actor: User, interview_round: InterviewRound, *persons: Person,
                       planned_on: dt.date = dt.date(2026, 11, 20), **kwargs) -> Interview:
    return services.plan_interview(
        actor=actor, interview_round=interview_round, topic_list=topic_list(interview_round.municipality),
        planned_on=planned_on, setting=InterviewSetting.GROUP if len(persons) > 1 else InterviewSetting.INDIVIDUAL,
        language="ar", persons=list(persons), **kwargs,
    )


def provider_interview(actor: User, interview_round: InterviewRound, role: str = "Docent taalschool") -> Interview:
    return services.plan_interview(
        actor=actor, interview_round=interview_round,
        topic_list=topic_list(interview_round.municipality, Audience.PROVIDERS), planned_on=dt.date(2026, 11, 21),
        setting=InterviewSetting.INDIVIDUAL, language="nl", respondent_role=role,
    )


def hold(actor: User, interview: Interview, answers: dict[int, tuple[str, set[int]]] | None = None,
         consent: bool = True, held_on: dt.date = dt.date(2026, 11, 20)) -> Interview:
    given = {topic_id: services.AnswerInput(text, frozenset(themes)) for topic_id, (text, themes) in
             (answers or {}).items()}
    services.record_interview(actor=actor, interview=interview, held_on=held_on, answers=given,
                              consents={p.person_id: consent for p in interview.participants.all()})
    interview.refresh_from_db()
    return interview


def first_topic(interview: Interview) -> int:
    return interview.topic_list.topics.first().pk
