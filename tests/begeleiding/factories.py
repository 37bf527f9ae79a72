"""Trajectories for the tests, built through the real services (so every step is a real step)."""

from __future__ import annotations

import datetime as dt

from koers.access.models import Municipality, User
from koers.begeleiding import services
from koers.begeleiding.models import MbPolicy, Trajectory
from koers.begeleiding.presets import preset
from koers.lib import clock
from koers.people.constants import Phase
from koers.people.models import Person

PURPOSE = "Test"
# The way through the chain, and the date each step is taken in the tests.
PATH = (Phase.HUISVESTING, Phase.REGELDAG, Phase.OPSTARTFASE, Phase.VERDERE_BEGELEIDING, Phase.AFRONDING)
STARTED = dt.date(2026, 1, 5)
STEP_DATES = {
    Phase.HUISVESTING: dt.date(2026, 2, 2),
    Phase.REGELDAG: dt.date(2026, 3, 2),
    Phase.OPSTARTFASE: dt.date(2026, 3, 4),
    Phase.VERDERE_BEGELEIDING: dt.date(2026, 6, 1),
    Phase.AFRONDING: dt.date(2026, 11, 2),
}


def use_preset(municipality: Municipality, key: str, actor: User | None = None) -> MbPolicy:
    return services.save_policy(actor=actor, municipality=municipality, settings=preset(key).settings, preset_key=key)


def start(person: Person, actor: User, on: dt.date = STARTED) -> Trajectory:
    return services.start_trajectory(actor=actor, person=person, on=on, worker=actor, purpose=PURPOSE)


def trajectory_in(state: Phase, person: Person, actor: User) -> Trajectory:
    """A trajectory that walked the chain up to ``state`` (closing from afronding needs a handover)."""
    trajectory = start(person, actor)
    walk_to = Phase.OPSTARTFASE if state == Phase.AFGESLOTEN else state
    for step in PATH:
        if walk_to == Phase.KOPPELING:
            break
        services.transition(actor=actor, trajectory=trajectory, to_state=step, on=STEP_DATES[step], purpose=PURPOSE)
        if step == walk_to:
            break
    if state == Phase.AFGESLOTEN:
        services.transition(actor=actor, trajectory=trajectory, to_state=Phase.AFGESLOTEN, on=clock.today(),
                            reason="Verhuisd naar een andere gemeente", purpose=PURPOSE)
    trajectory.refresh_from_db()
    return trajectory


def close_with_handover(trajectory: Trajectory, actor: User) -> None:
    services.record_handover(actor=actor, trajectory=trajectory, summary="Redt zich goed.",
                             interview_on=clock.today(), purpose=PURPOSE)
    services.transition(actor=actor, trajectory=trajectory, to_state=Phase.AFGESLOTEN, purpose=PURPOSE)


def volunteer_in(organisation, **fields):
    """A volunteer of the pool with a user of the VRIJWILLIGER role in ``organisation``."""
    from koers.access.constants import Role
    from koers.begeleiding.models import Volunteer
    from tests.factories import user_with_role

    defaults = {"languages": ["ar"], "postcode": "9711AB", "availability": ["di-middag"], "capacity": 2}
    return Volunteer.objects.create(user=user_with_role(Role.VRIJWILLIGER, organisation), organisation=organisation,
                                    **(defaults | fields))


def session_in(municipality, actor, *, starts_at=None, covers=None, languages=("nl",), interpreter_languages=("ar",),
               capacity=10, **fields):
    """A group session a week from now that covers the first two VL items of the municipality's policy."""
    import datetime as dt

    from django.utils import timezone

    from koers.begeleiding import sessions
    from koers.begeleiding.constants import ChecklistGroup

    if covers is None:
        covers = [s.key for s in sessions.checklist_options(municipality) if s.group == ChecklistGroup.VL][:2]
    moment = starts_at or timezone.make_aware(dt.datetime.combine(clock.today() + dt.timedelta(days=7), dt.time(19)))
    return sessions.plan_session(actor=actor, municipality=municipality, organisation_id=None,
                                 kind=fields.pop("kind", "voorlichting"), title=fields.pop("title", "Wonen in Nederland"),
                                 starts_at=moment, place=fields.pop("place", "Buurthuis De Linde"), languages=languages,
                                 interpreter_languages=interpreter_languages, capacity=capacity, covers=covers)


def social_map_entry(municipality, **fields):
    from koers.begeleiding.models import SocialMapEntry

    defaults = {"name": "Schuldhulp Aadorp", "domain": "Financiën en administratie", "contact": "050-1234567"}
    return SocialMapEntry.objects.create(municipality=municipality, **(defaults | fields))
