"""Qualitative monitoring as named steps: plan a round, plan and record interviews, repeat a round,
and turn what a newcomer said into follow-up actions in their dossier (only with their consent)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.constants import DataCategory
from koers.access.models import Municipality, User
from koers.access.query import visible_persons
from koers.audit.log import record
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.people.constants import EventKind
from koers.people.models import Person, TimelineEvent

from .constants import Audience, InterviewSetting, InterviewStatus
from .models import Answer, FollowUpAction, Interview, InterviewRound, Participant, Theme, Topic, TopicList

PURPOSE = "Kwalitatieve monitoring"


@dataclass(frozen=True)
class AnswerInput:
    text: str
    theme_ids: frozenset[int] = frozenset()


def _timeline(person: Person, title: str, actor: User | None, body: str = "", **data) -> None:
    """A step on the person's timeline; the record is written in Dutch, whatever the screen's language."""
    TimelineEvent.objects.create(person=person, kind=EventKind.NOTE, category=DataCategory.NOTES, title=title,
                                 body=body, actor=actor, data=data)


def _audit(actor: User, persons: Iterable[Person], action: Action, request=None) -> None:
    record(user=actor, action=action, persons=list(persons), categories=[DataCategory.NOTES], purpose=PURPOSE,
           channel=Channel.UI, request=request)


def create_round(*, actor: User, municipality: Municipality, name: str, starts_on: dt.date,
                 ends_on: dt.date) -> InterviewRound:
    if ends_on < starts_on:
        raise ValidationError(_("De ronde kan niet eindigen voordat zij begint."))
    return InterviewRound.objects.create(municipality=municipality, name=name, starts_on=starts_on,
                                         ends_on=ends_on, created_by=actor)


def _check_participants(interview_round: InterviewRound, topic_list: TopicList, setting: str,
                        persons: Sequence[Person], respondent_role: str) -> None:
    if topic_list.municipality_id != interview_round.municipality_id:
        raise ValidationError(_("Deze topiclijst hoort bij een andere gemeente."))
    if topic_list.audience == Audience.PROVIDERS:
        if persons:
            raise ValidationError(_("Een gesprek met uitvoerders heeft geen inburgeraars als deelnemer."))
        if not respondent_role.strip():
            raise ValidationError(_("Vul de functie van de respondent in."))
        return
    if not persons:
        raise ValidationError(_("Kies wie er meedoet aan het gesprek."))
    if setting == InterviewSetting.INDIVIDUAL and len(persons) != 1:
        raise ValidationError(_("Aan een individueel gesprek doet één inburgeraar mee."))
    if setting == InterviewSetting.GROUP and len(persons) < 2:
        raise ValidationError(_("Aan een groepsgesprek doen minstens twee inburgeraars mee."))
    if any(p.municipality_id != interview_round.municipality_id for p in persons):
        raise ValidationError(_("Alle deelnemers moeten bij de gemeente van de ronde horen."))


@transaction.atomic
def plan_interview(*, actor: User, interview_round: InterviewRound, topic_list: TopicList, planned_on: dt.date,
                   setting: str, language: str, interpreter_language: str = "", persons: Sequence[Person] = (),
                   respondent_role: str = "", request=None) -> Interview:
    """Plan one interview in the round's period; newcomers must be in the actor's reach."""
    if not interview_round.starts_on <= planned_on <= interview_round.ends_on:
        raise ValidationError(_("Plan het gesprek binnen de periode van de ronde (%(start)s tot en met %(end)s).")
                              % {"start": f"{interview_round.starts_on:%d-%m-%Y}",
                                 "end": f"{interview_round.ends_on:%d-%m-%Y}"})
    if persons and visible_persons(actor).filter(pk__in=[p.pk for p in persons]).count() != len(set(persons)):
        raise ValidationError(_("Je kunt alleen inburgeraars uitnodigen wier dossier je mag inzien."))
    _check_participants(interview_round, topic_list, setting, persons, respondent_role)
    interview = Interview.objects.create(
        round=interview_round, topic_list=topic_list, setting=setting, planned_on=planned_on, language=language,
        interpreter_language=interpreter_language, interviewer=actor, respondent_role=respondent_role.strip(),
    )
    Participant.objects.bulk_create(Participant(interview=interview, person=person) for person in persons)
    for person in persons:
        _timeline(person, "Gesprek kwalitatieve monitoring gepland", actor,
                  f"{interview_round.name}, {planned_on:%d-%m-%Y}", interview=interview.pk)
    if persons:
        _audit(actor, persons, Action.CREATE, request)
    return interview


@transaction.atomic
def record_interview(*, actor: User, interview: Interview, held_on: dt.date, answers: Mapping[int, AnswerInput],
                     consents: Mapping[int, bool], request=None) -> None:
    """Record that the interview was held, what was said per topic (coded by theme) and, per newcomer,
    whether they consent to follow-up in their dossier. Recording again replaces the answers."""
    if interview.status == InterviewStatus.CANCELLED:
        raise ValidationError(_("Dit gesprek is vervallen."))
    if held_on > clock.today():
        raise ValidationError(_("Een gesprek kan niet in de toekomst gehouden zijn."))
    topics = set(interview.topic_list.topics.values_list("pk", flat=True))
    themes = set(Theme.objects.filter(municipality_id=interview.round.municipality_id).values_list("pk", flat=True))
    if set(answers) - topics:
        raise ValidationError(_("Een antwoord hoort bij een onderwerp van een andere topiclijst."))
    if any(given.theme_ids - themes for given in answers.values()):
        raise ValidationError(_("Een thema hoort bij een andere gemeente."))
    interview.held_on, interview.status = held_on, InterviewStatus.HELD
    interview.save(update_fields=["held_on", "status"])
    interview.answers.all().delete()
    for topic_id, given in answers.items():
        if not given.text.strip():
            continue
        answer = Answer.objects.create(interview=interview, topic_id=topic_id, text=given.text.strip())
        answer.themes.set(given.theme_ids)
    participants = list(interview.participants.select_related("person"))
    for participant in participants:
        consent = bool(consents.get(participant.person_id, False))
        if consent != participant.follow_up_consent:
            participant.follow_up_consent = consent
            participant.consent_recorded_on = clock.today()
            participant.save(update_fields=["follow_up_consent", "consent_recorded_on"])
        _timeline(participant.person, "Gesprek kwalitatieve monitoring gehouden", actor,
                  f"Toestemming voor vervolgacties: {'ja' if consent else 'nee'}", interview=interview.pk)
    if participants:
        _audit(actor, [p.person for p in participants], Action.UPDATE, request)


@transaction.atomic
def cancel_interview(*, actor: User, interview: Interview) -> None:
    if interview.status != InterviewStatus.PLANNED:
        raise ValidationError(_("Alleen een gepland gesprek kan vervallen."))
    interview.status = InterviewStatus.CANCELLED
    interview.save(update_fields=["status"])
    for participant in interview.participants.select_related("person"):
        _timeline(participant.person, "Gesprek kwalitatieve monitoring vervallen", actor, interview=interview.pk)


@transaction.atomic
def repeat_round(*, actor: User, interview_round: InterviewRound, months: int, name: str) -> InterviewRound:
    """A repeated measurement: a new round ``months`` later with the same respondents and topic lists;
    cancelled interviews are not repeated."""
    if not 1 <= months <= 36:
        raise ValidationError(_("Herhaal een ronde na 1 tot en met 36 maanden."))
    shift = relativedelta(months=months)
    repeated = InterviewRound.objects.create(
        municipality=interview_round.municipality, name=name, starts_on=interview_round.starts_on + shift,
        ends_on=interview_round.ends_on + shift, repeats=interview_round, created_by=actor,
    )
    for interview in interview_round.interviews.exclude(status=InterviewStatus.CANCELLED).prefetch_related(
        "participants__person"
    ):
        plan_interview(
            actor=actor, interview_round=repeated, topic_list=interview.topic_list,
            planned_on=interview.planned_on + shift, setting=interview.setting, language=interview.language,
            interpreter_language=interview.interpreter_language,
            persons=[p.person for p in interview.participants.all()], respondent_role=interview.respondent_role,
        )
    return repeated


@transaction.atomic
def add_follow_up(*, actor: User, participant: Participant, description: str, owner: User, due: dt.date,
                  theme: Theme | None = None, request=None) -> FollowUpAction:
    """A task in the newcomer's dossier after an interview: only with their recorded consent, for an owner
    who may open the dossier."""
    if not participant.follow_up_consent:
        raise ValidationError(_("Zonder toestemming van de inburgeraar komt er geen vervolgactie in het dossier."))
    if due < clock.today():
        raise ValidationError(_("De uiterste datum ligt in het verleden."))
    person = participant.person
    if not visible_persons(owner).filter(pk=person.pk).exists():
        raise ValidationError(_("De eigenaar van de actie heeft geen toegang tot dit dossier."))
    if theme is not None and theme.municipality_id != person.municipality_id:
        raise ValidationError(_("Een thema hoort bij een andere gemeente."))
    action = FollowUpAction.objects.create(participant=participant, person=person, theme=theme,
                                           description=description.strip(), owner=owner, due=due, created_by=actor)
    _timeline(person, f"Vervolgactie na gesprek: {action.description}"[:200], actor,
              f"Voor {owner.get_full_name() or owner.username}, uiterlijk {due:%d-%m-%Y}", follow_up=action.pk)
    _audit(actor, [person], Action.CREATE, request)
    return action


@transaction.atomic
def complete_follow_up(*, actor: User, action: FollowUpAction, request=None) -> None:
    if action.done_on:
        raise ValidationError(_("Deze vervolgactie is al afgerond."))
    action.done_on = clock.today()
    action.save(update_fields=["done_on"])
    _timeline(action.person, f"Vervolgactie afgerond: {action.description}"[:200], actor, follow_up=action.pk)
    _audit(actor, [action.person], Action.UPDATE, request)


@transaction.atomic
def save_topic_list(*, topic_list: TopicList, name: str, topics: Sequence[tuple[str, str]]) -> TopicList:
    """Rename a list and replace its topics; a list that interviews already used stays as it was
    (make a new version instead), so that recorded answers keep their question."""
    if topic_list.pk and topic_list.interviews.exists():
        raise ValidationError(_("Deze topiclijst is al in gesprekken gebruikt. Maak een nieuwe versie."))
    topic_list.name = name
    topic_list.save()
    topic_list.topics.all().delete()
    Topic.objects.bulk_create(
        Topic(topic_list=topic_list, position=position, section=section, question=question)
        for position, (section, question) in enumerate(topics, start=1)
    )
    return topic_list


@transaction.atomic
def new_topic_list_version(*, topic_list: TopicList) -> TopicList:
    """A copy to change; the old list is no longer offered for new interviews."""
    copy = TopicList.objects.create(municipality=topic_list.municipality, audience=topic_list.audience,
                                    name=(_("%(name)s (nieuwe versie)") % {"name": topic_list.name})[:150])
    Topic.objects.bulk_create(
        Topic(topic_list=copy, position=t.position, section=t.section, question=t.question)
        for t in topic_list.topics.all()
    )
    topic_list.active = False
    topic_list.save(update_fields=["active"])
    return copy


@transaction.atomic
def save_themes(*, municipality: Municipality, themes: Sequence[tuple[str, str]]) -> None:
    """Add and rename themes; a theme that coded answers cannot be removed."""
    wanted = dict(themes)
    current = {t.code: t for t in Theme.objects.filter(municipality=municipality)}
    removed = [t for code, t in current.items() if code not in wanted]
    in_use = [t.label for t in removed if t.answers.exists()]
    if in_use:
        raise ValidationError(_("Deze thema's zijn al gebruikt en blijven staan: %(themes)s.")
                              % {"themes": ", ".join(in_use)})
    Theme.objects.filter(pk__in=[t.pk for t in removed]).delete()
    for code, label in wanted.items():
        if code in current:
            if current[code].label != label:
                current[code].label = label
                current[code].save(update_fields=["label"])
        else:
            Theme.objects.create(municipality=municipality, code=code, label=label)
