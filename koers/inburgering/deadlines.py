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

X and N come from the municipality's signal policy (``koers.signals.policy``), joined into the
queries. Set-based: one query per kind of record for all persons, then Python; for a changed dossier
one query per source. The deadlines come from one source per kind of record (``SOURCES``), so that a
change recomputes only the sources that watch what changed.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, F, Max, Model, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory
from koers.lib.deadlines import Compute, Deadline, DeadlineSource, register_deadline_source
from koers.lib.prepared import ForFew
from koers.lib.records import recorded
from koers.people.constants import EventKind
from koers.people.models import TimelineEvent
from koers.signals.policy import DEFAULT, LIMITS, thresholds_by_municipality

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
from .route import FINE_CATEGORY, OFFER_CATEGORY, PIP_CATEGORY, TERM_CATEGORY
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
CONTACT_KINDS = (EventKind.APPOINTMENT, EventKind.NOTE)


def _policy(name: str) -> Coalesce:
    """A threshold of the person's municipality joined into the query (the default without a policy)."""
    return Coalesce(F(f"person__municipality__signal_policy__{name}"), Value(getattr(DEFAULT, name)))


DUTY_FIELDS = ("pk", "person_id", "doelgroep", "leerroute_term_start", "termijn_end", "start_date",
               "offer_weeks", "no_contact_weeks")
PERSON = OuterRef("person_id")
RUNNING_DUTIES = Inburgeringsplicht.objects.filter(status=PlichtStatus.LOPEND).order_by().annotate(
    offer_weeks=_policy("offer_weeks"), no_contact_weeks=_policy("no_contact_weeks")
)
DECIDED = PipVersie.objects.filter(status=PipStatus.VASTGESTELD).order_by()
OFFERS = Inburgeringsaanbod.objects.order_by()
LAST_CONTACTS = TimelineEvent.objects.filter(kind__in=CONTACT_KINDS).order_by().values("person_id").annotate(
    last=Max(TruncDate("occurred_at"))
)
DUTIES_OF_FEW = ForFew(RUNNING_DUTIES.annotate(
    dagtekening=Subquery(DECIDED.filter(person_id=PERSON).values("dagtekening")[:1]),
    with_offer=Exists(OFFERS.filter(person_id=PERSON)),
    last_contact=Subquery(LAST_CONTACTS.filter(person_id=PERSON).values("last")),
).values_list(*DUTY_FIELDS, "dagtekening", "with_offer", "last_contact"))
"""Compiled once (``ForFew``): Django spends more time building a query with subqueries than the
database spends answering it for one person."""


def _duties(person_ids: Sequence[int] | None) -> Iterator[tuple]:
    """Each running duty as ``DUTY_FIELDS`` plus the vastgesteld PIP's dagtekening, whether there is an
    offer and the day of the last contact (appointment or note). For all persons, one query per kind
    of record and dictionaries; for a few, one query with the rest as subqueries (a set-based
    ``IN (SELECT ...)`` over every offer would be a scan per duty on a large table)."""
    if person_ids is not None:
        yield from DUTIES_OF_FEW.rows(person_ids)
        return
    dagtekening = dict(DECIDED.values_list("person_id", "dagtekening"))
    with_offer = set(OFFERS.values_list("person_id", flat=True))
    rows = list(RUNNING_DUTIES.values_list(*DUTY_FIELDS))
    last_contact = dict(LAST_CONTACTS.values_list("person_id", "last")) if rows else {}
    for row in rows:
        person_id = row[1]
        yield (*row, dagtekening.get(person_id), person_id in with_offer, last_contact.get(person_id))


def compute_route(person_ids: Sequence[int] | None, today: dt.date) -> Iterator[Deadline]:
    """The deadlines of a running duty: the leerroute, the offer, the end of the term, and contact."""
    for (pk, person_id, doelgroep, leerroute_start, termijn_end, start_date, offer_weeks, no_contact_weeks,
         dagtekening, with_offer, last_contact) in _duties(person_ids):
        if dagtekening is None and leerroute_start is not None:
            yield Deadline(person_id, LEERROUTE, _leerroute_deadline(leerroute_start), PIP_CATEGORY, f"plicht:{pk}")
        if dagtekening is not None and doelgroep == Doelgroepindeling.ASIELSTATUSHOUDER and not with_offer:
            yield Deadline(person_id, OFFER_MISSING, dagtekening + dt.timedelta(weeks=offer_weeks),
                           OFFER_CATEGORY, f"plicht:{pk}")
        if termijn_end is not None:
            yield from _term_warnings(person_id, pk, termijn_end, today)
        yield from _no_contact(person_id, start_date, last_contact, no_contact_weeks, today)


