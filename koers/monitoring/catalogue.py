"""The figures of DOMAIN.md §4 that the dossier's data supports, each one GROUP BY over a facts table
(``models.facts``: a row per person, or per event with the person's dimensions on it).

Medians come from a histogram the database counts (one row per breakdown value and number of days),
never from a loop over persons. People counted over events in a period are counted at their first
event in the period (``previous_day`` before the period), never with COUNT(DISTINCT ...).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from koers.inburgering.constants import BoeteGrond, Examenonderdeel, Leerroute, PlichtStatus
from koers.inburgering.terms import leerroute_deadline
from koers.people.constants import Phase

from .facts import fresh
from .figures import Figure, Measure, RawRow, register, shared
from .models import EventFacts, EventKind, HoursFacts, PersonFacts
from .selection import Selection


def leerroute_term_days() -> int:
    """The ten weeks of the leerroute term, in days, as ``terms.leerroute_deadline`` counts them."""
    start = dt.date(2000, 1, 1)
    return (leerroute_deadline(start) - start).days


def median_of(histogram: Iterable[tuple[int, int]]) -> float | None:
    """The median of values given as (value, how often) pairs; for an even count the mean of the two
    middle values."""
    pairs = sorted(histogram)
    total = sum(count for _, count in pairs)
    if not total:
        return None
    lower_rank, upper_rank = (total - 1) // 2, total // 2
    lower = upper = None
    seen = 0
    for value, count in pairs:
        if lower is None and seen + count > lower_rank:
            lower = value
        if seen + count > upper_rank:
            upper = value
            break
        seen += count
    return (lower + upper) / 2


def days_between(later: str, earlier: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(later) - F(earlier), output_field=DurationField())


def as_days(value) -> int:
    return value.days if isinstance(value, dt.timedelta) else int(value)


def person_facts(selection: Selection) -> QuerySet:
    return selection.narrow(fresh(PersonFacts))


def events(selection: Selection, kind: EventKind) -> QuerySet:
    """The events of ``kind`` in the period."""
    return selection.narrow(fresh(EventFacts).filter(kind=kind)).filter(**selection.period("day"))


def rows_where(condition: Q | None = None) -> Count:
    """COUNT(*), of the rows that meet ``condition`` if given. Django puts no condition on COUNT(*),
    so a conditional count counts a column every facts row has and every covering index holds."""
    return Count("*") if condition is None else Count("gender", filter=condition)


def first_in_period(selection: Selection, previous: str = "previous_day") -> Q:
    """On an event in the period: the person's first in it (their previous event lies before it)."""
    return Q(**{f"{previous}__isnull": True}) | Q(**{f"{previous}__lt": selection.start})


def people_rows(selection: Selection, queryset: QuerySet, series: str | None = None) -> list[RawRow]:
    """Events in the period: the people with one, per breakdown value (and series). Without a
    breakdown the group is a constant, so an empty selection still answers one row, of zeros: such
    rows are left out, here and in every figure that counts per breakdown value alone."""
    fields = ["group"] + ([series] if series else [])
    rows = (
        queryset.values(*fields).annotate(people=rows_where(first_in_period(selection))).order_by()
    )
    return [
        RawRow(r["group"], str(r[series]) if series else "", r["people"], r["people"])
        for r in rows
        if r["people"]
    ]


def medians(rows: Iterable[dict], series: str | None = None) -> list[RawRow]:
    """From database rows of (group, series, days, n), a histogram per breakdown value (and series):
    per cell the number of people and the median days (rows without days left out)."""
    histogram: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for row in rows:
        if row["days"] is not None:
            histogram[(row["group"], row[series] if series else "")].append((as_days(row["days"]), row["n"]))
    return [
        RawRow(group, cell, sum(n for _, n in pairs), median_of(pairs))
        for (group, cell), pairs in histogram.items()
    ]


def median_rows(queryset: QuerySet, days) -> list[RawRow]:
    """One row per person (or event) in ``queryset``; the median of ``days`` per breakdown value."""
    return medians(queryset.annotate(days=days).values("group", "days").annotate(n=rows_where()).order_by())


