"""The figures of DOMAIN.md §4 that the dossier's data supports, each computed in SQL with GROUP BY.

Medians come from a histogram the database counts (one row per breakdown value and number of days),
never from a loop over persons.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import TruncMonth
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from koers.inburgering.constants import (
    BesluitStatus,
    BoeteGrond,
    Examenonderdeel,
    IntakeStatus,
    Leerroute,
    PipStatus,
    PlichtStatus,
)
from koers.inburgering.models import (
    Boete,
    BredeIntake,
    Examenresultaat,
    Inburgeringsaanbod,
    PipVersie,
    Termijnverlenging,
    Urenregistratie,
)
from koers.inburgering.terms import leerroute_deadline
from koers.people.constants import Phase
from koers.people.models import Person

from .figures import Figure, Measure, RawRow, register
from .selection import Selection

DECIDED_PIP = (PipStatus.VASTGESTELD, PipStatus.VERVANGEN)


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


def count_rows(queryset: QuerySet, person: str = "pk", series: str | None = None) -> list[RawRow]:
    fields = ["group"] + ([series] if series else [])
    rows = queryset.values(*fields).annotate(people=Count(person, distinct=person != "pk")).order_by()
    return [
        RawRow(r["group"], str(r[series]) if series else "", r["people"], r["people"])
        for r in rows
        if r["people"]
    ]


def median_rows(queryset: QuerySet, days) -> list[RawRow]:
    """One row per person in ``queryset``; the median of ``days`` per breakdown value."""
    histogram: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in queryset.annotate(span=days).values("group", "span").annotate(n=Count("pk")).order_by():
        histogram[row["group"]].append((as_days(row["span"]), row["n"]))
    return [
        RawRow(group, "", sum(n for _, n in pairs), median_of(pairs)) for group, pairs in histogram.items()
    ]


def share_rows(queryset: QuerySet, hit: Q) -> list[RawRow]:
    rows = queryset.values("group").annotate(people=Count("pk"), hits=Count("pk", filter=hit)).order_by()
    return [RawRow(r["group"], "", r["people"], r["hits"] / r["people"]) for r in rows if r["people"]]


def mix_rows(queryset: QuerySet, series: str) -> list[RawRow]:
    """The share of each ``series`` value within its breakdown value (one row per person)."""
    rows = list(queryset.values("group", series).annotate(people=Count("pk")).order_by())
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        totals[row["group"]] += row["people"]
    return [RawRow(r["group"], str(r[series]), r["people"], r["people"] / totals[r["group"]]) for r in rows]


def persons(selection: Selection) -> QuerySet:
    return selection.narrow(Person.objects.all())


def firsts(queryset: QuerySet, day: str, person: str = "person") -> QuerySet:
    """Each person's first row of ``queryset`` by ``day`` (ties: the lowest id): one row per person,
    found by an anti-join (no earlier row of the same person) that the database runs set-based,
    instead of a subquery per person."""
    earlier = queryset.filter(**{person: OuterRef(person)}).filter(
        Q(**{f"{day}__lt": OuterRef(day)}) | Q(**{day: OuterRef(day), "pk__lt": OuterRef("pk")})
    )
    return queryset.exclude(Exists(earlier))


def first_decided_pips() -> QuerySet:
    return firsts(PipVersie.objects.filter(status__in=DECIDED_PIP, dagtekening__isnull=False), "dagtekening")


def first_completed_intakes() -> QuerySet:
    return firsts(
        BredeIntake.objects.filter(status=IntakeStatus.AFGEROND, conversation_date__isnull=False),
        "conversation_date",
    )


def first_offers() -> QuerySet:
    return firsts(Inburgeringsaanbod.objects.all(), "datum_inburgeringsaanbod")


def groups_counted(queryset: QuerySet) -> Counter[str]:
    rows = queryset.values("group").annotate(n=Count("pk")).order_by().values_list("group", "n")
    return Counter(dict(rows))


def label_of(choices) -> Callable[[str], str]:
    labels = dict(choices)
    return lambda value: str(labels.get(value, value))


# -- Intake ------------------------------------------------------------------------------------


def koppelingen(selection: Selection) -> list[RawRow]:
    return count_rows(persons(selection).filter(**selection.period("koppeling_date")))


def koppelingen_per_month(selection: Selection) -> list[RawRow]:
    queryset = persons(selection).filter(**selection.period("koppeling_date"))
    return count_rows(queryset.annotate(month=TruncMonth("koppeling_date")), series="month")


def month_label(value: str) -> str:
    return date_format(dt.date.fromisoformat(value[:10]), "F Y")


def days_to_brp(selection: Selection) -> list[RawRow]:
    queryset = persons(selection).filter(**selection.period("brp_registration_date"))
    return median_rows(queryset, days_between("brp_registration_date", "koppeling_date"))


# -- Brede intake and PIP within ten weeks -----------------------------------------------------


TERM_START = "inburgeringsplicht__leerroute_term_start"


def steps_from_term_start(selection: Selection, steps: QuerySet, day: str) -> QuerySet:
    """Each person's first step (a decided PIP, a completed intake) for persons whose leerroute term
    started in the period, with the days from the term's start to the step's ``day``."""
    queryset = selection.narrow(steps, "person__").filter(**selection.period(f"person__{TERM_START}"))
    return queryset.annotate(days=days_between(day, f"person__{TERM_START}"))


def share_within_ten_weeks(selection: Selection, steps: QuerySet, day: str) -> list[RawRow]:
    """Of the persons whose leerroute term started in the period: the share that took the step within
    the ten weeks. Judged are those past the ten weeks and those who took the step already (those still
    inside the term without the step are not judged yet). Two set-based counts per breakdown value."""
    term = dt.timedelta(days=leerroute_term_days())
    judged_from = selection.today - term
    past = groups_counted(
        persons(selection).filter(**selection.period(TERM_START), **{f"{TERM_START}__lt": judged_from})
    )
    recent, hits = Counter(), Counter()
    for row in (
        steps_from_term_start(selection, steps, day)
        .values("group")
        .annotate(
            recent=Count("pk", filter=Q(**{f"person__{TERM_START}__gte": judged_from})),
            hits=Count("pk", filter=Q(days__lte=term)),
        )
        .order_by()
    ):
        recent[row["group"]], hits[row["group"]] = row["recent"], row["hits"]
    judged = past + recent
    return [RawRow(group, "", n, hits[group] / n) for group, n in judged.items()]


def intake_within_ten_weeks(selection: Selection) -> list[RawRow]:
    return share_within_ten_weeks(selection, first_completed_intakes(), "conversation_date")


def pip_within_ten_weeks(selection: Selection) -> list[RawRow]:
    return share_within_ten_weeks(selection, first_decided_pips(), "dagtekening")


def days_to_pip(selection: Selection) -> list[RawRow]:
    return median_rows(steps_from_term_start(selection, first_decided_pips(), "dagtekening"), F("days"))


# -- Route, offer, hours, exams ----------------------------------------------------------------


def route_mix(selection: Selection) -> list[RawRow]:
    queryset = selection.narrow(PipVersie.objects.filter(status=PipStatus.VASTGESTELD), "person__")
    return mix_rows(queryset.filter(**selection.period("dagtekening")), "leerroute")


def days_pip_to_offer(selection: Selection) -> list[RawRow]:
    """From the first decided PIP to the first offer, for first offers in the period."""
    offers = selection.narrow(first_offers(), "person__")
    offers = offers.filter(**selection.period("datum_inburgeringsaanbod"))
    offers = offers.filter(person__pip_versies__in=first_decided_pips())
    return median_rows(offers, days_between("datum_inburgeringsaanbod", "person__pip_versies__dagtekening"))


OFFERED, PLANNED = "aanbod", "plan"
HOURS_SERIES = (
    (PLANNED, _("ten opzichte van het plan")),
    (OFFERED, _("ten opzichte van de aangeboden uren")),
)


def reporting(selection: Selection, planned_only: bool) -> Counter[str]:
    """Per breakdown value: the persons with hours registered in the period (with a planned offer),
    counted by a semi-join rather than a COUNT(DISTINCT ...) that sorts every registration."""
    registered = Urenregistratie.objects.filter(
        person=OuterRef("pk"), **selection.period("period_start")
    )
    if planned_only:
        registered = registered.filter(aanbod__planned_hours_per_week__isnull=False)
    return groups_counted(persons(selection).filter(Exists(registered)))


def hours_attended(selection: Selection) -> list[RawRow]:
    """Hours attended against the hours the course offer planned for the registration's days (its
    hours per week times the weeks; registrations without a planned offer do not count), and against
    the hours offered. One pass over the registrations, grouped by their length and planned hours."""
    attended: dict[str, Counter[str]] = defaultdict(Counter)
    against: dict[str, Counter[str]] = defaultdict(Counter)
    registrations = selection.narrow(Urenregistratie.objects.all(), "person__")
    for row in (
        registrations.filter(**selection.period("period_start"))
        .annotate(days=days_between("period_end", "period_start"))
        .values("group", "days", weekly=F("aanbod__planned_hours_per_week"))
        .annotate(n=Count("pk"), attended=Sum("hours_attended"), offered=Sum("hours_offered"))
        .order_by()
    ):
        group = row["group"]
        attended[OFFERED][group] += float(row["attended"])
        against[OFFERED][group] += float(row["offered"])
        if row["weekly"] is not None:
            attended[PLANNED][group] += float(row["attended"])
            against[PLANNED][group] += float(row["weekly"]) * (as_days(row["days"]) + 1) / 7 * row["n"]
    people = {series: reporting(selection, planned_only=series == PLANNED) for series in (PLANNED, OFFERED)}
    return [
        RawRow(group, series, n, ratio(attended[series][group], against[series][group]))
        for series in (PLANNED, OFFERED)
        for group, n in people[series].items()
    ]


def ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def exam_results(selection: Selection) -> list[RawRow]:
    queryset = selection.narrow(Examenresultaat.objects.all(), "person__").filter(
        **selection.period("exam_date")
    )
    rows = (
        queryset.values("group", "onderdeel")
        .annotate(
            people=Count("person", distinct=True),
            taken=Count("pk"),
            passed=Count("pk", filter=Q(passed=True)),
        )
        .order_by()
    )
    return [
        RawRow(r["group"], r["onderdeel"], r["people"], r["passed"] / r["taken"]) for r in rows if r["taken"]
    ]


def duty_met_in_time(selection: Selection) -> list[RawRow]:
    queryset = persons(selection).filter(
        inburgeringsplicht__status=PlichtStatus.VOLDAAN, **selection.period("inburgeringsplicht__ended_on")
    )
    return share_rows(queryset, Q(inburgeringsplicht__ended_on__lt=F("inburgeringsplicht__termijn_end")))


# -- Extensions, fines, phases -------------------------------------------------------


def extensions(selection: Selection) -> list[RawRow]:
    queryset = selection.narrow(Termijnverlenging.objects.filter(status=BesluitStatus.TOEGEKEND), "person__")
    return count_rows(queryset.filter(**selection.period("decided_on")), person="person")


def fines(selection: Selection) -> list[RawRow]:
    queryset = selection.narrow(Boete.objects.all(), "person__").filter(**selection.period("warning_date"))
    return count_rows(queryset, person="person", series="grond")


def phases(selection: Selection) -> list[RawRow]:
    queryset = persons(selection).filter(koppeling_date__lte=selection.end)
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
