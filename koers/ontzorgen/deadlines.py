"""Deadlines of financieel ontzorgen for the signal engine, computed set-based (a few queries for
all persons). Each deadline goes to the dossier that speaks for the household (the applicant)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory
from koers.lib.deadlines import Deadline, DeadlineSource
from koers.people.models import HouseholdMember

from .constants import RunStatus, StepStatus
from .models import Arrangement, PaymentRun, PhaseOutStep
from .runs import add_months, first_of_month
from .services import main_persons

ENDING = "ontzorgen.einde"
STEP_DUE = "ontzorgen.afbouwstap"
RUN_MISSING = "ontzorgen.betaalronde"

ENDING_WINDOW = dt.timedelta(weeks=6)
STEP_WINDOW = dt.timedelta(weeks=2)
RUN_PREPARATION_DAY = 15
"""From this day of the month on, the run for next month is due."""


def _households(person_ids: Sequence[int] | None, field: str = "household_id") -> Q:
    if person_ids is None:
        return Q()
    households = HouseholdMember.objects.filter(person_id__in=person_ids).values("household_id")
    return Q(**{f"{field}__in": households})


def _wanted(person_ids: Sequence[int] | None, person_id: int) -> bool:
    return person_ids is None or person_id in person_ids


def compute(person_ids: Sequence[int] | None, today: dt.date) -> Iterable[Deadline]:
    arrangements = list(
        Arrangement.objects.filter(_households(person_ids), start__lte=today + ENDING_WINDOW)
        .select_related("household")
        .prefetch_related("extensions")
    )
    running = [a for a in arrangements if a.end > today]
    speakers = main_persons(a.household_id for a in running)
    wanted = set(person_ids) if person_ids is not None else None
    for arrangement in running:
        person = speakers.get(arrangement.household_id)
        if person is None or not _wanted(wanted, person.pk):
            continue
        if arrangement.end - today <= ENDING_WINDOW:
            yield Deadline(
                person_id=person.pk,
                kind=ENDING,
                due=arrangement.last_day,
                category=DataCategory.FINANCE,
                reference=f"ontzorgen:{arrangement.pk}",
                detail=f"Ontzorgen loopt tot en met {arrangement.last_day:%d-%m-%Y}",
            )
    yield from _steps(person_ids, wanted, today)
    yield from _missing_runs(running, speakers, wanted, today)


def _steps(person_ids: Sequence[int] | None, wanted: set[int] | None, today: dt.date) -> Iterable[Deadline]:
    steps = list(
        PhaseOutStep.objects.filter(status=StepStatus.PLANNED, due_date__lte=today + STEP_WINDOW)
        .filter(_households(person_ids, "arrangement__household_id"))
        .select_related("arrangement")
    )
    speakers = main_persons(s.arrangement.household_id for s in steps)
    for step in steps:
        person = speakers.get(step.arrangement.household_id)
        if person is None or not _wanted(wanted, person.pk):
            continue
        yield Deadline(
            person_id=person.pk,
            kind=STEP_DUE,
            due=step.due_date,
            category=DataCategory.FINANCE,
            reference=f"afbouwstap:{step.pk}",
            detail=step.description,
        )


def _missing_runs(
    running: list[Arrangement], speakers: dict, wanted: set[int] | None, today: dt.date
) -> Iterable[Deadline]:
    """From the 15th, for each household ontzorgd next month whose municipality has no run yet."""
    if today.day < RUN_PREPARATION_DAY:
        return
    month = add_months(first_of_month(today), 1)
    due_next_month = [a for a in running if a.runs_on(month)]
    prepared = set(
        PaymentRun.objects.filter(month=month)
        .exclude(status=RunStatus.CANCELLED)
        .values_list("municipality_id", flat=True)
    )
    for arrangement in due_next_month:
        person = speakers.get(arrangement.household_id)
        if (
            person is None
            or arrangement.household.municipality_id in prepared
            or not _wanted(wanted, person.pk)
        ):
            continue
        yield Deadline(
            person_id=person.pk,
            kind=RUN_MISSING,
            due=month - dt.timedelta(days=1),
            category=DataCategory.FINANCE,
            reference=f"betaalronde:{month:%Y-%m}",
            detail=f"Betaalronde {month:%m-%Y} nog niet aangemaakt",
        )


SOURCE = DeadlineSource(
    name="ontzorgen",
    kinds={
        ENDING: _("Ontzorgen eindigt binnen zes weken"),
        STEP_DUE: _("Stap van het afbouwplan"),
        RUN_MISSING: _("Betaalronde volgende maand nog niet aangemaakt"),
    },
    compute=compute,
)
