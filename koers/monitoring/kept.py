"""Figures over many municipalities are kept for a while instead of counted at every request.

A dashboard of one municipality (or a handful) counts its figures from the facts tables as it is
asked, and shows a change to a dossier at once. Over many municipalities — a province, the country —
every figure reads hundreds of thousands of facts rows, and the whole dashboard takes seconds on a
million dossiers. Such a *wide* selection (at least ``KOERS_MONITORING_WIDE_FROM`` municipalities)
takes the rows a figure gave for the same selection within the last ``KOERS_MONITORING_KEEP_MINUTES``
minutes; the dashboard says how old they are. The background job ``monitoring.keep_wide_figures`` (``koers.monitoring.ahead``)
computes the dashboards over every municipality (each breakdown, the standard period) before anyone
asks, after the nightly rebuild of the facts and then every ``KEEP_MINUTES / 2`` minutes, so those
answer at once; another wide selection is counted by its first reader and kept for the next.

The kept rows are raw (small cells are suppressed when shown, as for counted rows) and aggregates
only: no person is in them.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from koers.lib import clock

from .models import KeptFigure
from .selection import Selection


def wide_from() -> int:
    return settings.KOERS_MONITORING_WIDE_FROM


def keep_for() -> dt.timedelta:
    return dt.timedelta(minutes=settings.KOERS_MONITORING_KEEP_MINUTES)


def is_wide(selection: Selection) -> bool:
    return len(selection.municipality_ids) >= wide_from()


def selection_key(selection: Selection) -> str:
    municipalities, *rest = selection.key
    described = repr((sorted(municipalities), *rest))
    return hashlib.sha256(described.encode()).hexdigest()


def fresh(selection: Selection) -> QuerySet[KeptFigure]:
    """The figures kept for the selection within the keeping time."""
    return KeptFigure.objects.filter(selection_key=selection_key(selection), computed_at__gt=clock.now() - keep_for())


def kept_rows(selection: Selection, figure: str) -> list[list] | None:
    """The rows kept for the figure and a wide selection, if fresh enough; ``None`` otherwise (and
    always for a narrow selection, which is counted as it is asked)."""
    if not is_wide(selection):
        return None
    return fresh(selection).filter(figure=figure).values_list("rows", flat=True).first()


def keep(selection: Selection, figure: str, rows: list[tuple], computed_at: dt.datetime) -> None:
    """Keep the rows of a wide selection (of two readers who counted the same selection at the same
    time, one keeps its rows: both counted the same)."""
    if not is_wide(selection):
        return
    try:
        with transaction.atomic():
            KeptFigure.objects.update_or_create(
                selection_key=selection_key(selection),
                figure=figure,
                defaults={"rows": [list(row) for row in rows], "computed_at": computed_at},
            )
    except IntegrityError:
        pass


def computed_at(selection: Selection) -> dt.datetime | None:
    """For a wide selection, when the oldest of its kept figures was computed (the moment the
    dashboard's figures describe); ``None`` for a narrow one, which is counted live."""
    if not is_wide(selection):
        return None
    return fresh(selection).order_by("computed_at").values_list("computed_at", flat=True).first()


def forget_old() -> None:
    KeptFigure.objects.filter(computed_at__lt=clock.now() - dt.timedelta(days=1)).delete()
