"""The brede intake (Wi2021 art. 14) as data: the life domains it covers, the questions asked in each,
and the actions on an intake (save a concept, resume it, complete it) and on the leerbaarheidstoets.

The form on the screen is built from ``DOMAINS``; ``BredeIntake.answers`` holds
``{domain key: {question key: answer}}`` and is checked against the same definitions by
:func:`clean_answers`, so a domain or question is added here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory
from koers.access.models import User
from koers.audit.log import record
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.people.constants import LANGUAGES, EventKind
from koers.people.models import Person

from .constants import IntakeStatus
from .models import BredeIntake, Leerbaarheidstoets
from .route import add_event, log_change

TEXT_MAX_LENGTH = 2000


class Kind(StrEnum):
    TEXT = "text"
    CHOICE = "choice"
    YES_NO = "yes_no"


YES = "ja"
NO = "nee"
YES_NO_CHOICES: tuple[tuple[str, Promise], ...] = ((YES, _("Ja")), (NO, _("Nee")))


@dataclass(frozen=True)
class Question:
    key: str
    label: Promise
    kind: Kind = Kind.TEXT
    choices: tuple[tuple[str, Promise], ...] = ()
    help_text: Promise | str = ""

    def options(self) -> tuple[tuple[str, Promise], ...]:
        return YES_NO_CHOICES if self.kind == Kind.YES_NO else self.choices


@dataclass(frozen=True)
class Domain:
    """One life domain of the intake. ``category`` is the data category its answers belong to: a
    user who may not see that category does not see the domain."""

    key: str
    title: Promise
    category: DataCategory
    questions: tuple[Question, ...] = field(default_factory=tuple)

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)


LEVELS = (
    ("geen", _("Geen")),
    ("beginner", _("Beginner (A0–A1)")),
    ("basis", _("Basis (A2)")),
    ("gevorderd", _("Gevorderd (B1 of hoger)")),
)

DOMAINS: tuple[Domain, ...] = (
    Domain(
        "taal",
        _("Taal en geletterdheid"),
        DataCategory.EDUCATION_WORK,
        (
            Question("moedertaal", _("Moedertaal en andere talen")),
            Question(
                "geletterdheid",
                _("Lezen en schrijven"),
                Kind.CHOICE,
                (
                    ("latijns", _("Leest en schrijft in het Latijnse schrift")),
                    ("ander_schrift", _("Leest en schrijft in een ander schrift")),
                    ("beperkt", _("Leest en schrijft een beetje")),
                    ("niet", _("Leest en schrijft niet")),
                ),
            ),
            Question("nederlands", _("Niveau Nederlands nu"), Kind.CHOICE, LEVELS),
            Question("digitaal", _("Digitale vaardigheden"), Kind.CHOICE, LEVELS),
        ),
    ),
    Domain(
        "opleiding",
        _("Opleiding en diploma's"),
        DataCategory.EDUCATION_WORK,
        (
            Question(
                "hoogste_opleiding",
                _("Hoogst gevolgde opleiding"),
                Kind.CHOICE,
                (
                    ("geen", _("Geen of enkele jaren basisonderwijs")),
                    ("basis", _("Basisonderwijs")),
                    ("voortgezet", _("Voortgezet onderwijs")),
                    ("beroeps", _("Beroepsonderwijs")),
                    ("hoger", _("Hoger onderwijs of universiteit")),
                ),
            ),
            Question("aantal_jaren", _("Aantal jaren onderwijs")),
            Question(
                "diplomas",
                _("Diploma's en certificaten"),
                help_text=_("Ook of ze al gewaardeerd zijn (IDW)."),
            ),
        ),
    ),
    Domain(
        "werk",
        _("Werkervaring"),
        DataCategory.EDUCATION_WORK,
        (
            Question("beroepen", _("Beroepen en werkervaring")),
            Question("vrijwilligerswerk", _("Vrijwilligerswerk"), Kind.YES_NO),
            Question("vaardigheden", _("Praktische vaardigheden en werknemersvaardigheden")),
        ),
    ),
    Domain(
        "gezondheid",
        _("Gezondheid"),
        DataCategory.HEALTH,
        (
            Question("lichamelijk", _("Lichamelijke gezondheid")),
            Question("psychisch", _("Psychische gezondheid")),
            Question("belemmeringen", _("Belemmert de gezondheid het leren of werken?"), Kind.YES_NO),
        ),
    ),
    Domain(
        "gezin",
        _("Gezin en zorgtaken"),
        DataCategory.EDUCATION_WORK,
        (
            Question("gezinssituatie", _("Gezinssituatie")),
            Question("zorgtaken", _("Zorgtaken"), help_text=_("Voor kinderen, een partner of familie.")),
        ),
    ),
    Domain(
        "netwerk",
        _("Sociaal netwerk"),
        DataCategory.EDUCATION_WORK,
        (
            Question("contacten", _("Contacten in Nederland")),
            Question("maatje", _("Wens voor een maatje of taalcoach"), Kind.YES_NO),
        ),
    ),
    Domain(
        "financien",
        _("Financiën"),
        DataCategory.FINANCE,
        (
            Question(
                "inkomen",
                _("Inkomen"),
                Kind.CHOICE,
                (
                    ("uitkering", _("Uitkering")),
                    ("werk", _("Inkomen uit werk")),
                    ("partner", _("Inkomen van de partner")),
                    ("geen", _("Geen inkomen")),
                ),
            ),
            Question("schulden", _("Schulden"), Kind.YES_NO),
            Question("toelichting", _("Toelichting financiën")),
        ),
    ),
    Domain(
        "ambities",
        _("Ambities en motivatie"),
        DataCategory.EDUCATION_WORK,
        (
            Question("doelen", _("Wat wil de inburgeraar bereiken?")),
            Question("interesses", _("Interesses en motivatie")),
        ),
    ),
    Domain(
        "praktisch",
        _("Praktische belemmeringen"),
        DataCategory.EDUCATION_WORK,
        (
            Question("kinderopvang", _("Kinderopvang nodig"), Kind.YES_NO),
            Question(
                "vervoer", _("Vervoer en reiskosten"), help_text=_("Hoe komt de inburgeraar naar de les?")
            ),
            Question("overig", _("Andere belemmeringen")),
        ),
    ),
)

DOMAINS_BY_KEY: dict[str, Domain] = {domain.key: domain for domain in DOMAINS}


def field_name(domain: Domain, question: Question) -> str:
    """The name of a question's field in the form."""
    return f"{domain.key}__{question.key}"


