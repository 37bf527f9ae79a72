"""The evaluation report in the shape evaluators use (the per-municipality tables of the MB
evaluation, seed 001): a row per municipality. First how MB is carried out (taakstelling per half
year, who carries it out, how long it lasts, paid workers and volunteers), then a table per key figure
with a column per series. For one municipality it is its own report; for several it is the comparison,
with a total row. Figures come from ``rows_of``, so small cells are suppressed here too; every table
is also a plain :class:`Table` for CSV and XLSX."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.access.constants import OrganisationKind
from koers.access.models import Municipality
from koers.begeleiding.models import MbPolicy
from koers.lib.pdf import pdf_of
from koers.lib.records import record_language
from koers.people.constants import AssignmentRole
from koers.people.models import running_on

from .dimensions import ALL, DIMENSIONS
from .exports import plain_value
from .facts import fresh
from .figures import MINIMUM_CELL, Figure, Measure, Row, computed_together, registry, rows_of
from .models import AssignmentFacts, Taakstelling, half_year_bounds
from .presentation import SUPPRESSED, format_value
from .selection import Selection
from .support_figures import half_year_key, half_years_in
from .tables import Table

PDF_TEMPLATE = "monitoring/evaluation_pdf.html"
EXECUTION = "uitvoering"


@dataclass(frozen=True)
class Section:
    """One table of the report: ``lines`` as shown (text), ``table`` as downloaded (values)."""

    key: str
    title: str
    explanation: str
    header: list[str]
    lines: list[list[str]]
    table: Table


@dataclass(frozen=True)
class Report:
    municipalities: list[Municipality]
    start: dt.date
    end: dt.date
    made_on: dt.date
    sections: list[Section]
    population: str

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


# -- How MB is carried out ---------------------------------------------------------------------


def staff_counts(municipality_ids: frozenset[int], day: dt.date) -> dict[int, tuple[int, int]]:
    """Per municipality: the distinct named MB workers and volunteers with an assignment running on
    ``day`` (paid staff and volunteers of the MB evaluation's table; workers, not newcomers). Read
    from the assignments' facts, which carry the person's municipality: over every municipality,
    joining the assignments to their persons took most of a second."""
    rows = (
        fresh(AssignmentFacts)
        .filter(running_on(day), municipality_id__in=municipality_ids, user_id__isnull=False)
        .values("municipality_id")
        .annotate(
            paid=Count("user_id", filter=Q(role=AssignmentRole.MB_BEGELEIDING), distinct=True),
            volunteers=Count("user_id", filter=Q(role=AssignmentRole.VRIJWILLIGER), distinct=True),
        )
        .order_by()
    )
    return {r["municipality_id"]: (r["paid"], r["volunteers"]) for r in rows}


def carried_out_by(municipality_ids: frozenset[int]) -> dict[int, str]:
    """"Uitbesteed: <MB organisations>" or, without one serving the municipality, "Gemeente zelf"."""
    names: dict[int, list[str]] = {m: [] for m in municipality_ids}
    for municipality_id, name in (
        Municipality.objects.filter(pk__in=municipality_ids, served_by__kind=OrganisationKind.MB_ORGANISATION)
        .values_list("pk", "served_by__name")
        .order_by("served_by__name")
    ):
        names[municipality_id].append(name)
    return {
        m: _("Uitbesteed: %(names)s") % {"names": ", ".join(found)} if found else _("Gemeente zelf")
        for m, found in names.items()
    }


def durations(municipality_ids: frozenset[int]) -> dict[int, int]:
    """The MB duration in months of each municipality's newest MB policy (none recorded: left out)."""
    newest: dict[int, int] = {}
    policies = MbPolicy.objects.filter(municipality_id__in=municipality_ids)
    for policy in policies.order_by("municipality_id", "-version"):
        newest.setdefault(policy.municipality_id, policy.settings.duration_months)
    return newest


def duration_text(months: int | None) -> str:
    if months is None:
        return "—"
    if months % 12 == 0:
        years = months // 12
        return ngettext("%(n)d jaar", "%(n)d jaar", years) % {"n": years}
    return ngettext("%(n)d maand", "%(n)d maanden", months) % {"n": months}


def execution_section(municipalities: list[Municipality], start: dt.date, end: dt.date) -> Section:
    ids = frozenset(m.pk for m in municipalities)
    halves = [half for half in half_years_in(start, end) if half_year_bounds(*half)[0] <= end]
    targets = {
        (t.municipality_id, half_year_key(t.year, t.half)): t.number
        for t in Taakstelling.objects.filter(
            municipality_id__in=ids, year__gte=halves[0][0], year__lte=halves[-1][0]
        )
    }
    executors, months, staff = carried_out_by(ids), durations(ids), staff_counts(ids, end)
    header = [_("Gemeente")]
    header += [_("Taakstelling H%(half)s %(year)s") % {"half": half, "year": year} for year, half in halves]
    header += [_("Uitvoering"), _("Looptijd"), _("Aantal betaalde krachten (MB)"), _("Aantal vrijwilligers")]
    rows = []
    for m in municipalities:
        paid, volunteers = staff.get(m.pk, (0, 0))
        rows.append(
            [m.name]
            + [targets.get((m.pk, half_year_key(*h))) for h in halves]
            + [executors[m.pk], duration_text(months.get(m.pk)), paid, volunteers]
        )
    table = Table(EXECUTION, _("Uitvoering van de maatschappelijke begeleiding"), header, rows)
    lines = [["—" if cell is None else str(cell) for cell in row] for row in rows]
    explanation = _(
        "Betaalde krachten en vrijwilligers: medewerkers met een lopende toewijzing op de laatste dag van "
        "de periode. Looptijd: volgens het geldende MB-beleid."
    )
    return Section(EXECUTION, table.title, explanation, header, lines, table)


# -- The key figures, a table each -------------------------------------------------------------


def cell_text(figure: Figure, row: Row | None) -> str:
    if row is None:
        return "—"
    if row.suppressed:
        return SUPPRESSED
    if figure.measure == Measure.COUNT:
        return format_value(figure.measure, row.value)
    if row.value is None:
        return f"(n = {row.people})"
    return f"{format_value(figure.measure, row.value)} (n = {row.people})"


def cell_values(figure: Figure, row: Row | None) -> list:
    """The number of people and the value, as the download holds them."""
    if row is None:
        return [None, None]
    if row.suppressed:
        return [SUPPRESSED, None]
    return [row.people, plain_value(figure.measure, row.value)]


def figure_section(figure: Figure, municipalities: list[Municipality], selection: Selection) -> Section:
    """A row per municipality (and a total row when comparing), a column per series."""
    rows = {(r.group, r.series): r for r in rows_of(figure, selection)}
    names = [(m.name, m.name) for m in municipalities]
    if len(municipalities) > 1 and not figure.per_municipality:
        total = dataclasses.replace(selection, breakdown=ALL)
        rows |= {(r.group, r.series): r for r in rows_of(figure, total)}
        names.append((ALL, _("Totaal")))
    series = sorted({(r.series, r.series_label) for r in rows.values()})
    labels = [label or str(figure.measure.heading) for _key, label in series]
    header = [_("Gemeente"), *labels]
    lines = [
        [name] + [cell_text(figure, rows.get((group, key))) for key, _label in series]
        for group, name in names
    ]
    measure = str(figure.measure.heading)
    table = Table(
        figure.key,
        str(figure.title),
        [_("Gemeente")] + [f"{label}: {part}" for label in labels for part in (_("aantal"), measure)],
        [[name] + [v for key, _label in series for v in cell_values(figure, rows.get((group, key)))]
         for group, name in names],
        [str(figure.explanation)],
    )
    return Section(figure.key, str(figure.title), str(figure.explanation), header, lines, table)


def evaluation_report(
    municipality_ids: frozenset[int],
    start: dt.date,
    end: dt.date,
    today: dt.date,
    filters: dict[str, str] | None = None,
    only: str | None = None,
) -> Report:
    """The report over the population the ``filters`` (e.g. gender) leave; how MB is carried out is
    about the organisation and counts everybody. With ``only`` (a section's key) it holds that one
    section, as a download of one table needs: the whole report counts every figure."""
    municipalities = list(Municipality.objects.filter(pk__in=municipality_ids).order_by("name"))
    ids = frozenset(m.pk for m in municipalities)
    selection = Selection(ids, start, end, today, "municipality", filters or {})
    sections = [execution_section(municipalities, start, end)] if only in (None, EXECUTION) else []
    with computed_together():
        sections += [
            figure_section(figure, municipalities, selection)
            for figure in registry.values() if only in (None, figure.key)
        ]
    return Report(municipalities, start, end, today, sections, population(selection))


def population(selection: Selection) -> str:
    chosen = [
        f"{DIMENSIONS[key].label}: {DIMENSIONS[key].value_label(value)}"
        for key, value in sorted(selection.filters.items())
    ]
    return "; ".join(chosen) or _("alle inburgeraars")


def report_tables(report: Report) -> list[Table]:
    period = f"{report.start:%d-%m-%Y} – {report.end:%d-%m-%Y}; {report.population}"
    return [
        Table(s.table.key, s.table.title, s.table.header, s.table.rows, [*s.table.notes, period])
        for s in report.sections
    ]


def report_pdf(report: Report) -> bytes:
    with record_language():
        html = render_to_string(PDF_TEMPLATE, {
            "report": report, "minimum": MINIMUM_CELL, "sections": [(s, "") for s in report.sections],
        })
    return pdf_of(html)
