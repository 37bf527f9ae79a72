"""The start-up checklist's progress for many persons at once (for the caseload list)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count, Q

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


def progress_for(person_ids: Sequence[int]) -> dict[int, Progress]:
    """Items done out of items needed, of each person's open trajectory (one query)."""
    rows = (
        ChecklistItem.objects.filter(trajectory__person_id__in=person_ids)
        .exclude(trajectory__state=Phase.AFGESLOTEN)
        .exclude(status=ChecklistStatus.NOT_NEEDED)
        .values("trajectory__person_id")
        .annotate(total=Count("id"), done=Count("id", filter=Q(status=ChecklistStatus.DONE)))
    )
    return {row["trajectory__person_id"]: Progress(row["done"], row["total"]) for row in rows}