def compute(person_ids: Sequence[int] | None, today: dt.date) -> Iterator[Deadline]:
    """Every inburgering deadline (the sources below together)."""
    for source in SOURCES:
        yield from source.compute(person_ids, today)


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

    @functools.cached_property
    def pending(self) -> Q:
        """A filed objection without an outcome yet."""
        return Q(objection_filed_on__isnull=False, objection_outcome__in=PENDING_OBJECTION,
                 **{f"{self.date_field}__isnull": False})

    @functools.cached_property
    def signalled(self) -> ForFew:
        """The decisions in force whose objection period may still run (decided on or after the
        day given) and those with an objection pending, with the municipality's committee setting."""
        decisions = self.model.objects.order_by().annotate(committee=_policy("objection_committee")).values_list(
            "pk", "person_id", self.date_field, "objection_filed_on", "committee"
        )
        return ForFew(lambda since: decisions.filter(
            self.in_force & Q(objection_filed_on__isnull=True, **{f"{self.date_field}__gte": since}) | self.pending
        ))


APPEALABLE = (
    Appealable(PipVersie, Q(status=PipStatus.VASTGESTELD), "dagtekening", "pip", PIP_CATEGORY, PIP_OBJECTION,
               PIP_OBJECTION_DECISION),
    Appealable(Boete, Q(status=BoeteStatus.BESLUIT), "decision_date", "boete", FINE_CATEGORY, FINE_OBJECTION,
               FINE_OBJECTION_DECISION),
)


def _objections(decision: Appealable, person_ids: Sequence[int] | None, today: dt.date) -> Iterator[Deadline]:
    """In one query: the objection period of a decision in force while it runs and no objection was
    filed; and the municipality's term to decide on a filed objection (Awb art. 7:10) until its
    outcome is recorded, twelve weeks where the policy says an advisory committee hears objections."""
    for pk, person_id, decided_on, filed_on, committee in decision.signalled.of(person_ids, today - OBJECTION_REACH):
        end, reference = _objection_end(decided_on), f"{decision.prefix}:{pk}"
        if filed_on is None and today <= end:
            yield Deadline(person_id, decision.period_kind, end, decision.category, reference)
        elif filed_on is not None:
            yield Deadline(person_id, decision.decision_kind,
                           objection_decision_deadline(end, filed_on, committee=committee), decision.category,
                           reference, f"Bezwaar ingediend op {filed_on:%d-%m-%Y}")


def objections_of(decision: Appealable) -> Compute:
    return functools.partial(_objections, decision)


OPEN_BARRIERS = ForFew(Belemmering.objects.filter(status=BelemmeringStatus.OPEN, follow_up_on__isnull=False)
                       .order_by().values_list("pk", "person_id", "soort", "follow_up_on"))


def compute_barriers(person_ids: Sequence[int] | None, today: dt.date) -> Iterator[Deadline]:
    """An open barrier is due on its follow-up day; a health barrier is a health signal."""
    for pk, person_id, soort, follow_up_on in OPEN_BARRIERS.of(person_ids):
        yield Deadline(person_id, BARRIER_FOLLOW_UP, follow_up_on, category_of_barrier(soort),
                       f"belemmering:{pk}", _barrier_label(soort))


@functools.cache
def _barrier_label(soort: str) -> str:
    return recorded(BelemmeringSoort(soort).label)


HourTotals = tuple[int, Decimal, Decimal, dt.date, int]
"""Per person over their window: offered (less excused absence), attended, the last period, the norm."""


def compute_hours(person_ids: Sequence[int] | None, today: dt.date) -> Iterator[Deadline]:
    """Over the periods ending in the last N weeks (N of the person's municipality): attended below
    X% of offered. Excused absence counts as neither offered nor missed."""
    totals = _hour_totals_of_all(today) if person_ids is None else _hour_totals_of_few(person_ids, today)
    for person_id, offered, attended, last_period, norm in totals:
        if offered and attended * 100 < offered * norm:
            yield Deadline(person_id, HOURS_BEHIND, last_period + HOURS_ACTION, OFFER_CATEGORY, "uren",
                           f"{int(attended * 100 / offered)}% van de aangeboden uren gevolgd (norm {norm}%)")


