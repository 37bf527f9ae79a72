"""Deadlines of the inburgering route for the signal engine (``koers.lib.deadlines``).

* the leerroute: 10 weeks from the start of that term (SS139) while no PIP is vastgesteld;
* the objection period of the vastgestelde PIP, while it runs and no objection was filed;
* the offer for an asylum migrant with a vastgesteld PIP but no inburgeringsaanbod, due a number of
  weeks after the PIP's dagtekening (the municipality's policy);
* the end of the inburgeringstermijn: a warning six months and one two months before the einddatum,
  shown from four weeks before each warning date until the next one takes over (the two-month one
  until the last day of the term);
* hours behind the plan: fewer than X% of the offered hours followed over the last N weeks;
* no contact (appointment or note on the timeline) for N weeks;
* the objection period of a municipal fine;
* the decision on an objection against the PIP or a fine: six weeks after the objection period, twelve
  when an advisory committee hears objections (Awb art. 7:10; the municipality's policy says which);
* an open barrier (childcare, transport, health, a waiting list) on the day set to follow it up.

X and N come from the municipality's signal policy (``koers.signals.policy``). Set-based: one query
per kind of record for all persons, then Python.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Max, Model, Q, Sum, Value
from django.db.models.functions import Greatest, TruncDate
from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory
from koers.lib.deadlines import Deadline, DeadlineSource, register_deadline_source
from koers.people.constants import EventKind
from koers.people.models import TimelineEvent

from .constants import (
    PENDING_OBJECTION,
    BelemmeringSoort,
    BelemmeringStatus,
    BoeteStatus,
    Doelgroepindeling,
    PipStatus,
    PlichtStatus,
)
from .models import Belemmering, Boete, Inburgeringsaanbod, Inburgeringsplicht, PipVersie, Urenregistratie
from .models.participatie import category_of_barrier
from .route import FINE_CATEGORY, OFFER_CATEGORY, PIP_CATEGORY, TERM_CATEGORY, nl
from .terms import leerroute_deadline, objection_decision_deadline, objection_period_end, term_warning_dates

LEERROUTE = "inburgering.leerroute"
PIP_OBJECTION = "inburgering.pip_bezwaar"
OFFER_MISSING = "inburgering.aanbod"
TERM_SIX_MONTHS = "inburgering.termijn_6m"
TERM_TWO_MONTHS = "inburgering.termijn_2m"
HOURS_BEHIND = "inburgering.uren"
NO_CONTACT = "inburgering.contact"
FINE_OBJECTION = "inburgering.boete_bezwaar"
PIP_OBJECTION_DECISION = "inburgering.pip_bezwaar_besluit"
FINE_OBJECTION_DECISION = "inburgering.boete_bezwaar_besluit"
BARRIER_FOLLOW_UP = "inburgering.belemmering"

KINDS = {
    LEERROUTE: _("Leerroute vaststellen (10 weken)"),
    PIP_OBJECTION: _("Bezwaartermijn PIP loopt"),
    OFFER_MISSING: _("Inburgeringsaanbod ontbreekt"),
    TERM_SIX_MONTHS: _("Inburgeringstermijn eindigt over 6 maanden"),
    TERM_TWO_MONTHS: _("Inburgeringstermijn eindigt over 2 maanden"),
    HOURS_BEHIND: _("Loopt achter op de geplande uren"),
    NO_CONTACT: _("Geen contact geweest"),
    FINE_OBJECTION: _("Bezwaartermijn boete loopt"),
    PIP_OBJECTION_DECISION: _("Beslissen op bezwaar tegen het PIP"),
    FINE_OBJECTION_DECISION: _("Beslissen op bezwaar tegen een boete"),
    BARRIER_FOLLOW_UP: _("Belemmering opvolgen"),
}

CONTACT_CATEGORY = DataCategory.CONTACT
WARNING_LEAD = dt.timedelta(weeks=4)
"""A term warning shows from this long before its date."""
CONTACT_LEAD = dt.timedelta(weeks=2)
"""A missing contact shows from this long before it becomes N weeks."""
HOURS_ACTION = dt.timedelta(weeks=2)
"""Hours behind the plan are due for a talk this long after the last reported period."""
# An objection period never runs longer than six weeks plus a run of rest days.
OBJECTION_REACH = dt.timedelta(weeks=7)
WATCHES = (
    "inburgering.Inburgeringsplicht",
    "inburgering.PipVersie",
    "inburgering.Inburgeringsaanbod",
    "inburgering.Urenregistratie",
    "inburgering.Boete",
    "inburgering.Termijnverlenging",
    "inburgering.Belemmering",
    "people.TimelineEvent",
)


def _scoped(queryset, person_ids: Sequence[int] | None):
    """The queryset for these persons (all when ``None``), without the model's ordering (a join)."""
    queryset = queryset.order_by()
    return queryset if person_ids is None else queryset.filter(person_id__in=person_ids)


