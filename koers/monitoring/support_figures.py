"""The figures of DOMAIN.md §4 about intake against the taakstelling, the MB trajectory, capacity,
ontzorgen and drop-out; like ``catalogue``, each one GROUP BY over a facts table.

Drop-out, as these figures count it (``drop_out``; the facts mark each closing and each end):

- an MB trajectory drops out when it is closed from any phase but afronding: it ended early (the
  worker had to give a reason) instead of being finished with a handover;
- an integration duty drops out when it ends as *beëindigd* (the person left, or the duty ended for
  another reason) instead of being met, exempted or discharged.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from koers.inburgering.constants import PlichtStatus
from koers.people.constants import AssignmentRole, Phase
from koers.people.models import running_on

from .catalogue import (
    days_between,
    days_from_term_start,
    duty_endings,
    events,
    first_in_period,
    label_of,
    median_of,
    median_rows,
    medians,
    person_facts,
    rows_where,
)
from .dimensions import municipality_names
from .facts import fresh
from .figures import Figure, Measure, RawRow, register
from .models import AssignmentFacts, EventKind, HalfYear, Taakstelling, half_year_bounds, half_year_of
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


SEPARATOR = "|"


def with_municipality(selection: Selection, municipality: str, series: str) -> str:
    """The series of a figure that is per municipality by nature (a taakstelling, a worker's
    caseload): broken down by municipality the municipality is the group; broken down otherwise it
    goes with the series, so that every cell stays within one municipality."""
    return series if selection.breakdown == "municipality" else f"{municipality}{SEPARATOR}{series}"


def municipal_label(label: Callable[[str], str]) -> Callable[[str], str]:
    def labelled(series: str) -> str:
        municipality, _, rest = series.rpartition(SEPARATOR)
        return f"{municipality}: {label(rest)}" if municipality else label(rest)

    return labelled


def koppelingen_against_taakstelling(selection: Selection) -> list[RawRow]:
    """Per municipality and half year overlapping the period: the koppelingen in that whole half year
    (of the filtered population, per breakdown value), and their share of the taakstelling (none when
    no taakstelling is recorded). One count per half year in one pass."""
    halves = {half_year_key(*h): half_year_bounds(*h) for h in half_years_in(selection.start, selection.end)}
    first, last = min(b[0] for b in halves.values()), max(b[1] for b in halves.values())
    counts = {
        f"half_{key.replace('-', '_')}": rows_where(Q(koppeling_date__gte=start, koppeling_date__lte=end))
        for key, (start, end) in halves.items()
    }
    counted = list(
        person_facts(selection)
        .filter(koppeling_date__gte=first, koppeling_date__lte=last)
        .values("group", "municipality_id")
        .annotate(**counts)
        .order_by()
    )
    targets = {
        (t.municipality_id, half_year_key(t.year, t.half)): t.number
        for t in Taakstelling.objects.filter(
            municipality_id__in=selection.municipality_ids, year__gte=first.year, year__lte=last.year
        )
    }
    names = municipality_names({row["municipality_id"] for row in counted})
    rows = []
    for row, key in itertools.product(counted, halves):
        people = row[f"half_{key.replace('-', '_')}"]
        target = targets.get((row["municipality_id"], key))
        if people:
            series = with_municipality(selection, names[row["municipality_id"]], key)
            rows.append(RawRow(row["group"], series, people, people / target if target else None))
    return rows


# -- Time to the regeldag and to the brede intake ----------------------------------------------


def days_brp_to_regeldag(selection: Selection) -> list[RawRow]:
    """From the BRP registration to the person's first regeldag in the begeleiding's phase history,
    for first regeldagen in the period."""
    queryset = person_facts(selection).filter(
        **selection.period("first_regeldag_on"), brp_registration_date__isnull=False
    )
    return median_rows(queryset, days_between("first_regeldag_on", "brp_registration_date"))


def days_to_intake(selection: Selection) -> list[RawRow]:
    return days_from_term_start(selection, "first_intake_on")


# -- MB duration per phase ---------------------------------------------------------------------


def mb_phase_durations(selection: Selection) -> list[RawRow]:
    """Per phase: the median days a trajectory spent in it (from the step that entered it to the step
    that left it), for phases left in the period."""
    rows = (
        events(selection, EventKind.MB_PHASE)
        .annotate(days=days_between("end", "start"))
        .values("group", "days", "series")
        .annotate(n=rows_where())
        .order_by()
    )
    return medians(rows, series="series")


# -- Capacity: caseload per worker and the volunteer ratio -------------------------------------

CONSULTANT, MB_WORKER = "consulent", "mb"
WORKER_KINDS = ((CONSULTANT, _("Consulent inburgering")), (MB_WORKER, _("MB-begeleider")))


def assignments_on(selection: Selection, role: AssignmentRole, day: dt.date) -> QuerySet:
    """The MB or buddy assignments running on ``day``. A person with several counts once, at the
    first of them (by start), the one no earlier assignment still ``covered_until`` ``day``."""
    return selection.narrow(fresh(AssignmentFacts).filter(running_on(day), role=role))


def caseload_rows(selection: Selection, loads: Iterable[dict], kind: str) -> list[RawRow]:
    """From database rows of (group, municipality, worker, load): per breakdown value and municipality
    the median load over the workers; the number is the dossiers."""
    histogram: dict[tuple[str, int], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for row in loads:
        histogram[(row["group"], row["municipality_id"])][row["load"]] += 1
    names = municipality_names({municipality for _, municipality in histogram})
    return [
        RawRow(
            group,
            with_municipality(selection, names[municipality], kind),
            sum(load * n for load, n in counts.items()),
            median_of(counts.items()),
        )
        for (group, municipality), counts in histogram.items()
    ]


def caseload_per_worker(selection: Selection) -> list[RawRow]:
    """The median number of open dossiers (of the filtered population, per breakdown value) per
    consultant and per named MB worker, per municipality, today. The consultants' loads are grouped in
    the order of their index (municipality, consultant, dimensions), which the database aggregates as
    it reads instead of hashing every open dossier, reading only the part of the chosen municipalities
    (one municipality of 50,000 dossiers: 31 → 7 ms)."""
    consultants = (
        person_facts(selection)
        .filter(consultant_id__isnull=False)
        .exclude(phase=Phase.AFGESLOTEN)
        .values("municipality_id", "consultant_id", "group")
        .annotate(load=rows_where())
        .order_by()
    )
    workers = (
        assignments_on(selection, AssignmentRole.MB_BEGELEIDING, selection.today)
        .filter(user_id__isnull=False)
        .exclude(phase=Phase.AFGESLOTEN)
        .values("group", "user_id", "municipality_id")
        .annotate(load=Count("person_id", distinct=True))
        .order_by()
    )
    return caseload_rows(selection, consultants, CONSULTANT) + caseload_rows(selection, workers, MB_WORKER)


def volunteer_ratio(selection: Selection) -> list[RawRow]:
    """Persons in MB on the last day of the period, and the number of distinct volunteers (buddies)
    with them that day per person."""
    in_mb = assignments_on(selection, AssignmentRole.MB_BEGELEIDING, selection.end)
    first = Q(covered_until__isnull=True) | Q(covered_until__lt=selection.end)
    people = in_mb.values("group").annotate(people=rows_where(first)).order_by()
    volunteers = dict(
        assignments_on(selection, AssignmentRole.VRIJWILLIGER, selection.end)
        .filter(user_id__isnull=False, person_id__in=in_mb.values("person_id"))
        .values("group")
        .annotate(volunteers=Count("user_id", distinct=True))
        .order_by()
        .values_list("group", "volunteers")
    )
    return [
        RawRow(r["group"], "", r["people"], volunteers.get(r["group"], 0) / r["people"])
        for r in people
        if r["people"]
    ]


# -- Ontzorgen ---------------------------------------------------------------------------------


def ontzorgen_durations(selection: Selection) -> list[RawRow]:
    """Per household whose ontzorgen started in the period (broken down by its applicant): the median
    days from the first benefit payment to the end in force (extensions and an early end included; a
    running arrangement counts with its planned end)."""
    return median_rows(events(selection, EventKind.ONTZORGEN), days_between("end", "start"))


# -- Drop-out ----------------------------------------------------------------------------------

MB, DUTY = "mb", "plicht"
DROP_OUT_KINDS = ((MB, _("Maatschappelijke begeleiding")), (DUTY, _("Inburgeringsplicht")))


def drop_out(selection: Selection) -> list[RawRow]:
    """Of the MB trajectories closed and the duties ended in the period: the share that dropped out
    (closed early: not from afronding; ended as beëindigd)."""
    mb = (
        events(selection, EventKind.MB_CLOSED)
        .values("group")
        .annotate(
            people=rows_where(first_in_period(selection)), ended=rows_where(), hits=rows_where(Q(hit=True))
        )
        .order_by()
    )
    rows = [RawRow(r["group"], MB, r["people"], r["hits"] / r["ended"]) for r in mb if r["ended"]]
    ended, dropped = Counter(), Counter()
    for row in duty_endings(selection):
        ended[row["group"]] += row["n"]
        dropped[row["group"]] += row["n"] if row["duty_status"] == PlichtStatus.BEEINDIGD else 0
    return rows + [RawRow(group, DUTY, n, dropped[group] / n) for group, n in ended.items()]


for figure in (
    Figure(
        "koppelingen_taakstelling",
        _("Koppelingen ten opzichte van de taakstelling"),
        _(
            "Per gemeente en per halfjaar dat in de periode valt: het aantal koppelingen in dat hele "
            "halfjaar en welk deel van de taakstelling dat is. Uitgesplitst of gefilterd: het deel van de "
            "taakstelling dat die groep vormt. Zonder vastgelegde taakstelling blijft het aandeel leeg."
        ),
        Measure.SHARE,
        koppelingen_against_taakstelling,
        series_heading=_("Halfjaar"),
        series_label=municipal_label(half_year_label),
        per_municipality=True,
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
            "dit moment. Uitgesplitst of gefilterd: de dossiers van die groep per medewerker. Het aantal "
            "telt de dossiers."
        ),
        Measure.MEDIAN,
        caseload_per_worker,
        series_heading=_("Functie"),
        series_label=municipal_label(label_of(WORKER_KINDS)),
        per_municipality=True,
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
