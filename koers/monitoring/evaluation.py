"""The evaluation report in the shape evaluators use (the per-municipality tables of the MB evaluation):
how MB is carried out per municipality (taakstelling, who carries it out, paid workers and volunteers)
and every key figure, one column per municipality. For one municipality it is its own report; for
several it is the comparison. Figures come from ``rows_of``, so small cells are suppressed here too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from koers.access.constants import OrganisationKind
from koers.access.models import Municipality
from koers.people.constants import AssignmentRole
from koers.people.models import Assignment

from .figures import MINIMUM_CELL, registry, rows_of
from .models import Taakstelling, half_year_bounds
from .presentation import SUPPRESSED, format_value
from .selection import Selection
from .support_figures import half_year_key, half_year_label, half_years_in

PDF_TEMPLATE = "monitoring/evaluation_pdf.html"


@dataclass(frozen=True)
class Line:
    label: str
    cells: list[str]
    figure_key: str = ""


@dataclass(frozen=True)
class Report:
    municipalities: list[Municipality]
    start: dt.date
    end: dt.date
    made_on: dt.date
    execution: list[Line]
    figures: list[Line]


def staff_counts(municipality_ids: frozenset[int], day: dt.date) -> dict[int, tuple[int, int]]:
    """Per municipality: the distinct named MB workers and volunteers with an assignment running on
    ``day`` (paid staff and volunteers of the MB evaluation's table; workers, not newcomers)."""
    rows = (
        Assignment.objects.active(day)
        .filter(person__municipality_id__in=municipality_ids, user__isnull=False)
        .values("person__municipality_id")
        .annotate(
            paid=Count("user", filter=Q(role=AssignmentRole.MB_BEGELEIDING), distinct=True),
            volunteers=Count("user", filter=Q(role=AssignmentRole.VRIJWILLIGER), distinct=True),
        )
        .order_by()
    )
    return {r["person__municipality_id"]: (r["paid"], r["volunteers"]) for r in rows}


def mb_organisations(municipality_ids: frozenset[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {m: [] for m in municipality_ids}
    for municipality_id, name in (
        Municipality.objects.filter(pk__in=municipality_ids, served_by__kind=OrganisationKind.MB_ORGANISATION)
        .values_list("pk", "served_by__name")
        .order_by("served_by__name")
    ):
        names[municipality_id].append(name)
    return names


def execution_lines(municipalities: list[Municipality], start: dt.date, end: dt.date) -> list[Line]:
    ids = frozenset(m.pk for m in municipalities)
    halves = half_years_in(start, end)
    targets = {
        (t.municipality_id, half_year_key(t.year, t.half)): t.number
        for t in Taakstelling.objects.filter(
            municipality_id__in=ids, year__gte=halves[0][0], year__lte=halves[-1][0]
        )
    }
    lines = [
        Line(
            _("Taakstelling %(half)s") % {"half": half_year_label(half_year_key(*half))},
            [str(targets.get((m.pk, half_year_key(*half)), "—")) for m in municipalities],
        )
        for half in halves
        if half_year_bounds(*half)[0] <= end
    ]
    organisations = mb_organisations(ids)
    staff = staff_counts(ids, end)
    lines.append(
        Line(
            _("Uitvoerder maatschappelijke begeleiding"),
            [", ".join(organisations[m.pk]) or "—" for m in municipalities],
        )
    )
    lines.append(
        Line(_("Aantal betaalde krachten (MB)"), [str(staff.get(m.pk, (0, 0))[0]) for m in municipalities])
    )
    lines.append(Line(_("Aantal vrijwilligers"), [str(staff.get(m.pk, (0, 0))[1]) for m in municipalities]))
    return lines


def cell_text(figure, row) -> str:
    if row is None:
        return "—"
    if row.suppressed:
        return SUPPRESSED
    if figure.measure.value == "count":
        return format_value(figure.measure, row.value)
    if row.value is None:
        return f"(n = {row.people})"
    return f"{format_value(figure.measure, row.value)} (n = {row.people})"


def figure_lines(
    municipalities: list[Municipality], start: dt.date, end: dt.date, today: dt.date
) -> list[Line]:
    """One line per figure and series, one column per municipality: each figure computed once,
    broken down by municipality, and suppressed."""
    ids = frozenset(m.pk for m in municipalities)
    lines = []
    for figure in registry.values():
        rows = {
            (r.group, r.series): r for r in rows_of(figure, Selection(ids, start, end, today, "municipality"))
        }
        labels = {r.series: r.series_label for r in rows.values()}
        for series in sorted(labels):
            label = f"{figure.title} — {labels[series]}" if labels[series] else str(figure.title)
            cells = [cell_text(figure, rows.get((m.name, series))) for m in municipalities]
            lines.append(Line(label, cells, figure.key))
    return lines


def evaluation_report(
    municipality_ids: frozenset[int], start: dt.date, end: dt.date, today: dt.date
) -> Report:
    municipalities = list(Municipality.objects.filter(pk__in=municipality_ids).order_by("name"))
    return Report(
        municipalities,
        start,
        end,
        today,
        execution_lines(municipalities, start, end),
        figure_lines(municipalities, start, end, today),
    )


def report_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    with translation.override("nl"):
        html = render_to_string(PDF_TEMPLATE, {"report": report, "minimum": MINIMUM_CELL})
    return HTML(string=html).write_pdf()
