from __future__ import annotations

import pytest
from django.db import transaction

from koers.duo import outbox
from koers.duo.models import OutboxMessage
from koers.duo.simulator import DUO_OIN
from koers.people.constants import EventKind

pytestmark = pytest.mark.django_db

PIP = {"dagtekeningPip": "2026-11-20", "leerroute": "B"}


def send(world) -> int:
    return outbox.send_due(client_factory=world.client)


def test_a_message_is_stored_in_the_callers_transaction_and_goes_when_it_commits(duo_world):
    person = duo_world.koers.a.person
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.enqueue(person, "pip", PIP, duo_world.koers.a.consultant)
        raise RuntimeError("the dossier change failed")
    assert not OutboxMessage.objects.exists()

    message = outbox.enqueue(person, "pip", PIP, duo_world.koers.a.consultant)
    assert message.status == OutboxMessage.Status.WAITING


def test_an_accepted_message_is_registered_at_duo_and_on_the_timeline(duo_world):
    person = duo_world.koers.a.person
    sim_person = duo_world.add(person)
    message = outbox.enqueue(person, "pip", PIP, duo_world.koers.a.consultant)

    assert send(duo_world) == 1

    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.ACCEPTED, 1)
    assert sim_person.pip["leerroute"] == "B" and sim_person.pip["niveau"] == "B1"
    assert person.timeline.filter(kind=EventKind.DUO, title__startswith="DUO heeft het bericht geaccepteerd").exists()


def test_a_refusal_keeps_duos_fouttekst_in_dutch(duo_world):
    person = duo_world.koers.a.person
    duo_world.add(person)
    message = outbox.enqueue(person, "pip", {"dagtekeningPip": "2026-01-05", "leerroute": "B"})

    send(duo_world)

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.REFUSED
    assert message.fouten == [
        "De dagtekening van het PIP (5 januari 2026) ligt vóór de start van de inburgeringsplicht (2 maart 2026).",
        "De dagtekening van het PIP (5 januari 2026) ligt vóór de vestiging in de gemeente (2 maart 2026).",
    ]
    assert "DUO weigerde het bericht (status 403)" in message.last_error


def test_it_retries_on_503_and_fails_after_the_last_attempt(duo_world, settings):
    settings.KOERS_DUO_MAX_ATTEMPTS = 2
    person = duo_world.koers.a.person
    duo_world.add(person)
    duo_world.simulator.faults.unavailable_rate = 1.0
    message = outbox.enqueue(person, "pip", PIP)

    send(duo_world)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.WAITING, 1)
    send(duo_world)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (OutboxMessage.Status.FAILED, 2)
    assert person.timeline.filter(title__startswith="Bericht aan DUO mislukt na 2 pogingen").exists()


def test_a_message_sent_twice_is_registered_once_under_its_bericht_id(duo_world):
    person = duo_world.koers.a.person
    duo_world.add(person)
    message = outbox.enqueue(person, "pip", PIP)
    client = duo_world.client(person.municipality.oin)
    first = client.call("postPipByBsn", bsn=person.bsn, body=PIP, bericht_id=str(message.bericht_id))
    again = client.call("postPipByBsn", bsn=person.bsn, body=PIP, bericht_id=str(message.bericht_id))
    assert first.status == again.status == 201
    assert len(duo_world.simulator.answers) == 1


def test_a_refused_message_can_be_resent_as_a_new_message(duo_world):
    person = duo_world.koers.a.person
    duo_world.add(person)
    message = outbox.enqueue(person, "map", {"datumEindgesprekMap": "2026-11-20"})
    send(duo_world)
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.REFUSED

    again = outbox.resend(message, duo_world.koers.a.consultant)

    assert again.pk != message.pk and again.bericht_id != message.bericht_id
    assert again.status == OutboxMessage.Status.WAITING


def test_only_a_waiting_message_can_be_cancelled(duo_world):
    person = duo_world.koers.a.person
    duo_world.add(person)
    waiting = outbox.enqueue(person, "pip", PIP)
    outbox.cancel(waiting, duo_world.koers.a.consultant)
    waiting.refresh_from_db()
    assert waiting.status == OutboxMessage.Status.CANCELLED
    assert send(duo_world) == 0
    with pytest.raises(outbox.OutboxRefused):
        outbox.cancel(waiting, duo_world.koers.a.consultant)
    with pytest.raises(outbox.OutboxRefused):
        outbox.resend(outbox.enqueue(person, "pip", PIP), duo_world.koers.a.consultant)


def test_a_message_that_breaks_the_spec_is_refused_before_it_is_stored(duo_world):
    person = duo_world.koers.a.person
    with pytest.raises(outbox.OutboxRefused, match="voldoet niet aan de specificatie"):
        outbox.enqueue(person, "pip", {"leerroute": "X"})
    with pytest.raises(outbox.OutboxRefused, match="Onbekende soort"):
        outbox.enqueue(person, "brief", {})
    with pytest.raises(outbox.OutboxRefused, match="mist"):
        outbox.enqueue(person, "inburgeringsaanbod", {"indicatorAlfabetiseringsonderwijs": "NVT"})
    assert not OutboxMessage.objects.exists()


def test_messages_of_another_municipality_go_out_under_its_own_oin(duo_world):
    person_b = duo_world.koers.b.person
    duo_world.add(person_b)
    outbox.enqueue(person_b, "pip", PIP)
    send(duo_world)
    assert duo_world.simulator.persons[person_b.bsn].pip_gemeentecode == duo_world.koers.b.municipality.cbs_code
    assert DUO_OIN not in duo_world.simulator.municipalities