def compute(person_ids: Sequence[int] | None, today: dt.date) -> Iterator[Deadline]:
    from koers.signals.policy import DEFAULT, thresholds_by_municipality

    thresholds = thresholds_by_municipality()
    duties = list(
        _scoped(Inburgeringsplicht.objects.filter(status=PlichtStatus.LOPEND), person_ids).values_list(
            "pk", "person_id", "person__municipality_id", "doelgroep", "leerroute_term_start", "termijn_end",
            "start_date",
        )
    )
    decided = dict(
        _scoped(PipVersie.objects.filter(status=PipStatus.VASTGESTELD), person_ids).values_list(
            "person_id", "dagtekening"
        )
    )
    with_offer = set(_scoped(Inburgeringsaanbod.objects.all(), person_ids).values_list("person_id", flat=True))
    for pk, person_id, municipality_id, doelgroep, leerroute_start, termijn_end, _start in duties:
        policy = thresholds.get(municipality_id, DEFAULT)
        dagtekening = decided.get(person_id)
        if dagtekening is None and leerroute_start is not None:
            yield Deadline(person_id, LEERROUTE, _leerroute_deadline(leerroute_start), PIP_CATEGORY, f"plicht:{pk}")
        if (dagtekening is not None and doelgroep == Doelgroepindeling.ASIELSTATUSHOUDER
                and person_id not in with_offer):
            yield Deadline(person_id, OFFER_MISSING, dagtekening + dt.timedelta(weeks=policy.offer_weeks),
                           OFFER_CATEGORY, f"plicht:{pk}")
        if termijn_end is not None:
            yield from _term_warnings(person_id, pk, termijn_end, today)
    yield from _objections(person_ids, today, thresholds, DEFAULT)
    yield from _barriers(person_ids)
    yield from _hours_behind(person_ids, today, thresholds, DEFAULT)
    yield from _no_contact(person_ids, duties, today, thresholds, DEFAULT)


@functools.lru_cache(maxsize=8192)
def _warnings(termijn_end: dt.date) -> tuple[dt.date, dt.date, str]:
    """The two warning dates and the detail text of an einddatum; many persons share one."""
    dates = term_warning_dates(termijn_end)
    return dates.six_months_before, dates.two_months_before, f"Einddatum (exclusief) {termijn_end:%d-%m-%Y}"


_objection_end = functools.lru_cache(maxsize=8192)(objection_period_end)
_leerroute_deadline = functools.lru_cache(maxsize=8192)(leerroute_deadline)


def _term_warnings(person_id: int, pk: int, termijn_end: dt.date, today: dt.date) -> Iterator[Deadline]:
    six, two, detail = _warnings(termijn_end)
    if six - WARNING_LEAD <= today < two:
        yield Deadline(person_id, TERM_SIX_MONTHS, six, TERM_CATEGORY, f"plicht:{pk}", detail)
    if two - WARNING_LEAD <= today < termijn_end:
        yield Deadline(person_id, TERM_TWO_MONTHS, two, TERM_CATEGORY, f"plicht:{pk}", detail)


@dataclass(frozen=True)
class Appealable:
    """A decision an objection can be made against: where it is stored and the signals it gives."""

    model: type[Model]
    in_force: Q
    """The decisions whose objection period is signalled."""
    date_field: str
    """The date the objection period counts from."""
    prefix: str
    category: DataCategory
    period_kind: str
    decision_kind: str


APPEALABLE = (
    Appealable(PipVersie, Q(status=PipStatus.VASTGESTELD), "dagtekening", "pip", PIP_CATEGORY, PIP_OBJECTION,
               PIP_OBJECTION_DECISION),
    Appealable(Boete, Q(status=BoeteStatus.BESLUIT), "decision_date", "boete", FINE_CATEGORY, FINE_OBJECTION,
               FINE_OBJECTION_DECISION),
)


