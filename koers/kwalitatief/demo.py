"""Demo data for qualitative monitoring: a round in the shape of the Leidschendam-Voorburg monitoring
(individual and group interviews with newcomers, some with an interpreter, and interviews with
practitioners), answers coded by theme, and a follow-up action where the newcomer consented."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

from koers.access.models import Municipality, User
from koers.lib import clock
from koers.people.constants import TargetGroup
from koers.people.models import Person

from . import services
from .constants import Audience, InterviewSetting
from .defaults import ensure_defaults
from .models import InterviewRound, Theme, TopicList

ROUND_NAME = "Kwalitatieve monitoring (demo)"

# (topic position, answer, theme codes) — what newcomers typically said in the monitoring (seed 003).
NEWCOMER_ANSWERS = (
    (1, "Ik weet niet goed wie mijn contactpersoon bij de gemeente is; het is al twee keer veranderd.",
     ("contactpersoon",)),
    (4, "De lessen zijn goed, maar de bus naar de taalschool is duur en gaat niet vaak.", ("vervoer", "taallessen")),
    (10, "De brieven van de gemeente begrijp ik niet, ze zijn in moeilijk Nederlands.", ("informatie",)),
    (13, "Ik kan niet naar de les als er geen oppas is voor mijn kinderen.", ("kinderopvang",)),
)
PROVIDER_ANSWERS = (
    (7, "Kinderopvang en vervoer zijn de grootste drempels voor de lessen.", ("kinderopvang", "vervoer")),
    (8, "Mensen op de B1-route missen begeleiding naar passend, betaald werk.", ("werk",)),
)


def _themes(municipality: Municipality, codes: tuple[str, ...]) -> frozenset[int]:
    return frozenset(Theme.objects.filter(municipality=municipality, code__in=codes).values_list("pk", flat=True))


def _answers(topic_list: TopicList, municipality: Municipality, given) -> dict[int, services.AnswerInput]:
    topics = {t.position: t.pk for t in topic_list.topics.all()}
    return {topics[position]: services.AnswerInput(text, _themes(municipality, codes))
            for position, text, codes in given if position in topics}


def add_demo_kwalitatief(municipality: Municipality, interviewer: User, follow_up_owner: User) -> None:
    """One round with held interviews; skipped when the demo round exists already."""
    if InterviewRound.objects.filter(municipality=municipality, name=ROUND_NAME).exists():
        return
    ensure_defaults(municipality)
    today = clock.today()
    start = today - relativedelta(months=2)
    interview_round = services.create_round(actor=interviewer, municipality=municipality, name=ROUND_NAME,
                                            starts_on=start, ends_on=today + relativedelta(months=1))
    newcomers = TopicList.objects.get(municipality=municipality, audience=Audience.NEWCOMERS, active=True)
    providers = TopicList.objects.get(municipality=municipality, audience=Audience.PROVIDERS, active=True)
    persons = list(Person.objects.filter(municipality=municipality, consultant=interviewer)
                   .exclude(target_group=TargetGroup.OVERIG).order_by("pk")[:8])
    held_on = start + dt.timedelta(days=14)
    solo, group = persons[:5], persons[5:8]
    planned = [([person], InterviewSetting.INDIVIDUAL) for person in solo]
    if len(group) >= 2:
        planned.append((group, InterviewSetting.GROUP))
    for index, (people, setting) in enumerate(planned):
        interview = services.plan_interview(
            actor=interviewer, interview_round=interview_round, topic_list=newcomers, planned_on=held_on,
            setting=setting, language="nl" if index % 3 == 0 else "en",
            interpreter_language="" if index % 3 == 0 else (people[0].languages or ["ar"])[0], persons=people,
        )
        services.record_interview(actor=interviewer, interview=interview, held_on=held_on,
                                  answers=_answers(newcomers, municipality, NEWCOMER_ANSWERS),
                                  consents={p.pk: index % 2 == 0 for p in people})
    for role in ("Docent taalschool", "Teamleider maatschappelijke begeleiding"):
        interview = services.plan_interview(
            actor=interviewer, interview_round=interview_round, topic_list=providers, planned_on=held_on,
            setting=InterviewSetting.INDIVIDUAL, language="nl", respondent_role=role,
        )
        services.record_interview(actor=interviewer, interview=interview, held_on=held_on,
                                  answers=_answers(providers, municipality, PROVIDER_ANSWERS), consents={})
    consenting = interview_round.interviews.filter(participants__follow_up_consent=True).first()
    if consenting is not None:
        services.add_follow_up(
            actor=interviewer, participant=consenting.participants.filter(follow_up_consent=True).first(),
            description="Uitleggen wie de contactpersoon is en de regeling kinderopvangtoeslag bespreken",
            owner=follow_up_owner, due=today + dt.timedelta(days=14),
            theme=Theme.objects.get(municipality=municipality, code="kinderopvang"),
        )