def domains_for(categories: frozenset[DataCategory]) -> tuple[Domain, ...]:
    """The domains a user who may see ``categories`` sees."""
    return tuple(domain for domain in DOMAINS if domain.category in categories)


def clean_answers(answers: Any) -> dict[str, dict[str, str]]:
    """The answers as stored: only known domains and questions, choices among their options, text not
    too long, empty answers left out. Raises ``ValidationError`` (Dutch) for anything else."""
    if not isinstance(answers, Mapping):
        raise ValidationError(gettext("De antwoorden van de brede intake hebben niet de juiste vorm."))
    cleaned: dict[str, dict[str, str]] = {}
    for domain_key, given in answers.items():
        domain = DOMAINS_BY_KEY.get(domain_key)
        if domain is None or not isinstance(given, Mapping):
            raise ValidationError(
                gettext("Onbekend onderdeel van de brede intake: %(key)s.") % {"key": domain_key}
            )
        for question_key, value in given.items():
            question = domain.question(question_key)
            if question is None:
                raise ValidationError(
                    gettext("Onbekende vraag in de brede intake: %(key)s.") % {"key": question_key}
                )
            answer = clean_answer(question, value)
            if answer:
                cleaned.setdefault(domain.key, {})[question.key] = answer
    return cleaned


def clean_answer(question: Question, value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(
            gettext("Het antwoord op “%(question)s” is geen tekst.") % {"question": question.label}
        )
    value = value.strip()
    if question.kind == Kind.TEXT:
        if len(value) > TEXT_MAX_LENGTH:
            raise ValidationError(
                gettext("Het antwoord op “%(question)s” is langer dan %(max)d tekens.")
                % {"question": question.label, "max": TEXT_MAX_LENGTH}
            )
        return value
    if value and value not in dict(question.options()):
        raise ValidationError(
            gettext("Kies een van de mogelijkheden bij “%(question)s”.") % {"question": question.label}
        )
    return value


@dataclass(frozen=True)
class AnswerRow:
    label: str
    answer: str


@dataclass(frozen=True)
class DomainAnswers:
    domain: Domain
    rows: tuple[AnswerRow, ...]


def readable_answers(intake: BredeIntake, categories: frozenset[DataCategory]) -> list[DomainAnswers]:
    """The answers of the domains the user may see, with the label of a chosen option."""
    result = []
    for domain in domains_for(categories):
        given = intake.answers.get(domain.key, {})
        rows = []
        for question in domain.questions:
            value = given.get(question.key, "")
            if value:
                rows.append(AnswerRow(str(question.label), str(dict(question.options()).get(value, value))))
        result.append(DomainAnswers(domain, tuple(rows)))
    return result


def open_intake(person: Person) -> BredeIntake | None:
    """The concept intake that is being filled in, if there is one."""
    return person.brede_intakes.filter(status=IntakeStatus.CONCEPT).order_by("-created_at", "-id").first()


def latest_completed_intake(person: Person) -> BredeIntake | None:
    return person.brede_intakes.filter(status=IntakeStatus.AFGEROND).order_by("-completed_at", "-id").first()


def language_name(code: str) -> str:
    return LANGUAGES.get(code, code)


@dataclass(frozen=True)
class IntakeData:
    """What the consultant filled in on the intake screen."""

    conversation_date: dt.date | None
    conversation_language: str
    interpreter: bool
    answers: Mapping[str, Mapping[str, str]]
    summary: str


def missing_for_completion(data: IntakeData) -> dict[str, str]:
    """The fields a completed intake needs: the date of the conversation and the summary for the PIP."""
    missing = {}
    if data.conversation_date is None:
        missing["conversation_date"] = gettext(
            "Vul de datum van het gesprek in om de brede intake af te ronden."
        )
    elif data.conversation_date > clock.today():
        missing["conversation_date"] = gettext("De datum van het gesprek kan niet in de toekomst liggen.")
    if not data.summary.strip():
        missing["summary"] = gettext("Schrijf een samenvatting voor het PIP om de brede intake af te ronden.")
    return missing


@transaction.atomic
def save_intake(
    *,
    actor: User,
    person: Person,
    data: IntakeData,
    complete: bool,
    purpose: str,
    request=None,
) -> BredeIntake:
    """Save the open concept intake (a new one when there is none) and, with ``complete``, complete
    it: the summary then feeds the PIP and the timeline gets an entry. Answers of domains the form did
    not show (a domain the user may not see) are kept as they were."""
    answers = clean_answers(data.answers)
    if complete:
        missing = missing_for_completion(data)
        if missing:
            raise ValidationError(missing)
    intake = open_intake(person)
    created = intake is None
    if created:
        intake = BredeIntake(person=person, conducted_by=actor)
    intake.conversation_date = data.conversation_date
    intake.conversation_language = data.conversation_language
    intake.interpreter = data.interpreter
    kept = {key: given for key, given in intake.answers.items() if key not in data.answers}
    intake.answers = {**kept, **answers}
    intake.summary = data.summary.strip()
    if complete:
        intake.status = IntakeStatus.AFGEROND
        intake.completed_at = clock.now()
    intake.save()
    if complete:
        add_event(person, title="Brede intake afgerond",
                  body=f"Gesprek op {intake.conversation_date:%d-%m-%Y}"
                  + (", met tolk" if intake.interpreter else ""),
                  category=DataCategory.EDUCATION_WORK, actor=actor, channel=Channel.UI, kind=EventKind.STATUS,
                  data={"brede_intake": intake.pk})
    record(
        user=actor,
        action=Action.CREATE if created else Action.UPDATE,
        persons=[person],
        categories=sorted({DOMAINS_BY_KEY[key].category for key in answers} | {DataCategory.EDUCATION_WORK}),
        purpose=purpose,
        channel=Channel.UI,
        request=request,
        detail="Brede intake afgerond" if complete else "Brede intake als concept opgeslagen",
    )
    return intake


@transaction.atomic
def register_leerbaarheidstoets(
    *,
    actor: User,
    person: Person,
    taken_on: dt.date,
    instrument: str,
    score: int | None,
    result: str,
    purpose: str,
    request=None,
) -> Leerbaarheidstoets:
    """Register a leerbaarheidstoets that was taken (not in the future), with a timeline entry."""
    if taken_on > clock.today():
        raise ValidationError({"taken_on": gettext("De afnamedatum kan niet in de toekomst liggen.")})
    toets = Leerbaarheidstoets(
        person=person,
        taken_on=taken_on,
        instrument=instrument,
        score=score,
        result=result,
        registered_by=actor,
    )
    toets.full_clean()
    toets.save()
    add_event(person, title="Leerbaarheidstoets geregistreerd",
              body=f"{instrument}, afgenomen op {taken_on:%d-%m-%Y}"
              + (f", score {score}" if score is not None else ""),
              category=DataCategory.EDUCATION_WORK, actor=actor, channel=Channel.UI, kind=EventKind.STATUS,
              data={"leerbaarheidstoets": toets.pk})
    log_change(actor=actor, person=person, action=Action.CREATE, category=DataCategory.EDUCATION_WORK,
               purpose=purpose, channel=Channel.UI, request=request, detail="Leerbaarheidstoets geregistreerd")
    return toets
