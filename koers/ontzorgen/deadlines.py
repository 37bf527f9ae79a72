"""Deadlines of financieel ontzorgen for the signal engine, computed set-based (a few queries for
all persons). Each deadline goes to the dossier that speaks for the household (the applicant).

Besides the end of ontzorgen, the phase-out steps and next month's run, two alerts for money that is
late: a fixed cost not paid on time (no run for the current or the previous month while the
household was ontzorgd, or a run not sent to the bank by its execution date), and an advance or
bridging loan not settled by its date (the allowances it bridged are late)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory
from koers.lib.deadlines import Deadline, DeadlineSource
from koers.people.models import HouseholdMember, Person

from .advances import balances, dutch, money
from .constants import RunStatus, StepStatus
from .models import Advance, Arrangement, PaymentRun, PhaseOutStep, WithheldItem
from .runs import add_months, first_of_month
from .services import main_persons, month_text

ENDING = "ontzorgen.einde"
STEP_DUE = "ontzorgen.afbouwstap"
RUN_MISSING = "ontzorgen.betaalronde"
LATE_PAYMENT = "ontzorgen.te_laat"
ADVANCE_OPEN = "ontzorgen.voorschot"

ENDING_WINDOW = dt.timedelta(weeks=6)
STEP_WINDOW = dt.timedelta(weeks=2)
RUN_PREPARATION_DAY = 15
"""From this day of the month on, the run for next month is due."""
LATE_MONTHS = 2
"""A missing run is a late payment for the current month and the one before."""
ADVANCE_WINDOW = dt.timedelta(weeks=4)
Row = TypeVar("Row")


def _households(person_ids: Sequence[int] | None, field: str = "household_id") -> Q:
    if person_ids is None:
        return Q()
    households = HouseholdMember.objects.filter(person_id__in=person_ids).values("household_id")
    return Q(**{f"{field}__in": households})


def _speaking(rows: Iterable[Row], household_of: Callable[[Row], int],
              wanted: set[int] | None) -> Iterator[tuple[Row, Person]]:
    """Each row with the dossier that speaks for its household, when that dossier is one asked for."""
    rows = list(rows)
    speakers = main_persons(household_of(row) for row in rows)
    for row in rows:
        person = speakers.get(household_of(row))
        if person is not None and (wanted is None or person.pk in wanted):
            yield row, person


def _household(arrangement: Arrangement) -> int:
    return arrangement.household_id


def compute(person_ids: Sequence[int] | None, today: dt.date) -> Iterable[Deadline]:
    arrangements = list(
        Arrangement.objects.filter(_households(person_ids), start__lte=today + ENDING_WINDOW)
        .select_related("household")
        .prefetch_related("extensions")
    )
    running = [a for a in arrangements if a.end > today]
    wanted = set(person_ids) if person_ids is not None else None
    for arrangement, person in _speaking(running, _household, wanted):
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
    yield from _missing_runs(running, wanted, today)
    yield from _late_payments(person_ids, wanted, today)
    yield from _open_advances(person_ids, wanted, today)


def _steps(person_ids: Sequence[int] | None, wanted: set[int] | None, today: dt.date) -> Iterable[Deadline]:
    steps = (
        PhaseOutStep.objects.filter(status=StepStatus.PLANNED, due_date__lte=today + STEP_WINDOW)
        .filter(_households(person_ids, "arrangement__household_id"))
        .select_related("arrangement")
    )
    for step, person in _speaking(steps, lambda s: s.arrangement.household_id, wanted):
        yield Deadline(
            person_id=person.pk,
            kind=STEP_DUE,
            due=step.due_date,
            category=DataCategory.FINANCE,
            reference=f"afbouwstap:{step.pk}",
            detail=step.description,
        )


def _missing_runs(running: list[Arrangement], wanted: set[int] | None, today: dt.date) -> Iterable[Deadline]:
    """From the 15th, for each household ontzorgd next month whose municipality has no run yet."""
    if today.day < RUN_PREPARATION_DAY:
        return
    month = add_months(first_of_month(today), 1)
    prepared = set(
        PaymentRun.objects.filter(month=month)
        .exclude(status=RunStatus.CANCELLED)
        .values_list("municipality_id", flat=True)
    )
    due_next_month = [a for a in running if a.runs_on(month) and a.household.municipality_id not in prepared]
    for _arrangement, person in _speaking(due_next_month, _household, wanted):
        yield Deadline(
            person_id=person.pk,
            kind=RUN_MISSING,
            due=month - dt.timedelta(days=1),
            category=DataCategory.FINANCE,
            reference=f"betaalronde:{month:%Y-%m}",
            detail=f"Betaalronde {month:%m-%Y} nog niet aangemaakt",
        )


def _late_payments(person_ids: Sequence[int] | None, wanted: set[int] | None, today: dt.date) -> Iterable[Deadline]:
    """Fixed costs paid late: a month (this one or the one before) in which a household was ontzorgd
    with costs in force but its municipality has no run, or a run still not sent on its execution date."""
    this_month = first_of_month(today)
    months = [add_months(this_month, -back) for back in range(LATE_MONTHS)]
    arrangements = list(
        Arrangement.objects.filter(_households(person_ids), start__lte=this_month)
        .select_related("household")
        .prefetch_related("extensions")
    )
    with_costs = {
        (item.arrangement_id, month)
        for item in WithheldItem.objects.filter(arrangement__in=arrangements).only(
            "arrangement_id", "valid_from", "valid_until"
        )
        for month in months
        if item.in_force_on(month)
    }
    due = [(a, m) for a in arrangements for m in months if a.runs_on(m) and (a.pk, m) in with_costs]
    runs = {
        (run.municipality_id, run.month): run
        for run in PaymentRun.objects.filter(month__in=months).exclude(status=RunStatus.CANCELLED)
    }
    for (arrangement, month), person in _speaking(due, lambda pair: pair[0].household_id, wanted):
        run = runs.get((arrangement.household.municipality_id, month))
        if run is None:
            detail = f"Geen betaalronde voor {month_text(month)}: de vaste lasten zijn niet betaald"
            yield Deadline(person.pk, LATE_PAYMENT, month - dt.timedelta(days=1), DataCategory.FINANCE,
                           f"betaalronde:{month:%Y-%m}", detail)
        elif run.status == RunStatus.PREPARED and run.execution_date <= today:
            detail = (f"Betaalronde {month_text(month)} niet verzonden naar de bank "
                      f"(uitvoerdatum {run.execution_date:%d-%m-%Y}): de vaste lasten worden te laat betaald")
            yield Deadline(person.pk, LATE_PAYMENT, run.execution_date, DataCategory.FINANCE,
                           f"betaalronde:{month:%Y-%m}", detail)


def _open_advances(person_ids: Sequence[int] | None, wanted: set[int] | None, today: dt.date) -> Iterable[Deadline]:
    """An advance or bridging loan still open four weeks before the date it should be settled by."""
    advances = list(
        Advance.objects.filter(_households(person_ids, "arrangement__household_id"),
                               settle_by__lte=today + ADVANCE_WINDOW)
        .select_related("arrangement")
    )
    open_amounts = balances(advances)
    still_open = [a for a in advances if not open_amounts[a.pk].is_settled]
    for advance, person in _speaking(still_open, lambda a: a.arrangement.household_id, wanted):
        yield Deadline(
            person_id=person.pk,
            kind=ADVANCE_OPEN,
            due=advance.settle_by,
            category=DataCategory.FINANCE,
            reference=f"voorschot:{advance.pk}",
            detail=f"{dutch(advance.get_kind_display())} van {advance.paid_on:%d-%m-%Y}: "
            f"nog {money(open_amounts[advance.pk].outstanding)} te verrekenen",
        )


SOURCE = DeadlineSource(
    name="ontzorgen",
    kinds={
        ENDING: _("Ontzorgen eindigt binnen zes weken"),
        STEP_DUE: _("Stap van het afbouwplan"),
        RUN_MISSING: _("Betaalronde volgende maand nog niet aangemaakt"),
        LATE_PAYMENT: _("Vaste lasten te laat betaald"),
        ADVANCE_OPEN: _("Voorschot of overbruggingslening nog niet verrekend"),
    },
    compute=compute,
)