def mix_rows(queryset: QuerySet, series: str) -> list[RawRow]:
    """The share of each ``series`` value within its breakdown value (one row per person)."""
    rows = list(queryset.values("group", series).annotate(people=rows_where()).order_by())
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        totals[row["group"]] += row["people"]
    return [RawRow(r["group"], str(r[series]), r["people"], r["people"] / totals[r["group"]]) for r in rows]


def label_of(choices) -> Callable[[str], str]:
    labels = dict(choices)
    return lambda value: str(labels.get(value, value))


# -- Intake ------------------------------------------------------------------------------------


def koppeling_months(selection: Selection) -> list[dict]:
    """Per breakdown value and month: the persons linked in the period (both koppelingen figures)."""
    return shared("koppeling_months", selection, lambda: list(
        person_facts(selection)
        .filter(**selection.period("koppeling_date"))
        .annotate(month=TruncMonth("koppeling_date"))
        .values("group", "month")
        .annotate(people=rows_where())
        .order_by()
    ))


def koppelingen(selection: Selection) -> list[RawRow]:
    totals: Counter[str] = Counter()
    for row in koppeling_months(selection):
        totals[row["group"]] += row["people"]
    return [RawRow(group, "", n, n) for group, n in totals.items()]


def koppelingen_per_month(selection: Selection) -> list[RawRow]:
    rows = koppeling_months(selection)
    return [RawRow(r["group"], str(r["month"]), r["people"], r["people"]) for r in rows]


def month_label(value: str) -> str:
    return date_format(dt.date.fromisoformat(value[:10]), "F Y")


def days_to_brp(selection: Selection) -> list[RawRow]:
    queryset = person_facts(selection).filter(**selection.period("brp_registration_date"))
    return median_rows(queryset, days_between("brp_registration_date", "koppeling_date"))


# -- Brede intake and PIP within ten weeks -----------------------------------------------------


TERM_START = "leerroute_term_start"


def term_histogram(selection: Selection, step: str) -> list[dict]:
    """Of the persons whose leerroute term started in the period, per breakdown value and number of
    days from the term's start to their first ``step`` (a completed intake, a decided PIP; none: not
    taken yet): how many, and how many of them are past the ten weeks today. Both the share within
    the ten weeks and the median days come from it."""
    past = Q(**{f"{TERM_START}__lt": selection.today - dt.timedelta(days=leerroute_term_days())})
    return shared(f"term_histogram_{step}", selection, lambda: list(
        person_facts(selection)
        .filter(**selection.period(TERM_START))
        .annotate(days=days_between(step, TERM_START))
        .values("group", "days")
        .annotate(n=rows_where(), past=rows_where(past))
        .order_by()
    ))


def share_within_ten_weeks(selection: Selection, step: str) -> list[RawRow]:
    """The share that took the step within the ten weeks. Judged are those past the ten weeks and
    those who took the step already (those still inside the term without the step are not judged)."""
    judged, hits = Counter(), Counter()
    for row in term_histogram(selection, step):
        if row["days"] is None:
            judged[row["group"]] += row["past"]
        else:
            judged[row["group"]] += row["n"]
            hits[row["group"]] += row["n"] if as_days(row["days"]) <= leerroute_term_days() else 0
    return [RawRow(group, "", n, hits[group] / n) for group, n in judged.items() if n]


def intake_within_ten_weeks(selection: Selection) -> list[RawRow]:
    return share_within_ten_weeks(selection, "first_intake_on")


def pip_within_ten_weeks(selection: Selection) -> list[RawRow]:
    return share_within_ten_weeks(selection, "first_pip_on")


def days_from_term_start(selection: Selection, step: str) -> list[RawRow]:
    """The median days from the term's start (in the period) to the first ``step``."""
    return medians(term_histogram(selection, step))


def days_to_pip(selection: Selection) -> list[RawRow]:
    return days_from_term_start(selection, "first_pip_on")


# -- Route, offer, hours, exams ----------------------------------------------------------------


def route_mix(selection: Selection) -> list[RawRow]:
    queryset = person_facts(selection).filter(**selection.period("current_pip_on"))
    return mix_rows(queryset, "current_leerroute")


