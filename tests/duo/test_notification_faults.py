"""10,000 notifications, 5% of them twice, in shuffled order, with DUO failing 10% of the fetches:
every event is applied exactly once and none is lost."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter

import pytest

from koers.duo import inbox, processing
from koers.duo.models import Notification
from koers.lib import clock
from koers.people.constants import EventKind
from koers.people.models import TimelineEvent
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

EVENTS = int(__import__("os").environ.get("DUO_FAULT_EVENTS", "10000"))
CODES = ["SS199", "SS102", "SS137", "SS126", "SS131", "SS112", "SS127", "SS142"]


def test_every_event_is_applied_exactly_once_despite_duplicates_disorder_and_failures(duo_world):
    simulator = duo_world.simulator
    # Contract tests check every message against DUO's specification; here the worker's bookkeeping is
    # under test, so both sides skip that (slow) check.
    duo_world.validate = simulator.validate = False
    municipality = duo_world.koers.a.municipality
    persons = [PersonFactory(municipality=municipality, household=None) for _ in range(200)]
    for person in persons:
        duo_world.add(person)
    simulator.faults.duplicate_rate = 0.05
    simulator.faults.hold_back = EVENTS * 2
    start = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    for number in range(EVENTS):
        simulator.emit(persons[number % len(persons)].bsn, CODES[number % len(CODES)],
                       at=start + dt.timedelta(seconds=number))
    simulator.flush()
    sent = simulator.outgoing
    assert len(sent) > EVENTS * 1.04
    for outgoing in sent:
        inbox.receive(message_id=uuid.UUID(outgoing.message_id), sender_oin=simulator_oin(),
                      recipient_oin=outgoing.recipient_oin, payload=outgoing.payload)

    simulator.faults.error_rate = 0.10
    rounds = 0
    moment = clock.now()
    while Notification.objects.filter(status=Notification.Status.RECEIVED).exists():
        rounds += 1
        moment += dt.timedelta(minutes=1)
        with clock.frozen(moment):
            processing.process_due(limit=EVENTS * 2, client_factory=duo_world.client)
        assert rounds < 20

    statuses = Counter(Notification.objects.values_list("status", flat=True))
    assert statuses[Notification.Status.PROCESSED] == EVENTS
    assert statuses[Notification.Status.FAILED] == 0
    twice = len(sent) - EVENTS
    assert 0.04 * EVENTS < twice < 0.06 * EVENTS
    stored_twice = sum(statuses.values()) - EVENTS
    assert statuses[Notification.Status.DUPLICATE] == stored_twice
    assert 0 < stored_twice < twice
    assert 0.09 < simulator.faults_injected / simulator.requests_served < 0.11
    applied = Counter(
        TimelineEvent.objects.filter(kind=EventKind.DUO).values_list("data__event_key", flat=True)
    )
    assert len(applied) == EVENTS
    assert set(applied.values()) == {1}
    assert simulator.faults_injected > 0
    retried = Notification.objects.filter(attempts__gt=1).count()
    assert retried > 0
    print(f"\n{len(sent)} notifications ({twice} twice, {stored_twice} of them under a new berichtId), "
          f"{simulator.faults_injected} of {simulator.requests_served} fetches failed, {retried} retried, "
          f"{rounds} rounds")


def simulator_oin() -> str:
    from koers.duo.simulator import DUO_OIN

    return DUO_OIN
