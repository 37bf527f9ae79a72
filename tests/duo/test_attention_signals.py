from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from koers.duo import processing
from koers.duo.deadlines import KIND
from koers.lib import clock
from koers.lib.deadlines import deadlines_for

pytestmark = pytest.mark.django_db


def duo_deadlines(person_ids=None):
    return [d for d in deadlines_for(person_ids, clock.today()) if d.kind == KIND]


def test_an_attention_signal_is_a_deadline_until_someone_handles_it(duo_world, client):
    person = duo_world.koers.a.person
    duo_world.add(person)
    duo_world.simulator.emit(person.bsn, "SS127")
    duo_world.simulator.emit(person.bsn, "SS199")
    duo_world.simulator.deliver()
    processing.process_due(client_factory=duo_world.client)

    [deadline] = duo_deadlines([person.pk])
    assert deadline.due == dt.date(2026, 12, 9)
    assert deadline.detail == "SS127: Nog geen inburgeringsaanbod ontvangen"
    assert deadline.category == "duo"

    notification = person.duo_notifications.get(event_code="SS127")
    client.force_login(duo_world.koers.a.consultant)
    client.post(reverse("duo:handled", args=[person.pk, notification.pk]))
    assert duo_deadlines([person.pk]) == []


def test_the_signal_that_ten_weeks_passed_without_leerroute_is_due_at_once(duo_world):
    person = duo_world.koers.a.person
    duo_world.add(person)
    duo_world.simulator.emit(person.bsn, "SS126")
    duo_world.simulator.deliver()
    processing.process_due(client_factory=duo_world.client)
    assert [d.due for d in duo_deadlines()] == [dt.date(2026, 11, 25)]