def days_pip_to_offer(selection: Selection) -> list[RawRow]:
    """From the first decided PIP to the first offer, for first offers in the period."""
    queryset = person_facts(selection).filter(
        **selection.period("first_offer_on"), first_pip_on__isnull=False
    )
    return median_rows(queryset, days_between("first_offer_on", "first_pip_on"))


OFFERED, PLANNED = "aanbod", "plan"
HOURS_SERIES = (
    (PLANNED, _("ten opzichte van het plan")),
    (OFFERED, _("ten opzichte van de aangeboden uren")),
)


def hours_attended(selection: Selection) -> list[RawRow]:
    """Hours attended against the hours the course offer planned for the registration's days (its
    hours per week times the weeks; registrations without a planned offer do not count), and against
    the hours offered. The number is the persons with a registration (with a planned offer) in the
    period. One pass over the registrations in the period."""
    planned = Q(planned__isnull=False)
    rows = (
        selection.narrow(fresh(HoursFacts))
        .filter(**selection.period("day"))
        .values("group")
        .annotate(
            attended_offered=Sum("attended"),
            hours_offered=Sum("offered"),
            attended_planned=Sum("attended", filter=planned),
            hours_planned=Sum("planned"),
            people=rows_where(first_in_period(selection)),
            people_planned=rows_where(planned & first_in_period(selection, "previous_planned_day")),
        )
        .order_by()
    )
    found = []
    for r in filter(lambda r: r["people"], rows):
        if r["people_planned"]:
            planned_ratio = ratio(7 * r["attended_planned"], r["hours_planned"])
            found.append(RawRow(r["group"], PLANNED, r["people_planned"], planned_ratio))
        offered_ratio = ratio(r["attended_offered"], r["hours_offered"])
        found.append(RawRow(r["group"], OFFERED, r["people"], offered_ratio))
    return found


def ratio(part: float | None, whole: float | None) -> float | None:
    return float(part) / float(whole) if whole else None


def exam_results(selection: Selection) -> list[RawRow]:
    rows = (
        events(selection, EventKind.EXAM)
        .values("group", "series")
        .annotate(
            people=rows_where(first_in_period(selection)),
            taken=rows_where(),
            passed=rows_where(Q(hit=True)),
        )
        .order_by()
    )
    return [
        RawRow(r["group"], r["series"], r["people"], r["passed"] / r["taken"]) for r in rows if r["taken"]
    ]


def duty_endings(selection: Selection) -> list[dict]:
    """Per breakdown value, the duties that ended in the period by how (met, exempted, discharged,
    ended) and whether in time (duty met in time, and the drop-out)."""
    return shared("duty_endings", selection, lambda: list(
        person_facts(selection)
        .filter(**selection.period("duty_ended_on"))
        .exclude(duty_status__in=["", PlichtStatus.LOPEND])
        .values("group", "duty_status", "duty_in_time")
        .annotate(n=rows_where())
        .order_by()
    ))


def duty_met_in_time(selection: Selection) -> list[RawRow]:
    met, in_time = Counter(), Counter()
    for row in duty_endings(selection):
        if row["duty_status"] == PlichtStatus.VOLDAAN:
            met[row["group"]] += row["n"]
            in_time[row["group"]] += row["n"] if row["duty_in_time"] else 0
    return [RawRow(group, "", n, in_time[group] / n) for group, n in met.items()]


# -- Extensions, fines, phases -------------------------------------------------------


def extensions(selection: Selection) -> list[RawRow]:
    return people_rows(selection, events(selection, EventKind.EXTENSION))


def fines(selection: Selection) -> list[RawRow]:
    return people_rows(selection, events(selection, EventKind.FINE), series="series")


def phases(selection: Selection) -> list[RawRow]:
    queryset = person_facts(selection).filter(koppeling_date__lte=selection.end)
    return mix_rows(queryset, "phase")


