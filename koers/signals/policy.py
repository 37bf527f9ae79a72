"""The municipality's thresholds for policy-dependent signals, read for all municipalities at once."""

from __future__ import annotations

from dataclasses import dataclass

from .models import SignalPolicy


@dataclass(frozen=True)
class Thresholds:
    hours_min_percent: int = 80
    hours_window_weeks: int = 8
    no_contact_weeks: int = 6
    offer_weeks: int = 4


DEFAULT = Thresholds()


def thresholds_by_municipality() -> dict[int, Thresholds]:
    """Every municipality's own thresholds (one query); a municipality without a row uses ``DEFAULT``."""
    return {
        row.municipality_id: Thresholds(
            hours_min_percent=row.hours_min_percent,
            hours_window_weeks=row.hours_window_weeks,
            no_contact_weeks=row.no_contact_weeks,
            offer_weeks=row.offer_weeks,
        )
        for row in SignalPolicy.objects.all()
    }
