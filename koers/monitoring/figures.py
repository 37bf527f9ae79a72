"""The registry of monitoring figures and the one place where small cells are suppressed.

Each figure is a named function that computes, in SQL with GROUP BY over the facts tables
(``models.facts``), raw rows of (breakdown value, series value, number of people, value); broken down
by municipality, the breakdown value is the municipality's id until ``rows_of`` names it. ``rows_of``
labels the rows and suppresses every cell that rests on fewer than ``MINIMUM_CELL`` people (and the
cells from which such a cell could be worked out); nothing else shows figures.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import Enum

from django.db import connection, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from koers.lib import clock
from koers.lib.sql import planned_per_call

from . import kept
from .selection import Selection

MINIMUM_CELL = 5


class Measure(Enum):
    COUNT = "count"
    SHARE = "share"
    MEDIAN_DAYS = "median_days"
    MEDIAN = "median"
    RATIO = "ratio"

    @property
    def heading(self) -> Promise:
        return {
            Measure.COUNT: _("Aantal"),
            Measure.SHARE: _("Aandeel"),
            Measure.MEDIAN_DAYS: _("Mediaan (dagen)"),
            Measure.MEDIAN: _("Mediaan"),
            Measure.RATIO: _("Per persoon"),
        }[self]


@dataclass(frozen=True)
class RawRow:
    group: str
    series: str
    people: int
    value: float | None


@dataclass(frozen=True)
class Row:
    group: str
    group_label: str
    series: str
    series_label: str
    people: int | None
    value: float | None

    @property
    def suppressed(self) -> bool:
        return self.people is None


@dataclass(frozen=True)
class Figure:
    key: str
    title: Promise
    explanation: Promise
    measure: Measure
    compute: Callable[[Selection], Iterable[RawRow]]
    series_heading: Promise | None = None
    series_label: Callable[[str], str] = str
    per_municipality: bool = False
    """Per municipality by nature (a taakstelling, a worker's caseload): unless broken down by
    municipality, the municipality goes with the series."""


registry: dict[str, Figure] = {}


def register(figure: Figure) -> Figure:
    if figure.key in registry:
        raise ValueError(f"Figure {figure.key!r} registered twice.")
    registry[figure.key] = figure
    return figure


def hidden_cells(rows: list[RawRow]) -> set[int]:
    """The positions of the cells that may not be shown.

    Primary: a cell resting on fewer than ``MINIMUM_CELL`` people. Secondary: a line of cells whose
    total is known elsewhere (the series within one breakdown value, which the shares add up to; one
    series across the breakdown values, whose total the view without breakdown shows) may never hide
    just one cell, or that cell would follow by subtraction; the smallest shown cell of such a line
    is hidden as well, until no line hides exactly one."""
    hidden = {i for i, row in enumerate(rows) if row.people < MINIMUM_CELL}
    lines: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        lines[("group", row.group)].append(i)
        lines[("series", row.series)].append(i)
    changed = True
    while changed:
        changed = False
        for members in lines.values():
            shown = [i for i in members if i not in hidden]
            if len(members) - len(shown) == 1 and shown:
                hidden.add(min(shown, key=lambda i: (rows[i].people, rows[i].group, rows[i].series)))
                changed = True
    return hidden


_shared: ContextVar[dict | None] = ContextVar("monitoring_shared_queries", default=None)


@contextmanager
def computed_together() -> Iterator[None]:
    """Figures computed together (a dashboard, its workbook, a report) run the queries they have in
    common once: inside this block ``shared`` keeps each such query's rows."""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def shared(name: str, selection: Selection, rows: Callable[[], list]) -> list:
    """The rows of the query ``name`` for ``selection``: run once per ``computed_together`` block."""
    memo = _shared.get()
    if memo is None:
        return rows()
    key = (name, selection.key)
    if key not in memo:
        memo[key] = rows()
    return memo[key]


@contextmanager
def tuned_for_figures() -> Iterator[None]:
    """For the figure's transaction only, on PostgreSQL: no JIT (it compiles these short GROUP BY
    queries for longer than they run), memory enough to sort and hash the rows of a figure in memory
    instead of on disk, and the cost of a page read as for data in memory (the facts tables and their
    covering indexes are read over and over, so they are), which lets the planner read a covering
    index in its order where it would otherwise scan the table and hash. And each figure planned for
    its own selection (``planned_per_call``): one plan for every period and municipality would serve a
    month of one municipality and ten years of all of them alike."""
    with planned_per_call(), transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
                cursor.execute("SET LOCAL work_mem = '64MB'")
                cursor.execute("SET LOCAL random_page_cost = 1.1")
        yield


def named(raw_rows: list[RawRow], selection: Selection) -> list[RawRow]:
    """The rows with the breakdown's value in place of the key the database grouped by."""
    if selection.dimension.named is None:
        return raw_rows
    names = selection.dimension.named({raw.group for raw in raw_rows})
    return [dataclasses.replace(raw, group=names[raw.group]) for raw in raw_rows]


def counted(figure: Figure, selection: Selection) -> list[RawRow]:
    """The figure's raw rows, counted now from the facts tables."""
    with tuned_for_figures():
        return named(list(figure.compute(selection)), selection)


def raw_rows_of(figure: Figure, selection: Selection, *, recount: bool = False) -> list[RawRow]:
    """The figure's raw rows: for a wide selection the rows kept a short while ago (``kept``) unless
    ``recount``, otherwise counted (and, for a wide selection, kept)."""
    kept_rows = None if recount else kept.kept_rows(selection, figure.key)
    if kept_rows is not None:
        return [RawRow(*row) for row in kept_rows]
    raw_rows = counted(figure, selection)
    kept.keep(selection, figure.key, [dataclasses.astuple(row) for row in raw_rows], clock.now())
    return raw_rows


def rows_of(figure: Figure, selection: Selection) -> list[Row]:
    # Each label once: a comparison of every municipality repeats a month or a phase hundreds of times.
    label_group = functools.cache(selection.dimension.value_label)
    label_series = functools.cache(figure.series_label)
    raw_rows = raw_rows_of(figure, selection)
    hidden = hidden_cells(raw_rows)
    rows = []
    for i, raw in enumerate(raw_rows):
        people, value = (None, None) if i in hidden else (raw.people, raw.value)
        rows.append(
            Row(
                group=raw.group,
                group_label=label_group(raw.group),
                series=raw.series,
                series_label=label_series(raw.series) if raw.series != "" else "",
                people=people,
                value=value,
            )
        )
    return sorted(rows, key=lambda r: (r.group_label, r.series))
