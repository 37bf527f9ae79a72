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
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable

from dateutil.relativedelta import relativedelta
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from koers.begeleiding.models import Transition
from koers.inburgering.constants import PlichtStatus
from koers.inburgering.models import Inburgeringsplicht
from koers.inburgering.terms import ontzorgen_end
from koers.ontzorgen.models import Extension as OntzorgenExtension
from koers.people.constants import AssignmentRole, HouseholdRelation, Phase
from koers.people.models import Assignment, HouseholdMember

from .catalogue import (
    as_days,
    days_between,
    first_completed_intakes,
    firsts,
    label_of,
    median_of,
    median_rows,
    persons,
    steps_from_term_start,
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
    no taakstelling is recorded)."""
    halves = half_years_in(selection.start, selection.end)
    first, last = half_year_bounds(*halves[0])[0], half_year_bounds(*halves[-1])[1]
    counted = (
        persons(selection)
        .filter(koppeling_date__gte=first, koppeling_date__lte=last)
        .annotate(
            year=ExtractYear("koppeling_date"),
            half=Case(
                When(koppeling_date__month__lte=6, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        )
        .values("group", "municipality_id", "municipality__name", "year", "half")
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
        half = half_year_key(row["year"], row["half"])
        rows.append(
            RawRow(
                row["group"],
                with_municipality(selection, row["municipality__name"], half),
                row["people"],
                row["people"] / target if target else None,
            )
        )
    return rows


# -- Time to the regeldag and to the brede intake ----------------------------------------------


def days_brp_to_regeldag(selection: Selection) -> list[RawRow]:
    """From the BRP registration to the person's first regeldag in the begeleiding's phase history,
    for first regeldagen in the period (read from the regeldagen in the period, not from every person)."""
    regeldagen = firsts(Transition.objects.filter(to_state=Phase.REGELDAG), "on", person="trajectory__person")
    queryset = selection.narrow(
        regeldagen.filter(trajectory__person__brp_registration_date__isnull=False), "trajectory__person__"
    ).filter(**selection.period("on"))
    return median_rows(queryset, days_between("on", "trajectory__person__brp_registration_date"))


def days_to_intake(selection: Selection) -> list[RawRow]:
    steps = steps_from_term_start(selection, first_completed_intakes(), "conversation_date")
    return median_rows(steps, F("days"))


# -- MB duration per phase ---------------------------------------------------------------------


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
    the steps taken in the period: each leaves ``from_state``, entered at the step just before it
    (joined to it, with no step in between: set-based, no subquery per step)."""
    steps = selection.narrow(Transition.objects.exclude(from_state=""), "trajectory__person__")
    steps = steps.filter(**selection.period("on")).filter(trajectory__transitions__pk__lt=F("pk"))
    steps = steps.alias(entered=F("trajectory__transitions__on"), entered_pk=F("trajectory__transitions__pk"))
    between = Transition.objects.filter(trajectory=OuterRef("trajectory"), pk__gt=OuterRef("entered_pk"),
                                        pk__lt=OuterRef("pk"))
    rows = (
        steps.exclude(Exists(between))
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


def caseload_rows(selection: Selection, loads: Iterable[dict], kind: str) -> list[RawRow]:
    """From database rows of (group, municipality, worker, load): per breakdown value and municipality
    the median load over the workers; the number is the dossiers."""
    histogram: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for row in loads:
        histogram[(row["group"], row["place"])][row["load"]] += 1
    return [
        RawRow(
            group,
            with_municipality(selection, municipality, kind),
            sum(load * n for load, n in counts.items()),
            median_of(counts.items()),
        )
        for (group, municipality), counts in histogram.items()
    ]


def caseload_per_worker(selection: Selection) -> list[RawRow]:
    """The median number of open dossiers (of the filtered population, per breakdown value) per
    consultant and per named MB worker, per municipality, today."""
    consultants = (
        persons(selection)
        .filter(consultant__isnull=False)
        .exclude(phase=Phase.AFGESLOTEN)
        .values("group", "consultant_id", place=F("municipality__name"))
        .annotate(load=Count("pk"))
        .order_by()
    )
    workers = (
        selection.narrow(Assignment.objects.active(selection.today), "person__")
        .filter(role=AssignmentRole.MB_BEGELEIDING, user__isnull=False)
        .exclude(person__phase=Phase.AFGESLOTEN)
        .values("group", "user_id", place=F("person__municipality__name"))
        .annotate(load=Count("person", distinct=True))
        .order_by()
    )
    return caseload_rows(selection, consultants, CONSULTANT) + caseload_rows(selection, workers, MB_WORKER)


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


@functools.cache
def planned_ontzorgen_end(start: dt.date, extensions: tuple[int, ...]) -> dt.date:
    """By the law's own term arithmetic (``terms.ontzorgen_end``: each extension added to the end then
    in force, in order)."""
    return ontzorgen_end(start, [relativedelta(months=months) for months in extensions])


def ontzorgen_days(start: dt.date, ended_on: dt.date | None, extensions: tuple[int, ...]) -> int:
    """Days from the first benefit payment to the end in force (an early end when it comes first)."""
    planned = planned_ontzorgen_end(start, extensions)
    return ((min(planned, ended_on) if ended_on else planned) - start).days


def ontzorgen_durations(selection: Selection) -> list[RawRow]:
    """Per household whose ontzorgen started in the period (broken down by its applicant): the median
    days from the first benefit payment to the end in force (extensions and an early end included; a
    running arrangement counts with its planned end). Read as plain rows (arrangement, start, early end,
    and the extensions in order), the term arithmetic done once per distinct case."""
    applicants = selection.narrow(
        HouseholdMember.objects.filter(
            relation=HouseholdRelation.APPLICANT, household__ontzorgen__isnull=False
        ),
        "person__",
    ).filter(**selection.period("household__ontzorgen__start"))
    arrangements = applicants.values_list(
        "group", "household__ontzorgen", "household__ontzorgen__start", "household__ontzorgen__ended_on"
    ).order_by()
    extensions: dict[int, list[int]] = defaultdict(list)
    for arrangement, months in (
        OntzorgenExtension.objects.filter(arrangement__in=applicants.values("household__ontzorgen"))
        .order_by("arrangement_id", "created_at", "id")
        .values_list("arrangement_id", "months")
    ):
        extensions[arrangement].append(months)
    histogram: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for group, arrangement, start, ended_on in arrangements:
        histogram[group][ontzorgen_days(start, ended_on, tuple(extensions.get(arrangement, ())))] += 1
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
