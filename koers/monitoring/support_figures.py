"""The figures of DOMAIN.md §4 about intake against the taakstelling, the MB trajectory, capacity,
ontzorgen and drop-out; like ``catalogue``, each a named function computing raw rows in SQL.

Drop-out, as these figures count it (``mb_drop_out`` and ``duty_drop_out``):

- an MB trajectory drops out when it is closed from any phase but afronding: it ended early (the
  worker had to give a reason) instead of being finished with a handover;
- an integration duty drops out when it ends as *beëindigd* (the person left, or the duty ended for
  another reason) instead of being met, exempted or discharged.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from koers.begeleiding.models import Transition
from koers.inburgering.constants import PlichtStatus
from koers.inburgering.models import Inburgeringsplicht
from koers.ontzorgen.models import Arrangement
from koers.people.constants import AssignmentRole, HouseholdRelation, Phase
from koers.people.models import Assignment, HouseholdMember, Person

from .catalogue import (
    as_days,
    days_between,
    first_completed_intake,
    label_of,
    median_of,
    median_rows,
    persons,
)
from .figures import Figure, Measure, RawRow, register
from .models import HalfYear, Taakstelling, half_year_bounds, half_year_of
from .selection import Selection

# -- Koppelingen against the taakstelling ------------------------------------------------------


def half_years_in(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    """Every half year that overlaps the period, oldest first."""
    found, day = [], start
    while day <= end:
        year, half = half_year_of(day)
        found.append((year, half))
        day = half_year_bounds(year, half)[1] + dt.timedelta(days=1)
    return found


def half_year_key(year: int, half: int) -> str:
    return f"{year}-{half}"


def half_year_label(key: str) -> str:
    year, half = key.split("-")
    return gettext("%(year)s, %(half)s") % {"year": year, "half": HalfYear(int(half)).label}


def koppelingen_against_taakstelling(selection: Selection) -> list[RawRow]:
    """Per municipality and half year overlapping the period: the koppelingen in that whole half year,
    and their share of the taakstelling (none when no taakstelling is recorded). Whatever the filters:
    the taakstelling counts everybody."""
    halves = half_years_in(selection.start, selection.end)
    first, last = half_year_bounds(*halves[0])[0], half_year_bounds(*halves[-1])[1]
    counted = (
        Person.objects.filter(
            municipality_id__in=selection.municipality_ids,
            koppeling_date__gte=first,
            koppeling_date__lte=last,
        )
        .annotate(
            year=ExtractYear("koppeling_date"),
            half=Case(
                When(koppeling_date__month__lte=6, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        )
        .values("municipality_id", "municipality__name", "year", "half")
        .annotate(people=Count("pk"))
        .order_by()
    )
    targets = {
        (t.municipality_id, t.year, t.half): t.number
        for t in Taakstelling.objects.filter(
            municipality_id__in=selection.municipality_ids, year__gte=first.year, year__lte=last.year
        )
    }
    rows = []
    for row in counted:
        target = targets.get((row["municipality_id"], row["year"], row["half"]))
        rows.append(
            RawRow(
                row["municipality__name"],
                half_year_key(row["year"], row["half"]),
                row["people"],
                row["people"] / target if target else None,
            )
        )
    return rows


# -- Time to the regeldag and to the brede intake ----------------------------------------------


def earlier_regeldag() -> Exists:
    """A regeldag of the same person before this one (or the same day, recorded first)."""
    return Exists(
        Transition.objects.filter(
            trajectory__person=OuterRef("trajectory__person"), to_state=Phase.REGELDAG
        ).filter(Q(on__lt=OuterRef("on")) | Q(on=OuterRef("on"), pk__lt=OuterRef("pk")))
    )


def days_brp_to_regeldag(selection: Selection) -> list[RawRow]:
    """From the BRP registration to the person's first regeldag in the begeleiding's phase history,
    for first regeldagen in the period (read from the regeldagen in the period, not from every person)."""
    queryset = selection.narrow(
        Transition.objects.filter(
            to_state=Phase.REGELDAG, trajectory__person__brp_registration_date__isnull=False
        ),
        "trajectory__person__",
    )
    queryset = queryset.filter(**selection.period("on")).exclude(earlier_regeldag())
    return median_rows(queryset, days_between("on", "trajectory__person__brp_registration_date"))


def days_to_intake(selection: Selection) -> list[RawRow]:
    queryset = persons(selection).filter(**selection.period("inburgeringsplicht__leerroute_term_start"))
    queryset = queryset.annotate(first=first_completed_intake()).filter(first__isnull=False)
    return median_rows(queryset, days_between("first", "inburgeringsplicht__leerroute_term_start"))


# -- MB duration per phase ---------------------------------------------------------------------


def previous_step_on() -> Subquery:
    return Subquery(
        Transition.objects.filter(trajectory=OuterRef("trajectory"), pk__lt=OuterRef("pk"))
        .order_by("-pk")
        .values("on")[:1],
        output_field=DateField(),
    )


def histogram_rows(rows: Iterable[dict]) -> list[RawRow]:
    """Raw rows of medians from database rows of (group, series, days, n)."""
    histogram: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for row in rows:
        histogram[(row["group"], row["series"])].append((as_days(row["days"]), row["n"]))
    return [
        RawRow(group, series, sum(n for _, n in pairs), median_of(pairs))
        for (group, series), pairs in histogram.items()
    ]


def mb_phase_durations(selection: Selection) -> list[RawRow]:
    """Per phase: the median days a trajectory spent in it, for phases left in the period. Read from
    the steps taken in the period: each leaves ``from_state``, entered at the step before."""
    queryset = selection.narrow(Transition.objects.exclude(from_state=""), "trajectory__person__")
    queryset = queryset.filter(**selection.period("on")).annotate(entered=previous_step_on())
    rows = (
        queryset.filter(entered__isnull=False)
        .annotate(days=days_between("on", "entered"))
        .values("group", "days", series=F("from_state"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    return histogram_rows(rows)


# -- Capacity: caseload per worker and the volunteer ratio -------------------------------------

CONSULTANT, MB_WORKER = "consulent", "mb"
WORKER_KINDS = ((CONSULTANT, _("Consulent inburgering")), (MB_WORKER, _("MB-begeleider")))


def in_mb_on(day: dt.date) -> Q:
    """Persons with maatschappelijke begeleiding running on ``day``."""
    running = Assignment.objects.active(day).filter(role=AssignmentRole.MB_BEGELEIDING)
    return Q(pk__in=running.values("person_id"))


def caseload_rows(loads: Iterable[dict], series: str) -> list[RawRow]:
    histogram: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for row in loads:
        histogram[row["municipality__name"]][row["load"]] += 1
    return [
        RawRow(municipality, series, sum(load * n for load, n in counts.items()), median_of(counts.items()))
        for municipality, counts in histogram.items()
    ]


def caseload_per_worker(selection: Selection) -> list[RawRow]:
    """The median number of open dossiers per consultant and per named MB worker, per municipality,
    today (whatever the filters)."""
    today = selection.today
    consultants = (
        Person.objects.filter(municipality_id__in=selection.municipality_ids, consultant__isnull=False)
        .exclude(phase=Phase.AFGESLOTEN)
        .values("municipality__name", "consultant_id")
        .annotate(load=Count("pk"))
        .order_by()
    )
    workers = (
        Assignment.objects.active(today)
        .filter(
            role=AssignmentRole.MB_BEGELEIDING,
            user__isnull=False,
            person__municipality_id__in=selection.municipality_ids,
        )
        .exclude(person__phase=Phase.AFGESLOTEN)
        .values("person__municipality__name", "user_id")
        .annotate(load=Count("person", distinct=True))
        .order_by()
    )
    return caseload_rows(consultants, CONSULTANT) + caseload_rows(
        ({"municipality__name": r["person__municipality__name"], "load": r["load"]} for r in workers),
        MB_WORKER,
    )


def volunteer_ratio(selection: Selection) -> list[RawRow]:
    """Persons in MB on the last day of the period, and the number of distinct volunteers (buddies)
    with them that day per person."""
    end = selection.end
    buddy = Q(
        assignments__role=AssignmentRole.VRIJWILLIGER,
        assignments__user__isnull=False,
        assignments__start_date__lte=end,
    ) & (Q(assignments__end_date__isnull=True) | Q(assignments__end_date__gte=end))
    queryset = persons(selection).filter(in_mb_on(end))
    rows = (
        queryset.values("group")
        .annotate(
            people=Count("pk", distinct=True),
            volunteers=Count("assignments__user", filter=buddy, distinct=True),
        )
        .order_by()
    )
    return [RawRow(r["group"], "", r["people"], r["volunteers"] / r["people"]) for r in rows if r["people"]]


# -- Ontzorgen ---------------------------------------------------------------------------------


def ontzorgen_durations(selection: Selection) -> list[RawRow]:
    """Per household whose ontzorgen started in the period (broken down by its applicant): the median
    days from the first benefit payment to the end in force (extensions and an early end included; a
    running arrangement counts with its planned end)."""
    applicants = selection.narrow(
        HouseholdMember.objects.filter(
            relation=HouseholdRelation.APPLICANT, household__ontzorgen__isnull=False
        ),
        "person__",
    ).filter(**selection.period("household__ontzorgen__start"))
    groups = dict(applicants.values_list("household__ontzorgen", "group"))
    histogram: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for arrangement in Arrangement.objects.filter(pk__in=groups).prefetch_related("extensions"):
        histogram[groups[arrangement.pk]][(arrangement.end - arrangement.start).days] += 1
    return [
        RawRow(group, "", sum(counts.values()), median_of(counts.items()))
        for group, counts in histogram.items()
    ]


# -- Drop-out ----------------------------------------------------------------------------------

MB, DUTY = "mb", "plicht"
DROP_OUT_KINDS = ((MB, _("Maatschappelijke begeleiding")), (DUTY, _("Inburgeringsplicht")))


def mb_drop_out() -> Q:
    """On a closing Transition: the trajectory was closed early, not from afronding."""
    return ~Q(from_state=Phase.AFRONDING)


def duty_drop_out() -> Q:
    """On an ended Inburgeringsplicht: it ended without being met, exempted or discharged."""
    return Q(status=PlichtStatus.BEEINDIGD)


def ended_duties() -> QuerySet:
    return Inburgeringsplicht.objects.exclude(status=PlichtStatus.LOPEND).filter(ended_on__isnull=False)


def drop_out(selection: Selection) -> list[RawRow]:
    """Of the MB trajectories closed and the duties ended in the period: the share that dropped out."""
    closed = selection.narrow(Transition.objects.filter(to_state=Phase.AFGESLOTEN), "trajectory__person__")
    closed = closed.filter(**selection.period("on"))
    mb = closed.values("group").annotate(
        people=Count("trajectory__person", distinct=True),
        ended=Count("pk"),
        hits=Count("pk", filter=mb_drop_out()),
    )
    duties = selection.narrow(ended_duties(), "person__").filter(**selection.period("ended_on"))
    duty = duties.values("group").annotate(
        people=Count("person", distinct=True), ended=Count("pk"), hits=Count("pk", filter=duty_drop_out())
    )
    return [
        RawRow(r["group"], series, r["people"], r["hits"] / r["ended"])
        for series, rows in ((MB, mb.order_by()), (DUTY, duty.order_by()))
        for r in rows
        if r["ended"]
    ]


for figure in (
    Figure(
        "koppelingen_taakstelling",
        _("Koppelingen ten opzichte van de taakstelling"),
        _(
            "Per gemeente en per halfjaar dat in de periode valt: het aantal koppelingen in dat hele halfjaar "
            "en welk deel van de taakstelling dat is. Niet uit te splitsen en zonder filters; zonder "
            "vastgelegde taakstelling blijft het aandeel leeg."
        ),
        Measure.SHARE,
        koppelingen_against_taakstelling,
        series_heading=_("Halfjaar"),
        series_label=half_year_label,
        breaks_down=False,
        group_label=str,
    ),
    Figure(
        "dagen_brp_tot_regeldag",
        _("Dagen van inschrijving in de BRP tot de regeldag"),
        _(
            "Mediaan van het aantal dagen tussen de inschrijving in de BRP en de eerste regeldag in het "
            "begeleidingstraject, voor regeldagen in de periode."
        ),
        Measure.MEDIAN_DAYS,
        days_brp_to_regeldag,
    ),
    Figure(
        "dagen_tot_brede_intake",
        _("Dagen tot de brede intake"),
        _(
            "Mediaan van het aantal dagen tussen de start van de termijn voor de leerroute (in de periode) "
            "en het gesprek van de eerste afgeronde brede intake."
        ),
        Measure.MEDIAN_DAYS,
        days_to_intake,
    ),
    Figure(
        "mb_duur_per_fase",
        _("Duur van de maatschappelijke begeleiding per fase"),
        _(
            "Mediaan van het aantal dagen dat een begeleidingstraject in een fase bleef, voor fasen die in de "
            "periode zijn afgesloten. Het aantal telt de trajecten."
        ),
        Measure.MEDIAN_DAYS,
        mb_phase_durations,
        series_heading=_("Fase"),
        series_label=label_of(Phase.choices),
    ),
    Figure(
        "caseload",
        _("Caseload per consulent en per MB-begeleider"),
        _(
            "Mediaan van het aantal lopende dossiers per consulent en per MB-begeleider, per gemeente, op "
            "dit moment. Niet uit te splitsen en zonder filters; het aantal telt de dossiers."
        ),
        Measure.MEDIAN,
        caseload_per_worker,
        series_heading=_("Functie"),
        series_label=label_of(WORKER_KINDS),
        breaks_down=False,
        group_label=str,
    ),
    Figure(
        "vrijwilligers_per_persoon",
        _("Vrijwilligers per persoon in maatschappelijke begeleiding"),
        _(
            "Aantal verschillende vrijwilligers (maatjes) per persoon met lopende maatschappelijke "
            "begeleiding, op de laatste dag van de periode."
        ),
        Measure.RATIO,
        volunteer_ratio,
    ),
    Figure(
        "ontzorgen_duur",
        _("Duur van financieel ontzorgen"),
        _(
            "Mediaan van het aantal dagen van de eerste uitkeringsbetaling tot het einde van het ontzorgen "
            "(met verlengingen en een eerder einde), voor arrangementen die in de periode starten. Het aantal "
            "telt de huishoudens, uitgesplitst naar de aanvrager."
        ),
        Measure.MEDIAN_DAYS,
        ontzorgen_durations,
    ),
    Figure(
        "uitval",
        _("Uitval"),
        _(
            "Van de begeleidingstrajecten die in de periode zijn afgesloten: het aandeel dat voortijdig "
            "stopte (niet vanuit de afronding). Van de inburgeringsplichten die in de periode eindigden: het "
            "aandeel dat beëindigd werd zonder voldaan, vrijgesteld of ontheven te zijn."
        ),
        Measure.SHARE,
        drop_out,
        series_heading=_("Soort"),
        series_label=label_of(DROP_OUT_KINDS),
    ),
):
    register(figure)
