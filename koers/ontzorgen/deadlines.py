"""Deadlines of financieel ontzorgen for the signal engine, computed set-based (a few queries for
all persons). Each deadline goes to the dossier that speaks for the household (the applicant).

Besides the end of ontzorgen, the phase-out steps and next month's run, two alerts for money that is
late: a fixed cost not paid on time (no run for the current or the previous month while the
household was ontzorgd, or a run not sent to the bank by its execution date), and an advance or
bridging loan not settled by its date (the allowances it bridged are late).

One source per kind of record (``SOURCES``); each watches the records it reads, found through the
household: a change recomputes every member of the household with a dossier, since the one speaking
for it may be any of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from django.db.models import Model, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory
from koers.inburgering.terms import ONTZORGEN_TERM
from koers.lib.dates import add_months
from koers.lib.deadlines import Deadline, DeadlineSource, Watch
from koers.lib.records import recorded
from koers.lib.sql import in_lists
from koers.people.models import Household, HouseholdMember, Person

from .advances import balances, money
from .constants import RunStatus, StepStatus
from .models import (
    EXTENSIONS_READ,
    Advance,
    Arrangement,
    Extension,
    PaymentRun,
    PhaseOutStep,
    Settlement,
    WithheldItem,
)
from .runs import first_of_month
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
    if not rows:
        return
    speakers = main_persons(household_of(row) for row in rows)
    for row in rows:
        person = speakers.get(household_of(row))
        if person is not None and (wanted is None or person.pk in wanted):
            yield row, person


def _household(arrangement: Arrangement) -> int:
    return arrangement.household_id


def _wanted(person_ids: Sequence[int] | None) -> set[int] | None:
    return set(person_ids) if person_ids is not None else None


Narrowing = Callable[[QuerySet[Arrangement], dt.date], QuerySet[Arrangement]]


def _arrangements(person_ids: Sequence[int] | None, today: dt.date,
                  narrowed: Narrowing | None = None) -> list[Arrangement]:
    """The arrangements of these persons' households (every one when ``None``) started by six weeks
    from now, with their household and extensions: nothing at all for most persons, in one query.
    For everyone, only those that can still matter to the deadlines asking (``narrowed``; by default
    ``_may_still_run``): after years of ontzorgen most arrangements ended long ago."""
    arrangements = Arrangement.objects.filter(_households(person_ids), start__lte=today + ENDING_WINDOW)
    if person_ids is None:
        arrangements = (narrowed or _may_still_run)(arrangements, today)
    found = list(arrangements.select_related("household"))
    for part in in_lists(found):
        prefetch_related_objects(part, Prefetch("extensions", to_attr=EXTENSIONS_READ))
    return found


def _with_extension_months(arrangements: QuerySet[Arrangement]) -> tuple[QuerySet[Arrangement], set[int]]:
    """The arrangements with the total of their extensions' months (``extension_months``), and every
    total that occurs."""
    totals = Extension.objects.order_by().values("arrangement_id").annotate(total=Sum("months"))
    annotated = arrangements.annotate(
        extension_months=Coalesce(Subquery(totals.filter(arrangement_id=OuterRef("pk")).values("total")), 0)
    )
    return annotated, {0, *totals.values_list("total", flat=True).distinct()}


def _may_end_soon(arrangements: QuerySet[Arrangement], today: dt.date) -> QuerySet[Arrangement]:
    """The arrangements whose end in force may fall within the ending window: ended early within it, or,
    per total of extension months, started within a month either side of the starts whose planned end
    falls within it (the exact end is compared afterwards)."""
    arrangements, totals = _with_extension_months(arrangements)
    condition = Q(ended_on__gt=today, ended_on__lte=today + ENDING_WINDOW)
    for total in totals:
        months = ONTZORGEN_TERM.months + total
        condition |= Q(extension_months=total, start__gte=add_months(today, -(months + 1)),
                       start__lte=add_months(today + ENDING_WINDOW, -(months - 1)))
    return arrangements.filter(condition)


def _may_still_run(arrangements: QuerySet[Arrangement], today: dt.date) -> QuerySet[Arrangement]:
    """The arrangements that may run in the first month a late payment looks back on: ontzorgen runs
    six months plus the months of its extensions (and a month more, for an end that rolls into the
    next month), so per total of extension months there is an earliest start."""
    arrangements, totals = _with_extension_months(arrangements)
    first_month = add_months(first_of_month(today), -(LATE_MONTHS - 1))
    condition = Q()
    for total in totals:
        earliest = add_months(first_month, -(ONTZORGEN_TERM.months + total + 1))
        condition |= Q(extension_months=total, start__gte=earliest)
    return arrangements.filter(condition)


def compute(person_ids: Sequence[int] | None, today: dt.date) -> Iterable[Deadline]:
    """Every ontzorgen deadline (the sources below together)."""
    for source in SOURCES:
        yield from source.compute(person_ids, today)


def compute_endings(person_ids: Sequence[int] | None, today: dt.date) -> Iterable[Deadline]:
    """A running arrangement ending within six weeks."""
    found = _arrangements(person_ids, today, _may_end_soon)
    ending = [a for a in found if today < a.end <= today + ENDING_WINDOW]
    for arrangement, person in _speaking(ending, _household, _wanted(person_ids)):
        yield Deadline(
            person_id=person.pk,
            kind=ENDING,
            due=arrangement.last_day,
            category=DataCategory.FINANCE,
            reference=f"ontzorgen:{arrangement.pk}",
            detail=f"Ontzorgen loopt tot en met {arrangement.last_day:%d-%m-%Y}",
        )


def compute_steps(person_ids: Sequence[int] | None, today: dt.date) -> Iterable[Deadline]:
    steps = (
        PhaseOutStep.objects.filter(status=StepStatus.PLANNED, due_date__lte=today + STEP_WINDOW)
        .filter(_households(person_ids, "arrangement__household_id"))
        .select_related("arrangement")
    )
    for step, person in _speaking(steps, lambda s: s.arrangement.household_id, _wanted(person_ids)):
        yield Deadline(
            person_id=person.pk,
            kind=STEP_DUE,
            due=step.due_date,
            category=DataCategory.FINANCE,
            reference=f"afbouwstap:{step.pk}",
            detail=step.description,
        )


def compute_payments(person_ids: Sequence[int] | None, today: dt.date) -> Iterable[Deadline]:
    """Next month's run not made yet, and fixed costs paid late; the runs of the months involved in
    one query."""
    arrangements = _arrangements(person_ids, today)
    if not arrangements:
        return
    this_month = first_of_month(today)
    late_months = [add_months(this_month, -back) for back in range(LATE_MONTHS)]
    next_month = add_months(this_month, 1) if today.day >= RUN_PREPARATION_DAY else None
    runs = _runs([*late_months, *([next_month] if next_month else [])], arrangements, person_ids)
    wanted = _wanted(person_ids)
    if next_month is not None:
        yield from _missing_runs(arrangements, runs, next_month, wanted, today)
    started = [a for a in arrangements if a.start <= this_month]
    yield from _late_payments(started, runs, late_months, wanted, today)


def _runs(months: list[dt.date], arrangements: list[Arrangement],
          person_ids: Sequence[int] | None) -> dict[tuple[int, dt.date], PaymentRun]:
    """The runs (not cancelled) of these months, by municipality and month."""
    runs = PaymentRun.objects.filter(month__in=months).exclude(status=RunStatus.CANCELLED)
    if person_ids is not None:
        runs = runs.filter(municipality_id__in={a.household.municipality_id for a in arrangements})
    return {(run.municipality_id, run.month): run for run in runs}


def _missing_runs(arrangements: list[Arrangement], runs: dict, month: dt.date, wanted: set[int] | None,
                  today: dt.date) -> Iterable[Deadline]:
    """From the 15th, for each household ontzorgd next month whose municipality has no run yet."""
    due_next_month = [a for a in arrangements if a.end > today and a.runs_on(month)
                      and (a.household.municipality_id, month) not in runs]
    for _arrangement, person in _speaking(due_next_month, _household, wanted):
        yield Deadline(
            person_id=person.pk,
            kind=RUN_MISSING,
            due=month - dt.timedelta(days=1),
            category=DataCategory.FINANCE,
            reference=f"betaalronde:{month:%Y-%m}",
            detail=f"Betaalronde {month:%m-%Y} nog niet aangemaakt",
        )


def _late_payments(arrangements: list[Arrangement], runs: dict, months: list[dt.date],
                   wanted: set[int] | None, today: dt.date) -> Iterable[Deadline]:
    """Fixed costs paid late: a month (this one or the one before) in which a household was ontzorgd
    with costs in force but its municipality has no run, or a run still not sent on its execution date."""
    if not arrangements:
        return
    with_costs = {
        (item.arrangement_id, month)
        for part in in_lists(arrangements)
        for item in WithheldItem.objects.filter(arrangement__in=part).only(
            "arrangement_id", "valid_from", "valid_until"
        )
        for month in months
        if item.in_force_on(month)
    }
    due = [(a, m) for a in arrangements for m in months if a.runs_on(m) and (a.pk, m) in with_costs]
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


def compute_advances(person_ids: Sequence[int] | None, today: dt.date) -> Iterable[Deadline]:
    """An advance or bridging loan still open four weeks before the date it should be settled by."""
    advances = list(
        Advance.objects.filter(_households(person_ids, "arrangement__household_id"),
                               settle_by__lte=today + ADVANCE_WINDOW)
        .select_related("arrangement")
    )
    if not advances:
        return
    open_amounts = balances(advances)
    still_open = [a for a in advances if not open_amounts[a.pk].is_settled]
    for advance, person in _speaking(still_open, lambda a: a.arrangement.household_id, _wanted(person_ids)):
        yield Deadline(
            person_id=person.pk,
            kind=ADVANCE_OPEN,
            due=advance.settle_by,
            category=DataCategory.FINANCE,
            reference=f"voorschot:{advance.pk}",
            detail=f"{recorded(advance.get_kind_display())} van {advance.paid_on:%d-%m-%Y}: "
            f"nog {money(open_amounts[advance.pk].outstanding)} te verrekenen",
        )


def household_members(household_id: int) -> Iterable[int]:
    """Every member of the household with a dossier: the one speaking for it may change with it."""
    return HouseholdMember.objects.filter(household_id=household_id, person__isnull=False).values_list(
        "person_id", flat=True
    )


def _of_household(record: Household | HouseholdMember | Arrangement) -> Iterable[int]:
    members = list(household_members(record.pk if isinstance(record, Household) else record.household_id))
    own = getattr(record, "person_id", None)
    return [*members, own] if own is not None and own not in members else members


def _of_arrangement(record: Model) -> Iterable[int]:
    return HouseholdMember.objects.filter(household__ontzorgen=record.arrangement_id, person__isnull=False) \
        .values_list("person_id", flat=True)


def _of_advance(settlement: Settlement) -> Iterable[int]:
    return HouseholdMember.objects.filter(household__ontzorgen__advances=settlement.advance_id,
                                          person__isnull=False).values_list("person_id", flat=True)


def _of_municipality(run: PaymentRun) -> Iterable[int]:
    """A run concerns every household of its municipality with an arrangement."""
    return HouseholdMember.objects.filter(household__municipality_id=run.municipality_id,
                                          household__ontzorgen__isnull=False, person__isnull=False) \
        .values_list("person_id", flat=True)


HOUSEHOLD = (Watch("people.HouseholdMember", _of_household), Watch("people.Household", _of_household))
ARRANGEMENT = (Watch("ontzorgen.Arrangement", _of_household), Watch("ontzorgen.Extension", _of_arrangement))
KINDS = {
    ENDING: _("Ontzorgen eindigt binnen zes weken"),
    STEP_DUE: _("Stap van het afbouwplan"),
    RUN_MISSING: _("Betaalronde volgende maand nog niet aangemaakt"),
    LATE_PAYMENT: _("Vaste lasten te laat betaald"),
    ADVANCE_OPEN: _("Voorschot of overbruggingslening nog niet verrekend"),
}


def _kinds(*kinds: str) -> dict:
    return {kind: KINDS[kind] for kind in kinds}


SOURCES = (
    DeadlineSource("ontzorgen", _kinds(ENDING), compute_endings, watches=(*ARRANGEMENT, *HOUSEHOLD)),
    DeadlineSource("ontzorgen.afbouwplan", _kinds(STEP_DUE), compute_steps,
                   watches=(Watch("ontzorgen.PhaseOutStep", _of_arrangement), *HOUSEHOLD)),
    DeadlineSource("ontzorgen.betalingen", _kinds(RUN_MISSING, LATE_PAYMENT), compute_payments,
                   watches=(*ARRANGEMENT, Watch("ontzorgen.WithheldItem", _of_arrangement),
                            Watch("ontzorgen.PaymentRun", _of_municipality), *HOUSEHOLD)),
    DeadlineSource("ontzorgen.voorschotten", _kinds(ADVANCE_OPEN), compute_advances,
                   watches=(Watch("ontzorgen.Advance", _of_arrangement), Watch("ontzorgen.Settlement", _of_advance),
                            *HOUSEHOLD)),
)
"""One source per kind of record the deadlines come from, so that a change recomputes only what
depends on it: a new withheld item does not read the advances."""
