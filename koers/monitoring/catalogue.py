"""The figures of DOMAIN.md §4 that the dossier's data supports, each computed in SQL with GROUP BY.

Medians come from a histogram the database counts (one row per breakdown value and number of days),
never from a loop over persons.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db.models import (
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
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
    for row in queryset.annotate(days=days).values("group", "days").annotate(n=Count("pk")).order_by():
        histogram[row["group"]].append((as_days(row["days"]), row["n"]))
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


def first_decided_pip() -> Subquery:
    return Subquery(
        PipVersie.objects.filter(person=OuterRef("pk"), status__in=DECIDED_PIP)
        .order_by("dagtekening")
        .values("dagtekening")[:1],
        output_field=DateField(),
    )


def first_completed_intake() -> Subquery:
    return Subquery(
        BredeIntake.objects.filter(person=OuterRef("pk"), status=IntakeStatus.AFGEROND)
        .exclude(conversation_date=None)
        .order_by("conversation_date")
        .values("conversation_date")[:1],
        output_field=DateField(),
    )


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


def leerroute_population(selection: Selection, first: Subquery) -> QuerySet:
    """Persons whose leerroute term started in the period and either reached the step or are past
    the ten weeks (those still inside the term without the step are not judged yet)."""
    term = leerroute_term_days()
    queryset = persons(selection).filter(**selection.period("inburgeringsplicht__leerroute_term_start"))
    queryset = queryset.annotate(first=first)
    passed = Q(inburgeringsplicht__leerroute_term_start__lt=selection.today - dt.timedelta(days=term))
    return queryset.filter(passed | Q(first__isnull=False))


def within_term() -> Q:
    return Q(first__isnull=False) & Q(days__lte=dt.timedelta(days=leerroute_term_days()))


def intake_within_ten_weeks(selection: Selection) -> list[RawRow]:
    queryset = leerroute_population(selection, first_completed_intake())
    queryset = queryset.annotate(days=days_between("first", "inburgeringsplicht__leerroute_term_start"))
    return share_rows(queryset, within_term())


def pip_within_ten_weeks(selection: Selection) -> list[RawRow]:
    queryset = leerroute_population(selection, first_decided_pip())
    queryset = queryset.annotate(days=days_between("first", "inburgeringsplicht__leerroute_term_start"))
    return share_rows(queryset, within_term())


def days_to_pip(selection: Selection) -> list[RawRow]:
    queryset = persons(selection).filter(**selection.period("inburgeringsplicht__leerroute_term_start"))
    queryset = queryset.annotate(first=first_decided_pip()).filter(first__isnull=False)
    return median_rows(queryset, days_between("first", "inburgeringsplicht__leerroute_term_start"))


# -- Route, offer, hours, exams ----------------------------------------------------------------


def route_mix(selection: Selection) -> list[RawRow]:
    queryset = selection.narrow(PipVersie.objects.filter(status=PipStatus.VASTGESTELD), "person__")
    return mix_rows(queryset.filter(**selection.period("dagtekening")), "leerroute")


def first_offer() -> Subquery:
    return Subquery(
        Inburgeringsaanbod.objects.filter(person=OuterRef("pk"))
        .order_by("datum_inburgeringsaanbod")
        .values("datum_inburgeringsaanbod")[:1],
        output_field=DateField(),
    )


def days_pip_to_offer(selection: Selection) -> list[RawRow]:
    queryset = persons(selection).annotate(offer=first_offer(), first=first_decided_pip())
    queryset = queryset.filter(**selection.period("offer")).filter(first__isnull=False)
    return median_rows(queryset, days_between("offer", "first"))


def hours_attended(selection: Selection) -> list[RawRow]:
    queryset = selection.narrow(Urenregistratie.objects.all(), "person__").filter(
        **selection.period("period_start")
    )
    rows = (
        queryset.values("group")
        .annotate(
            people=Count("person", distinct=True),
            attended=Sum("hours_attended"),
            offered=Sum("hours_offered"),
        )
        .order_by()
    )
    return [
        RawRow(r["group"], "", r["people"], float(r["attended"] / r["offered"]) if r["offered"] else None)
        for r in rows
        if r["people"]
    ]


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
        _("Gevolgde uren ten opzichte van aangeboden uren"),
        _(
            "Som van de gevolgde uren gedeeld door de som van de aangeboden uren, voor registraties die in "
            "de periode beginnen. Het aantal telt de personen."
        ),
        Measure.SHARE,
        hours_attended,
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
