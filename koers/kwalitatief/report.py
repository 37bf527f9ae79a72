"""The anonymised thematic report of one round: how many were heard (small groups suppressed), which
themes came up how often, and per topic what was said with every name, number and address taken out.
Nothing in it points to a person, so the policy analyst may read it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q

from koers.monitoring.figures import MINIMUM_CELL
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
    return count if count >= MINIMUM_CELL else None


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
    answers: int
    interviews: int
    by_audience: dict[str, int]


@dataclass
class TopicSection:
    section: str
    question: str
    quotes: list[str] = field(default_factory=list)


@dataclass
class ThematicReport:
    round: InterviewRound
    interviews_held: dict[str, int]
    group_interviews: int
    with_interpreter: int
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
    target_groups = Counter(persons.values_list("target_group", flat=True))
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
    return ThematicReport(
        round=interview_round,
        interviews_held={audience.value: per_audience.get(audience.value, 0) for audience in Audience},
        group_interviews=held.filter(setting=InterviewSetting.GROUP).count(),
        with_interpreter=held.exclude(interpreter_language="").count(),
        newcomers_heard=suppressed(persons.count()),
        by_target_group={group: suppressed(count) for group, count in sorted(target_groups.items())},
        themes=[
            ThemeLine(row.label, row.answer_count, row.interview_count,
                      {Audience.NEWCOMERS.value: row.newcomer_count,
                       Audience.PROVIDERS.value: row.answer_count - row.newcomer_count})
            for row in theme_rows
        ],
        topics=list(topics.values()),
    )
