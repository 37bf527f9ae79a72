"""MB trajectories with their phase history, ontzorgen arrangements and taakstellingen on top of a
generated dataset (the generator writes dossiers, assignments and the route, not these)."""

from __future__ import annotations

import datetime as dt
import random

from koers.access.models import Municipality
from koers.begeleiding.models import Trajectory, Transition
from koers.begeleiding.policy import TIMED_PHASES
from koers.begeleiding.services import current_policy
from koers.monitoring.facts_sources import mark_stale
from koers.monitoring.models import Taakstelling
from koers.ontzorgen.models import Arrangement
from koers.ontzorgen.models import Extension as OntzorgenExtension
from koers.people.constants import HouseholdRelation, Phase, TargetGroup
from koers.people.models import HouseholdMember, Person

WAY = TIMED_PHASES  # the chain's phases in order


def add_trajectories(seed: int = 5) -> int:
    """An MB trajectory for every generated asylum migrant: phases of random length from the koppeling,
    some closed early, some finished, some still running on the clock's today. Answers how many."""
    rng = random.Random(seed)
    policies = {m.pk: current_policy(m) for m in Municipality.objects.all()}
    made = 0
    for person in Person.objects.filter(target_group=TargetGroup.ASIEL).order_by("pk"):
        day, steps = person.koppeling_date, []
        for phase in WAY[: rng.randint(1, len(WAY))]:
            steps.append((phase, day))
            day += dt.timedelta(days=rng.randint(1, 200))
        last = steps[-1][0]
        closes = last == Phase.AFRONDING or rng.random() < 0.3
        if closes:
            steps.append((Phase.AFGESLOTEN, day))
        trajectory = Trajectory.objects.create(
            person=person,
            policy=policies[person.municipality_id],
            state=steps[-1][0],
            state_since=steps[-1][1],
            started_on=person.koppeling_date,
            closed_on=day if closes else None,
        )
        Transition.objects.bulk_create(
            Transition(
                trajectory=trajectory, from_state=previous[0] if previous else "", to_state=phase, on=on
            )
            for previous, (phase, on) in zip([None, *steps], steps)
        )
        mark_stale([person.pk])  # a bulk insert sends no signal: mark the person as a save would
        made += 1
    return made


def add_arrangements(approver, seed: int = 6) -> int:
    """Ontzorgen for most generated households with an applicant, some extended, some ended early."""
    rng = random.Random(seed)
    made = 0
    for member in (
        HouseholdMember.objects.filter(relation=HouseholdRelation.APPLICANT, person__isnull=False)
        .select_related("person")
        .order_by("pk")
    ):
        if rng.random() < 0.3:
            continue
        start = member.person.koppeling_date + dt.timedelta(days=rng.randint(20, 120))
        ended_on = start + dt.timedelta(days=rng.randint(30, 150)) if rng.random() < 0.2 else None
        arrangement = Arrangement.objects.create(
            household_id=member.household_id, start=start, ended_on=ended_on
        )
        for _ in range(rng.choice((0, 0, 1, 2))):
            OntzorgenExtension.objects.create(
                arrangement=arrangement,
                months=rng.randint(1, 6),
                reason="Nog niet zelfredzaam",
                approved_by=approver,
            )
        made += 1
    return made


def add_taakstellingen(municipalities, years=(2024, 2025, 2026), seed: int = 7) -> None:
    rng = random.Random(seed)
    for municipality_id in sorted(municipalities):
        for year in years:
            for half in (1, 2):
                Taakstelling.objects.create(
                    municipality_id=municipality_id, year=year, half=half, number=rng.randint(10, 60)
                )


def add_workers_and_buddies(seed: int = 8) -> int:
    """Named MB workers on most MB assignments, and a buddy (some shared) for about a third of the
    persons in MB. Answers the number of buddy assignments."""
    from koers.access.constants import Role
    from koers.people.constants import AssignmentRole
    from koers.people.models import Assignment
    from tests.factories import user_with_role

    rng = random.Random(seed)
    staff: dict[int, tuple[list, list]] = {}
    buddies = []
    for assignment in Assignment.objects.filter(role=AssignmentRole.MB_BEGELEIDING).select_related(
        "organisation"
    ):
        organisation = assignment.organisation
        if organisation.pk not in staff:
            staff[organisation.pk] = (
                [user_with_role(Role.MB_BEGELEIDER, organisation) for _ in range(4)],
                [user_with_role(Role.VRIJWILLIGER, organisation) for _ in range(6)],
            )
        workers, volunteers = staff[organisation.pk]
        if rng.random() < 0.8:
            assignment.user = rng.choice(workers)
            assignment.save(update_fields=["user"])
        if rng.random() < 0.35:
            start = assignment.start_date + dt.timedelta(days=rng.randint(0, 200))
            buddies.append(
                Assignment(
                    person_id=assignment.person_id,
                    organisation=organisation,
                    user=rng.choice(volunteers),
                    role=AssignmentRole.VRIJWILLIGER,
                    start_date=start,
                    end_date=start + dt.timedelta(days=rng.randint(30, 400)) if rng.random() < 0.4 else None,
                )
            )
    Assignment.objects.bulk_create(buddies)
    mark_stale(buddy.person_id for buddy in buddies)  # a bulk insert sends no signal
    return len(buddies)
