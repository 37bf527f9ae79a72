"""The dashboards over every municipality, counted ahead of their readers (``kept`` keeps them):
the background job ``monitoring.keep_wide_figures``, after the nightly rebuild of the facts and then
every half of ``KOERS_MONITORING_KEEP_MINUTES``."""

from __future__ import annotations

import datetime as dt

from koers.access.models import Municipality
from koers.lib import clock

from . import facts, kept
from .dimensions import DIMENSIONS
from .figures import computed_together, raw_rows_of, registry
from .forms import default_period
from .selection import Selection


def standard_selections(today: dt.date) -> list[Selection]:
    """Every municipality (if that is a wide selection), each breakdown, no filter, the dashboard's
    standard period."""
    municipalities = frozenset(Municipality.objects.values_list("pk", flat=True))
    start, end = default_period(today)
    selections = [Selection(municipalities, start, end, today, breakdown) for breakdown in DIMENSIONS]
    return [selection for selection in selections if kept.is_wide(selection)]


def keep_wide_figures() -> int:
    """Count and keep every figure of the standard selections, whatever is kept for them already;
    then forget what was kept more than a day ago. Returns the number of figures counted."""
    counted = 0
    for selection in standard_selections(clock.today()):
        with computed_together():
            for figure in registry.values():
                raw_rows_of(figure, selection, recount=True)
                counted += 1
    kept.forget_old()
    return counted


def nightly() -> None:
    """The nightly job: everyone's facts rebuilt (in case a change ever reached the dossier without a
    signal), then the standard wide dashboards counted from them."""
    facts.rebuild_nightly()
    keep_wide_figures()


def every() -> dt.timedelta:
    """How often the job counts the standard wide dashboards: twice within the time they are kept."""
    return kept.keep_for() / 2
