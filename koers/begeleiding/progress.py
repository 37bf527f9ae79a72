"""The start-up checklist's progress for many persons at once (for the caseload list)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Q

from koers.lib.prepared import ForFew
from koers.people.constants import Phase

from .constants import ChecklistStatus
from .models import ChecklistItem


@dataclass(frozen=True)
class Progress:
    done: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


COUNTED = ForFew(
    ChecklistItem.objects.exclude(trajectory__state=Phase.AFGESLOTEN)
    .exclude(status=ChecklistStatus.NOT_NEEDED)
    .order_by()
    .values("trajectory__person_id")
    .annotate(total=Count("id"), done=Count("id", filter=Q(status=ChecklistStatus.DONE)))
    .values_list("trajectory__person_id", "done", "total"),
    "trajectory__person_id",
)
"""Compiled once (``ForFew``): a caseload page asks it for every page of fifty persons."""


def progress_for(person_ids: Sequence[int]) -> dict[int, Progress]:
    """Items done out of items needed, of each person's open trajectory (one query)."""
    return {person_id: Progress(done, total) for person_id, done, total in COUNTED.rows(person_ids)}