def _hour_totals_of_all(today: dt.date) -> Iterator[HourTotals]:
    """Summed in SQL, one query per distinct window of the municipalities' policies."""
    thresholds = thresholds_by_municipality()
    windows: dict[int, list[int]] = defaultdict(list)
    for municipality_id, policy in thresholds.items():
        windows[policy.hours_window_weeks].append(municipality_id)
    queries = [(weeks, Q(person__municipality_id__in=ids)) for weeks, ids in windows.items()]
    queries.append((DEFAULT.hours_window_weeks, ~Q(person__municipality_id__in=list(thresholds))))
    for weeks, municipalities in queries:
        periods = Urenregistratie.objects.order_by().filter(
            municipalities, period_end__gte=today - dt.timedelta(weeks=weeks), period_end__lte=today
        )
        totals = periods.values("person_id", "person__municipality_id").annotate(
            offered=Sum(Greatest(F("hours_offered") - F("hours_absent_excused"), Value(Decimal(0)))),
            attended=Sum("hours_attended"),
            last_period=Max("period_end"),
        )
        for row in totals.values_list("person_id", "person__municipality_id", "offered", "attended", "last_period"):
            person_id, municipality_id, offered, attended, last_period = row
            yield person_id, offered, attended, last_period, thresholds.get(municipality_id, DEFAULT).hours_min_percent


PERIODS = Urenregistratie.objects.order_by().annotate(
    weeks=_policy("hours_window_weeks"), norm=_policy("hours_min_percent")
).values_list("person_id", "hours_offered", "hours_absent_excused", "hours_attended", "period_end", "weeks", "norm")
LONGEST_WINDOW = dt.timedelta(weeks=LIMITS["hours_window_weeks"][1])
RECENT_PERIODS = ForFew(lambda today: PERIODS.filter(period_end__gte=today - LONGEST_WINDOW, period_end__lte=today))
"""A few persons' periods of the longest window a policy allows, up to ``today``."""


def _hour_totals_of_few(person_ids: Sequence[int], today: dt.date) -> Iterator[HourTotals]:
    """The same sums for a few persons: their periods of the longest window a policy allows, with
    their municipality's window and norm joined in, summed here (one query)."""
    totals: dict[int, list] = {}
    for person_id, offered, excused, attended, period_end, weeks, norm in RECENT_PERIODS.rows(person_ids, today):
        if period_end < today - dt.timedelta(weeks=weeks):
            continue
        total = totals.setdefault(person_id, [Decimal(0), Decimal(0), period_end, norm])
        total[0] += max(offered - excused, Decimal(0))
        total[1] += attended
        total[2] = max(total[2], period_end)
    for person_id, (offered, attended, last_period, norm) in totals.items():
        yield person_id, offered, attended, last_period, norm


def _no_contact(person_id: int, start_date: dt.date, last: dt.date | None, weeks: int,
                today: dt.date) -> Iterator[Deadline]:
    """For a person with a running duty: N weeks after the last appointment or note (or, without
    one, after the duty started)."""
    since = last if last is not None else start_date
    due = since + dt.timedelta(weeks=weeks)
    if due - CONTACT_LEAD <= today:
        yield Deadline(person_id, NO_CONTACT, due, CONTACT_CATEGORY, "contact",
                       f"Laatste contact {since:%d-%m-%Y}" if last is not None else "Nog geen contact vastgelegd")


SOURCES = (
    DeadlineSource(
        "inburgering",
        {kind: KINDS[kind] for kind in (LEERROUTE, OFFER_MISSING, TERM_SIX_MONTHS, TERM_TWO_MONTHS, NO_CONTACT)},
        compute_route,
        watches=("inburgering.Inburgeringsplicht", "inburgering.PipVersie", "inburgering.Inburgeringsaanbod",
                 "inburgering.Termijnverlenging", "people.TimelineEvent"),
    ),
    *(
        DeadlineSource(f"inburgering.{decision.prefix}_bezwaar",
                       {kind: KINDS[kind] for kind in (decision.period_kind, decision.decision_kind)},
                       objections_of(decision), watches=(decision.model._meta.label,))
        for decision in APPEALABLE
    ),
    DeadlineSource("inburgering.belemmering", {BARRIER_FOLLOW_UP: KINDS[BARRIER_FOLLOW_UP]}, compute_barriers,
                   watches=("inburgering.Belemmering",)),
    DeadlineSource("inburgering.uren", {HOURS_BEHIND: KINDS[HOURS_BEHIND]}, compute_hours,
                   watches=("inburgering.Urenregistratie",)),
)
"""The inburgering deadlines as one source per kind of record they come from, so that a change
recomputes only what depends on it (a new barrier does not read the duty, a PIP not the hours)."""


def register() -> None:
    for source in SOURCES:
        register_deadline_source(source)
