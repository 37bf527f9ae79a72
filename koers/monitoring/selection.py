"""What a dashboard looks at: which municipalities, which period, which filters and which breakdown.

``Selection.narrow(queryset, prefix)`` is the one place where a figure's rows are limited to the
chosen municipalities and filters and labelled with the breakdown value (as ``group``).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from django.db.models import QuerySet

from koers.access.models import Municipality

from .dimensions import ALL, DIMENSIONS, Dimension


@dataclass(frozen=True)
class Selection:
    municipality_ids: frozenset[int]
    start: dt.date
    end: dt.date
    today: dt.date
    breakdown: str = ALL
    filters: dict[str, str] = field(default_factory=dict)

    @functools.cached_property
    def every_municipality(self) -> bool:
        """Whether the selection holds every municipality there is."""
        return not Municipality.objects.exclude(pk__in=self.municipality_ids).exists()

    @property
    def key(self) -> tuple:
        """What tells two selections apart (the filters are a dict, so the selection is no key)."""
        return (self.municipality_ids, self.start, self.end, self.today, self.breakdown,
                tuple(sorted(self.filters.items())))

    @property
    def dimension(self) -> Dimension:
        return DIMENSIONS[self.breakdown]

    def narrow(self, queryset: QuerySet, prefix: str = "") -> QuerySet:
        """``queryset`` limited to the municipalities and filters, annotated with ``group``. A selection
        of every municipality there is selects none (every row is in one), which lets the database read
        an index in the order of the period rather than one municipality after the other."""
        if not self.every_municipality:
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