for figure in (
    Figure(
        "koppelingen",
        _("Koppelingen"),
        _("Personen met een datum koppeling in de periode."),
        Measure.COUNT,
        koppelingen,
    ),
    Figure(
        "koppelingen_per_maand",
        _("Koppelingen per maand"),
        _("Personen met een datum koppeling in de periode, per maand."),
        Measure.COUNT,
        koppelingen_per_month,
        series_heading=_("Maand"),
        series_label=month_label,
    ),
    Figure(
        "dagen_tot_brp",
        _("Dagen van koppeling tot inschrijving in de BRP"),
        _(
            "Mediaan van het aantal dagen tussen koppeling en inschrijving, voor inschrijvingen in de periode."
        ),
        Measure.MEDIAN_DAYS,
        days_to_brp,
    ),
    Figure(
        "brede_intake_binnen_termijn",
        _("Brede intake binnen 10 weken"),
        _(
            "Aandeel met een afgeronde brede intake binnen 10 weken na de start van de termijn voor de "
            "leerroute (start in de periode). Wie nog binnen de 10 weken zit zonder intake telt nog niet mee."
        ),
        Measure.SHARE,
        intake_within_ten_weeks,
    ),
    Figure(
        "pip_binnen_termijn",
        _("PIP binnen 10 weken"),
        _(
            "Aandeel met een vastgesteld PIP (dagtekening) binnen 10 weken na de start van de termijn voor "
            "de leerroute (start in de periode). Wie nog binnen de 10 weken zit zonder PIP telt nog niet mee."
        ),
        Measure.SHARE,
        pip_within_ten_weeks,
    ),
    Figure(
        "dagen_tot_pip",
        _("Dagen tot het PIP"),
        _(
            "Mediaan van het aantal dagen tussen de start van de termijn voor de leerroute (in de periode) "
            "en de dagtekening van het eerste vastgestelde PIP."
        ),
        Measure.MEDIAN_DAYS,
        days_to_pip,
    ),
    Figure(
        "leerroutes",
        _("Verdeling over de leerroutes"),
        _("Leerroute in het geldende PIP, voor PIP's met een dagtekening in de periode."),
        Measure.SHARE,
        route_mix,
        series_heading=_("Leerroute"),
        series_label=label_of(Leerroute.choices),
    ),
    Figure(
        "tijdigheid_aanbod",
        _("Dagen van PIP tot inburgeringsaanbod"),
        _(
            "Mediaan van het aantal dagen tussen het eerste vastgestelde PIP en het eerste "
            "inburgeringsaanbod, voor aanbod met een datum in de periode."
        ),
        Measure.MEDIAN_DAYS,
        days_pip_to_offer,
    ),
    Figure(
        "uren_gevolgd",
        _("Gevolgde uren ten opzichte van het plan"),
        _(
            "Som van de gevolgde uren gedeeld door de geplande uren (uren per week van het "
            "inburgeringsaanbod maal de weken van de registratie), en gedeeld door de aangeboden uren, voor "
            "registraties die in de periode beginnen. Het aantal telt de personen."
        ),
        Measure.SHARE,
        hours_attended,
        series_heading=_("Vergeleken met"),
        series_label=label_of(HOURS_SERIES),
    ),
    Figure(
        "examens",
        _("Examenresultaten"),
        _("Aandeel behaalde examens per onderdeel, voor examens in de periode. Het aantal telt de personen."),
        Measure.SHARE,
        exam_results,
        series_heading=_("Onderdeel"),
        series_label=label_of(Examenonderdeel.choices),
    ),
    Figure(
        "plicht_op_tijd",
        _("Inburgeringsplicht op tijd voldaan"),
        _(
            "Aandeel dat de plicht voldeed vóór het einde van de inburgeringstermijn, van wie de plicht in de "
            "periode voldeed."
        ),
        Measure.SHARE,
        duty_met_in_time,
    ),
    Figure(
        "verlengingen",
        _("Termijnverlengingen"),
        _("Personen met een toegekende verlenging van de inburgeringstermijn, besloten in de periode."),
        Measure.COUNT,
        extensions,
    ),
    Figure(
        "boetes",
        _("Boetes"),
        _("Personen met een boetetraject (waarschuwing) in de periode, per grond."),
        Measure.COUNT,
        fines,
        series_heading=_("Grond"),
        series_label=label_of(BoeteGrond.choices),
    ),
    Figure(
        "fasen",
        _("Fase in de keten"),
        _("Huidige fase van wie vóór het einde van de periode gekoppeld is."),
        Measure.SHARE,
        phases,
        series_heading=_("Fase"),
        series_label=label_of(Phase.choices),
    ),
):
    register(figure)
