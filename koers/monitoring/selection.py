"""What a dashboard looks at: which municipalities, which period, which filters and which breakdown.

``Selection.narrow(queryset, prefix)`` is the one place where a figure's rows are limited to the
chosen municipalities and filters and labelled with the breakdown value (as ``group``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from .dimensions import ALL, DIMENSIONS, Dimension


@dataclass(frozen=True)
class Selection:
    municipality_ids: frozenset[int]
    start: dt.date
    end: dt.date
    today: dt.date
    breakdown: str = ALL
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def dimension(self) -> Dimension:
        return DIMENSIONS[self.breakdown]

    def narrow(self, queryset: QuerySet, prefix: str = "") -> QuerySet:
        """``queryset`` limited to the municipalities and filters, annotated with ``group``."""
        queryset = queryset.filter(**{f"{prefix}municipality_id__in": self.municipality_ids})
        for key, value in sorted(self.filters.items()):
            alias = f"filter_{key}"
            queryset = queryset.alias(**{alias: DIMENSIONS[key].expression(prefix, self.today)}).filter(
                **{alias: value}
            )
        return queryset.annotate(group=self.dimension.expression(prefix, self.today))

    def period(self, field_name: str) -> dict[str, dt.date]:
        """Lookups for ``field_name`` falling inside the period (both ends inclusive)."""
        return {f"{field_name}__gte": self.start, f"{field_name}__lte": self.end}
