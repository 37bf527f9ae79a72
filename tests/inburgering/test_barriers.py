"""The register of barriers: what stands in the way, what was done about it and when to follow it up.
A follow-up day puts the barrier on the attention list; solving it takes it off; a health barrier is
health data (a team lead does not get it)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from koers.access.constants import DataCategory
from koers.inburgering import deadlines
from koers.inburgering.constants import BelemmeringSoort, BelemmeringStatus
from koers.inburgering.models import Belemmering, BelemmeringActie
from koers.inburgering.participatie import Change, barriers_of, record_actie, record_belemmering
from koers.people.models import TimelineEvent
from koers.signals.models import Signal, SignalStatus

pytestmark = pytest.mark.django_db
FOLLOW_UP = dt.date(2026, 12, 2)


def childcare(tenant, follow_up_on=FOLLOW_UP) -> Belemmering:
    return record_belemmering(Change(tenant.consultant), tenant.person, soort=BelemmeringSoort.WACHTLIJST_KINDEROPVANG,
                              description="Geen plek voor de jongste; daardoor mist zij de ochtendles.",
                              since=dt.date(2026, 9, 1), follow_up_on=follow_up_on)


def follow_ups(person) -> list[tuple]:
    return [(d.due, d.category) for d in deadlines.compute([person.pk], dt.date(2026, 11, 25))
            if d.kind == deadlines.BARRIER_FOLLOW_UP]


def test_a_barrier_to_follow_up_is_a_deadline_on_that_day(tenants):
    childcare(tenants.a)
    assert follow_ups(tenants.a.person) == [(FOLLOW_UP, DataCategory.EDUCATION_WORK)]


def test_what_was_done_is_kept_and_moves_the_follow_up(tenants):
    barrier = childcare(tenants.a)
    record_actie(Change(tenants.a.mb_worker), barrier, done_on=dt.date(2026, 11, 20),
                 description="Aangemeld bij de gastouder aan de Dorpsstraat", follow_up_on=dt.date(2027, 1, 8))

    barrier.refresh_from_db()
    assert barrier.status == BelemmeringStatus.OPEN
    assert follow_ups(tenants.a.person) == [(dt.date(2027, 1, 8), DataCategory.EDUCATION_WORK)]
    action = BelemmeringActie.objects.get(belemmering=barrier)
    assert (action.done_by, action.description) == (tenants.a.mb_worker, "Aangemeld bij de gastouder aan de Dorpsstraat")


def test_solving_a_barrier_takes_it_off_the_attention_list_at_once(tenants, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        barrier = childcare(tenants.a)
    assert Signal.objects.get(kind=deadlines.BARRIER_FOLLOW_UP).status == SignalStatus.OPEN

    with django_capture_on_commit_callbacks(execute=True):
        record_actie(Change(tenants.a.consultant), barrier, done_on=dt.date(2026, 11, 25),
                     description="Plek bij de kinderopvang vanaf december", solved=True)

    barrier.refresh_from_db()
    assert (barrier.status, barrier.solved_on, barrier.follow_up_on) == (
        BelemmeringStatus.OPGELOST, dt.date(2026, 11, 25), None
    )
    assert Signal.objects.get(kind=deadlines.BARRIER_FOLLOW_UP).status == SignalStatus.LAPSED
    assert TimelineEvent.objects.filter(person=tenants.a.person, title="Belemmering opgelost: Wachtlijst kinderopvang")


def test_a_solved_barrier_takes_no_more_actions(tenants):
    barrier = childcare(tenants.a)
    record_actie(Change(tenants.a.consultant), barrier, done_on=dt.date(2026, 11, 25), description="Geregeld",
                 solved=True)

    with pytest.raises(ValidationError, match="al opgelost"):
        record_actie(Change(tenants.a.consultant), barrier, done_on=dt.date(2026, 11, 25), description="Nog eens")
    assert BelemmeringActie.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        pytest.param({"done_on": dt.date(2026, 11, 26)}, "done_on", id="an action in the future"),
        pytest.param({"done_on": dt.date(2026, 8, 31)}, "done_on", id="an action before the barrier began"),
        pytest.param({"follow_up_on": dt.date(2026, 11, 24)}, "follow_up_on", id="a follow-up in the past"),
        pytest.param({"description": "  "}, "description", id="nothing said about what was done"),
    ],
)
def test_an_impossible_action_is_refused_and_nothing_changes(tenants, changes, field):
    barrier = childcare(tenants.a)
    values = {"done_on": dt.date(2026, 11, 20), "description": "Gebeld", "follow_up_on": None, **changes}

    with pytest.raises(ValidationError) as refused:
        record_actie(Change(tenants.a.consultant), barrier, **values)

    assert field in refused.value.message_dict
    barrier.refresh_from_db()
    assert barrier.follow_up_on == FOLLOW_UP and not BelemmeringActie.objects.exists()


def test_a_barrier_cannot_start_in_the_future_or_be_followed_up_in_the_past(tenants):
    change = Change(tenants.a.consultant)
    with pytest.raises(ValidationError):
        record_belemmering(change, tenants.a.person, soort=BelemmeringSoort.VERVOER, description="Geen fiets",
                           since=dt.date(2026, 12, 1))
    with pytest.raises(ValidationError):
        record_belemmering(change, tenants.a.person, soort=BelemmeringSoort.VERVOER, description="Geen fiets",
                           since=dt.date(2026, 11, 1), follow_up_on=dt.date(2026, 11, 1))
    assert not Belemmering.objects.exists()


def test_a_health_barrier_is_health_data(tenants):
    record_belemmering(Change(tenants.a.consultant), tenants.a.person, soort=BelemmeringSoort.GEZONDHEID,
                       description="Rugklachten; lang zitten lukt niet", since=dt.date(2026, 10, 1),
                       follow_up_on=FOLLOW_UP)

    assert follow_ups(tenants.a.person) == [(FOLLOW_UP, DataCategory.HEALTH)]
    event = TimelineEvent.objects.get(person=tenants.a.person, data__has_key="belemmering")
    assert event.category == DataCategory.HEALTH
    assert barriers_of(tenants.a.person, frozenset({DataCategory.EDUCATION_WORK})) == []
    assert len(barriers_of(tenants.a.person, frozenset({DataCategory.HEALTH}))) == 1
