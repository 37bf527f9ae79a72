"""The team lead's MB caseload: the open trajectories per worker and phase against the policy's norm,
and the overdue points of begeleiding.

Counted in the database, whatever the number of trajectories: a large municipality has tens of
thousands open. The overdue points are the begeleiding signals on the attention lists (open, or
snoozed until a day that has come) whose day has passed, so the caseload agrees with the lists and
with the municipality's signal policy, and reads them through the signals' index instead of
computing every trajectory's deadlines anew."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from koers.access.models import Municipality, User
from koers.people.constants import Phase
from koers.people.models import Person
from koers.signals.access import active, visible_signals
from koers.signals.models import Signal

from . import services
from .deadlines import KINDS
from .models import Trajectory

PHASES = [phase for phase in Phase if phase != Phase.AFGESLOTEN]
"""The columns: every phase a trajectory can be open in."""


@dataclass(frozen=True)
class WorkerRow:
    """One worker's open trajectories (``worker`` None: not yet assigned)."""

    worker: User | None
    phases: list[int]
    norm: int
    overdue: int

    @property
    def total(self) -> int:
        return sum(self.phases)

    @property
    def over(self) -> bool:
        return self.total > self.norm


def open_trajectories(persons: QuerySet[Person]) -> QuerySet[Trajectory]:
    return Trajectory.objects.filter(person__in=persons).exclude(state=Phase.AFGESLOTEN)


def overdue(today: dt.date) -> QuerySet[Signal]:
    """The begeleiding signals still to be acted on whose day has passed."""
    return Signal.objects.filter(active(today), kind__in=list(KINDS), due__lt=today)


def worker_rows(persons: QuerySet[Person], today: dt.date) -> list[WorkerRow]:
    """Per worker, sorted by name: the open trajectories of these persons per phase, the smallest norm
    of the municipalities they are in, and the overdue points of their persons."""
    trajectories = open_trajectories(persons).order_by()
    phases: dict[int | None, list[int]] = defaultdict(lambda: [0] * len(PHASES))
    municipalities: dict[int | None, set[int]] = defaultdict(set)
    counted = trajectories.values_list("worker_id", "state", "person__municipality_id")
    for worker_id, state, municipality_id, count in counted.annotate(n=Count("pk")):
        phases[worker_id][PHASES.index(Phase(state))] += count
        municipalities[worker_id].add(municipality_id)
    capacity = {
        municipality.pk: services.current_policy(municipality).settings.capacity_per_worker
        for municipality in Municipality.objects.filter(pk__in=set().union(*municipalities.values()))
    }
    late = dict(
        overdue(today).filter(person__in=persons, person__mb_trajectories__state__in=PHASES)
        .order_by().values_list("person__mb_trajectories__worker_id").annotate(n=Count("pk"))
    )
    workers = User.objects.in_bulk([pk for pk in phases if pk is not None])
    rows = [
        WorkerRow(
            worker=workers.get(worker_id) if worker_id is not None else None,
            phases=counts,
            norm=min(capacity[m] for m in municipalities[worker_id]),
            overdue=late.get(worker_id, 0),
        )
        for worker_id, counts in phases.items()
    ]
    return sorted(rows, key=lambda row: str(row.worker or ""))


def visible_overdue(user: User, today: dt.date) -> QuerySet[Signal]:
    """The overdue points the user may read (of the persons they reach, by the data category of
    each), oldest first."""
    return visible_signals(user, today, overdue(today)).select_related("person").order_by("due", "id")