def _objections(person_ids: Sequence[int] | None, today: dt.date, thresholds: dict, default) -> Iterator[Deadline]:
    """Per kind of decision, in one query: the objection period of a decision in force while it runs and
    no objection was filed; and the municipality's term to decide on a filed objection (Awb art. 7:10)
    until its outcome is recorded, twelve weeks where the policy says an advisory committee hears
    objections."""
    for decision in APPEALABLE:
        running = decision.in_force & Q(
            objection_filed_on__isnull=True, **{f"{decision.date_field}__gte": today - OBJECTION_REACH}
        )
        pending = Q(objection_filed_on__isnull=False, objection_outcome__in=PENDING_OBJECTION,
                    **{f"{decision.date_field}__isnull": False})
        rows = _scoped(decision.model.objects.filter(running | pending), person_ids).values_list(
            "pk", "person_id", "person__municipality_id", decision.date_field, "objection_filed_on"
        )
        for pk, person_id, municipality_id, decided_on, filed_on in rows:
            end, reference = _objection_end(decided_on), f"{decision.prefix}:{pk}"
            if filed_on is None and today <= end:
                yield Deadline(person_id, decision.period_kind, end, decision.category, reference)
            elif filed_on is not None:
                committee = thresholds.get(municipality_id, default).objection_committee
                yield Deadline(person_id, decision.decision_kind,
                               objection_decision_deadline(end, filed_on, committee=committee), decision.category,
                               reference, f"Bezwaar ingediend op {filed_on:%d-%m-%Y}")


def _barriers(person_ids: Sequence[int] | None) -> Iterator[Deadline]:
    """An open barrier is due on its follow-up day; a health barrier is a health signal."""
    barriers = Belemmering.objects.filter(status=BelemmeringStatus.OPEN, follow_up_on__isnull=False)
    for pk, person_id, soort, follow_up_on in _scoped(barriers, person_ids).values_list(
        "pk", "person_id", "soort", "follow_up_on"
    ):
        yield Deadline(person_id, BARRIER_FOLLOW_UP, follow_up_on, category_of_barrier(soort),
                       f"belemmering:{pk}", _barrier_label(soort))


@functools.cache
def _barrier_label(soort: str) -> str:
    return nl(BelemmeringSoort(soort).label)


def _hours_behind(person_ids, today: dt.date, thresholds: dict, default) -> Iterator[Deadline]:
    """Over the periods ending in the last N weeks (N of the person's municipality): attended below
    X% of offered. Excused absence counts as neither offered nor missed. Summed in SQL, one query per
    distinct window."""
    windows: dict[int, list[int]] = defaultdict(list)
    for municipality_id, policy in thresholds.items():
        windows[policy.hours_window_weeks].append(municipality_id)
    queries = [(weeks, Q(person__municipality_id__in=ids)) for weeks, ids in windows.items()]
    queries.append((default.hours_window_weeks, ~Q(person__municipality_id__in=list(thresholds))))
    for weeks, municipalities in queries:
        periods = _scoped(Urenregistratie.objects.filter(municipalities), person_ids).filter(
            period_end__gte=today - dt.timedelta(weeks=weeks), period_end__lte=today
        )
        totals = periods.values("person_id", "person__municipality_id").annotate(
            offered=Sum(Greatest(F("hours_offered") - F("hours_absent_excused"), Value(Decimal(0)))),
            attended=Sum("hours_attended"),
            last_period=Max("period_end"),
        )
        for row in totals.values_list("person_id", "person__municipality_id", "offered", "attended", "last_period"):
            person_id, municipality_id, offered, attended, last_period = row
            norm = thresholds.get(municipality_id, default).hours_min_percent
            if offered and attended * 100 < offered * norm:
                yield Deadline(person_id, HOURS_BEHIND, last_period + HOURS_ACTION, OFFER_CATEGORY, "uren",
                               f"{int(attended * 100 / offered)}% van de aangeboden uren gevolgd (norm {norm}%)")


def _no_contact(person_ids, duties: list[tuple], today: dt.date, thresholds: dict, default) -> Iterator[Deadline]:
    """For every person with a running duty: N weeks after the last appointment or note (or, without
    one, after the duty started)."""
    if not duties:
        return
    contacts = _scoped(TimelineEvent.objects.filter(kind__in=[EventKind.APPOINTMENT, EventKind.NOTE]), person_ids)
    last_contact = dict(
        contacts.values("person_id").annotate(last=Max(TruncDate("occurred_at"))).values_list("person_id", "last")
    )
    weeks = {pk: dt.timedelta(weeks=t.no_contact_weeks) for pk, t in thresholds.items()}
    default_weeks = dt.timedelta(weeks=default.no_contact_weeks)
    for _pk, person_id, municipality_id, _group, _leerroute, _end, start_date in duties:
        last = last_contact.get(person_id)
        since = last if last is not None else start_date
        due = since + weeks.get(municipality_id, default_weeks)
        if due - CONTACT_LEAD <= today:
            yield Deadline(person_id, NO_CONTACT, due, CONTACT_CATEGORY, "contact",
                           f"Laatste contact {since:%d-%m-%Y}" if last is not None else "Nog geen contact vastgelegd")


def register() -> None:
    register_deadline_source(DeadlineSource("inburgering", KINDS, compute, watches=WATCHES))
