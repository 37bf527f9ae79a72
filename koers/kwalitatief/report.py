"""The anonymised thematic report of one round: how many were heard, which themes came up how often,
and per topic what was said with every name, number and address taken out. Every count of fewer than
five is suppressed (``None``, shown as x), as in the monitoring, and so is a count that would follow
from a total and the counts shown beside it. Nothing in it points to a person, so the policy analyst
may read it; its tables download as CSV and XLSX."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q

from django.utils.translation import gettext as _

from koers.monitoring.figures import MINIMUM_CELL, RawRow, hidden_cells
from koers.monitoring.tables import Table
from koers.people.constants import TargetGroup
from koers.people.models import Person

from .constants import Audience, InterviewSetting, InterviewStatus
from .models import Answer, Interview, InterviewRound, Participant

NAME_MARK = "[naam]"
NUMBER_MARK = "[nummer]"
EMAIL_MARK = "[e-mail]"
# BSNs, phone numbers, postcodes: any run of digits (with spaces, dashes or plus) of five or more digits,
# and Dutch postcodes.
NUMBERS = re.compile(r"\+?\d[\d\s\-]{3,}\d|\b\d{4}\s?[A-Za-z]{2}\b")
EMAILS = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def suppressed(count: int) -> int | None:
    """A count of people below the minimum cell is not shown (``None``), as in the monitoring."""
    return count if count >= MINIMUM_CELL or count == 0 else None


def parts_of(total: int, parts: dict[str, int]) -> dict[str, int | None]:
    """Counts that add up to a shown ``total``: each small one suppressed, and never just one of
    them (it would follow by subtraction). A zero says nothing about anyone and stays."""
    if suppressed(total) is None:
        return {key: None if n else 0 for key, n in parts.items()}
    counted = [(key, n) for key, n in parts.items() if n]
    hidden = hidden_cells([RawRow(key, "", n, n) for key, n in counted])
    return {key: None if i in hidden else n for i, (key, n) in enumerate(counted)} | {
        key: 0 for key, n in parts.items() if not n
    }


def name_words(persons: Iterable[Person]) -> set[str]:
    words: set[str] = set()
    for person in persons:
        for part in (person.given_names, person.family_name):
            words |= {w for w in re.split(r"[\s\-]+", part) if len(w) > 1}
    return words


def anonymise(text: str, names: set[str]) -> str:
    text = EMAILS.sub(EMAIL_MARK, text)
    text = NUMBERS.sub(NUMBER_MARK, text)
    if names:
        pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b",
                             re.IGNORECASE)
        text = pattern.sub(NAME_MARK, text)
    return text


@dataclass
class ThemeLine:
    label: str
    answers: int | None
    interviews: int | None
    by_audience: dict[str, int | None]


@dataclass
class TopicSection:
    section: str
    question: str
    quotes: list[str] = field(default_factory=list)


@dataclass
class ThematicReport:
    round: InterviewRound
    interviews_held: dict[str, int | None]
    group_interviews: int | None
    with_interpreter: int | None
    newcomers_heard: int | None
    by_target_group: dict[str, int | None]
    themes: list[ThemeLine]
    topics: list[TopicSection]


def thematic_report(interview_round: InterviewRound) -> ThematicReport:
    held = Interview.objects.filter(round=interview_round, status=InterviewStatus.HELD)
    per_audience = dict(held.values_list("topic_list__audience").annotate(n=Count("id")))
    participants = Participant.objects.filter(interview__in=held)
    persons = Person.objects.filter(pk__in=participants.values("person_id"))
    names = name_words(persons.only("given_names", "family_name"))
    labels = dict(TargetGroup.choices)
    target_groups = Counter(str(labels[g]) for g in persons.values_list("target_group", flat=True))
    answers = Answer.objects.filter(interview__in=held).select_related("topic", "interview__topic_list")
    theme_rows = (
        interview_round.municipality.interview_themes.annotate(
            answer_count=Count("answers", filter=Q(answers__interview__in=held)),
            interview_count=Count("answers__interview", filter=Q(answers__interview__in=held), distinct=True),
            newcomer_count=Count("answers", filter=Q(answers__interview__in=held,
                                                     answers__interview__topic_list__audience=Audience.NEWCOMERS)),
        ).filter(answer_count__gt=0).order_by("-answer_count", "label")
    )
    topics: dict[int, TopicSection] = {}
    for answer in answers.order_by("interview__topic_list__audience", "topic__position", "id"):
        section = topics.setdefault(answer.topic_id, TopicSection(answer.topic.section, answer.topic.question))
        section.quotes.append(anonymise(answer.text, names))
    heard = persons.count()
    return ThematicReport(
        round=interview_round,
        interviews_held={a.value: suppressed(per_audience.get(a.value, 0)) for a in Audience},
        group_interviews=suppressed(held.filter(setting=InterviewSetting.GROUP).count()),
        with_interpreter=suppressed(held.exclude(interpreter_language="").count()),
        newcomers_heard=suppressed(heard),
        by_target_group=parts_of(heard, dict(sorted(target_groups.items()))),
        themes=[theme_line(row) for row in theme_rows],
        topics=list(topics.values()),
    )


def theme_line(row) -> ThemeLine:
    audiences = {Audience.NEWCOMERS.value: row.newcomer_count,
                 Audience.PROVIDERS.value: row.answer_count - row.newcomer_count}
    return ThemeLine(row.label, suppressed(row.answer_count), suppressed(row.interview_count),
                     parts_of(row.answer_count, audiences))


def shown(count: int | None) -> int | str:
    return "x" if count is None else count


REPORT_TABLES = ("gehoord", "doelgroepen", "themas")


def report_tables(report: ThematicReport) -> list[Table]:
    """The report's counts as tables (the quotes are text, not a table)."""
    notes = [report.round.name, f"{report.round.starts_on:%d-%m-%Y} – {report.round.ends_on:%d-%m-%Y}"]
    held = report.interviews_held
    heard = Table("gehoord", _("Wie zijn er gehoord"), [_("Wat"), _("Aantal")], [
        [_("Gesprekken met inburgeraars"), shown(held[Audience.NEWCOMERS.value])],
        [_("Gesprekken met uitvoerders en aanbieders"), shown(held[Audience.PROVIDERS.value])],
        [_("Groepsgesprekken"), shown(report.group_interviews)],
        [_("Gesprekken met een tolk"), shown(report.with_interpreter)],
        [_("Inburgeraars gehoord"), shown(report.newcomers_heard)],
    ], notes)
    target_groups = Table(
        "doelgroepen", _("Gehoorde inburgeraars naar doelgroep"), [_("Doelgroep"), _("Aantal")],
        [[group, shown(n)] for group, n in report.by_target_group.items()], notes,
    )
    themes = Table(
        "themas", _("Hoe vaak een thema in de antwoorden voorkwam"),
        [_("Thema"), _("Antwoorden"), _("Gesprekken"), _("Van inburgeraars"), _("Van uitvoerders")],
        [[line.label, shown(line.answers), shown(line.interviews),
          shown(line.by_audience[Audience.NEWCOMERS.value]), shown(line.by_audience[Audience.PROVIDERS.value])]
         for line in report.themes],
        notes,
    )
    return [heard, target_groups, themes]
