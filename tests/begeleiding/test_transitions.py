"""The trajectory is a state machine: every step outside the table is refused in Dutch and changes
nothing; every step in it is taken, recorded and mirrored on the person."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koers.begeleiding import services
from koers.begeleiding.models import Trajectory, Transition
from koers.begeleiding.transitions import ALLOWED, TransitionRefused
from koers.people.constants import EventKind, Phase
from koers.people.models import TimelineEvent
from tests.factories import PersonFactory

from .factories import PURPOSE, close_with_handover, trajectory_in

ILLEGAL = [(a, b) for a, b in itertools.product(Phase, Phase) if b not in ALLOWED[a]]
LEGAL = [(a, b) for a in Phase for b in sorted(ALLOWED[a])]


def snapshot(trajectory: Trajectory) -> tuple:
    trajectory.refresh_from_db()
    trajectory.person.refresh_from_db()
    return (trajectory.state, trajectory.state_since, trajectory.mb_start, trajectory.planned_end,
            trajectory.person.phase, Transition.objects.filter(trajectory=trajectory).count(),
            TimelineEvent.objects.filter(person=trajectory.person).count())


@pytest.mark.parametrize(("current", "target"), ILLEGAL, ids=[f"{a}->{b}" for a, b in ILLEGAL])
def test_it_refuses_every_illegal_transition_in_dutch_and_changes_nothing(tenants, current, target):
    tenant = tenants.a
    trajectory = trajectory_in(current, PersonFactory(municipality=tenant.municipality), tenant.mb_worker)
    before = snapshot(trajectory)
    with pytest.raises(TransitionRefused) as refused:
        services.transition(actor=tenant.mb_worker, trajectory=trajectory, to_state=target, reason="x",
                            purpose=PURPOSE)
    message = refused.value.messages[0]
    assert "traject" in message.lower()
    assert snapshot(trajectory) == before


def test_afronding_before_regeldag_names_the_phases_that_are_possible(tenants):
    trajectory = trajectory_in(Phase.HUISVESTING, PersonFactory(municipality=tenants.a.municipality),
                               tenants.a.mb_worker)
    with pytest.raises(TransitionRefused) as refused:
        services.transition(actor=tenants.a.mb_worker, trajectory=trajectory, to_state=Phase.AFRONDING,
                            purpose=PURPOSE)
    assert refused.value.messages == [
        (
            "Van de fase Woningtoewijzing kan het traject niet naar Afronding. "
            "Mogelijk vanuit Woningtoewijzing: Regeldag, Afgesloten."
        )
    ]


@pytest.mark.parametrize(("current", "target"), LEGAL, ids=[f"{a}->{b}" for a, b in LEGAL])
def test_it_takes_every_allowed_transition_records_it_and_mirrors_the_phase(tenants, current, target):
    tenant = tenants.a
    trajectory = trajectory_in(current, PersonFactory(municipality=tenant.municipality), tenant.mb_worker)
    if target == Phase.AFGESLOTEN and current == Phase.AFRONDING:
        close_with_handover(trajectory, tenant.mb_worker)
    else:
        services.transition(actor=tenant.mb_worker, trajectory=trajectory, to_state=target,
                            reason="Verhuisd", purpose=PURPOSE)
    trajectory.refresh_from_db()
    trajectory.person.refresh_from_db()
    assert trajectory.state == target == trajectory.person.phase
    step = trajectory.transitions.last()
    assert (step.from_state, step.to_state, step.actor) == (current, target, tenant.mb_worker)
    assert TimelineEvent.objects.filter(person=trajectory.person, kind=EventKind.STATUS,
                                        title__startswith="MB-fase").exists()


def test_closing_early_without_a_reason_is_refused(tenants):
    trajectory = trajectory_in(Phase.OPSTARTFASE, PersonFactory(municipality=tenants.a.municipality),
                               tenants.a.mb_worker)
    with pytest.raises(TransitionRefused, match="reden"):
        services.transition(actor=tenants.a.mb_worker, trajectory=trajectory, to_state=Phase.AFGESLOTEN,
                            purpose=PURPOSE)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.sampled_from(list(Phase)), min_size=1, max_size=8))
def test_any_sequence_of_requested_steps_only_ever_moves_along_the_table(tenants, steps):
    tenant = tenants.a
    trajectory = trajectory_in(Phase.KOPPELING, PersonFactory(municipality=tenant.municipality), tenant.mb_worker)
    for target in steps:
        before = snapshot(trajectory)
        try:
            services.transition(actor=tenant.mb_worker, trajectory=trajectory, to_state=target, reason="r",
                                purpose=PURPOSE)
        except TransitionRefused:
            assert snapshot(trajectory) == before
        else:
            assert target in ALLOWED[before[0]]
            assert snapshot(trajectory)[0] == target
