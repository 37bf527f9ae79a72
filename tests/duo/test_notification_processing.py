from __future__ import annotations

import datetime as dt

import pytest

from koers.duo import processing
from koers.duo.models import Notification
from koers.inburgering.constants import PlichtStatus, VerlengingSoort
from koers.inburgering.models import Examenresultaat, Inburgeringsplicht, Termijnverlenging, Vrijstelling
from koers.people.constants import EventKind, EventSource, TargetGroup

pytestmark = pytest.mark.django_db


def run(world) -> int:
    world.simulator.deliver()
    return processing.process_due(client_factory=world.client)


def test_a_new_duty_creates_the_inburgeringsplicht_from_duos_answer(duo_world):
    person = duo_world.koers.a.person
    duo_world.add(person)
    duo_world.simulator.emit(person.bsn, "SS139")

    assert run(duo_world) == 1

    plicht = Inburgeringsplicht.objects.get(person=person)
    assert plicht.start_date == dt.date(2026, 3, 2)
    assert plicht.leerroute_term_start == dt.date(2026, 11, 25)
    assert plicht.status == PlichtStatus.LOPEND
    event = person.timeline.get(kind=EventKind.DUO)
    assert event.source == EventSource.DUO
    assert event.title.startswith("DUO SS139")
    assert Notification.objects.get().status == Notification.Status.PROCESSED


def test_a_started_term_and_its_extension_land_in_the_records(duo_world):
    person = duo_world.koers.a.person
    duo_world.add(person)
    for code in ("SS101", "SS102", "SS103"):
        duo_world.simulator.emit(person.bsn, code)
    run(duo_world)

    plicht = Inburgeringsplicht.objects.get(person=person)
    assert (plicht.termijn_start, plicht.termijn_end) == (dt.date(2026, 11, 25), dt.date(2030, 11, 25))
    verlenging = Termijnverlenging.objects.get(person=person)
    assert (verlenging.soort, verlenging.new_end) == (VerlengingSoort.AMBTSHALVE, dt.date(2030, 11, 25))


def test_a_diploma_ends_the_duty_as_voldaan_and_records_the_exam(duo_world):
    person = duo_world.koers.a.person
    duo_world.add(person)
    duo_world.simulator.emit(person.bsn, "SS101")
    duo_world.simulator.emit(person.bsn, "SS199")
    duo_world.simulator.emit(person.bsn, "SS106")
    run(duo_world)

    plicht = Inburgeringsplicht.objects.get(person=person)
    assert plicht.status == PlichtStatus.VOLDAAN
    assert plicht.ended_on == dt.date(2026, 11, 25)
    assert Examenresultaat.objects.filter(person=person, passed=True).count() == 1


def test_a_target_group_change_changes_the_persons_target_group(duo_world):
    person = duo_world.koers.a.person
    duo_world.add(person)
    duo_world.simulator.emit(person.bsn, "SS101")
    duo_world.simulator.emit(person.bsn, "SS124")
    run(duo_world)

    person.refresh_from_db()
    assert person.target_group == TargetGroup.OVERIG
    assert Inburgeringsplicht.objects.get(person=person).doelgroep == "Gezinsmigrant en overige migrant"


def test_a_temporary_exemption_is_recorded_and_asks_for_attention(duo_world):
    person = duo_world.koers.a.person
    duo_world.add(person)
    duo_world.simulator.emit(person.bsn, "SS109")
    run(duo_world)

    vrijstelling = Vrijstelling.objects.get(person=person)
    assert (vrijstelling.soort, vrijstelling.start_date, vrijstelling.end_date) == (
        "tijdelijk", dt.date(2026, 11, 25), dt.date(2027, 11, 25))


def test_a_move_out_of_the_municipality_keeps_the_dossier_and_is_on_the_timeline(duo_world):
    person = duo_world.koers.a.person
    duo_world.add(person)
    duo_world.simulator.emit(person.bsn, "SS122")
    run(duo_world)
    assert person.timeline.get(kind=EventKind.DUO).title == "DUO SS122: Vertrokken naar een andere gemeente"


def test_a_notification_for_another_municipalitys_person_touches_nothing(duo_world):
    person_b = duo_world.koers.b.person
    duo_world.add(person_b)
    outgoing = duo_world.simulator.emit(person_b.bsn, "SS101")
    outgoing.recipient_oin = duo_world.koers.a.municipality.oin
    run(duo_world)

    assert Notification.objects.get().status == Notification.Status.UNMATCHED
    assert not Inburgeringsplicht.objects.exists()
    assert not person_b.timeline.filter(kind=EventKind.DUO).exists()


def test_an_unknown_code_is_kept_and_shown_as_unknown(duo_world):
    person = duo_world.koers.a.person
    duo_world.add(person)
    duo_world.simulator.emit(person.bsn, "SS999")
    run(duo_world)
    assert person.timeline.get(kind=EventKind.DUO).title == "DUO SS999: Onbekende gebeurtenis van DUO"


def test_a_failed_fetch_is_retried_and_then_given_up(duo_world, settings):
    settings.KOERS_DUO_MAX_ATTEMPTS = 3
    person = duo_world.koers.a.person
    duo_world.add(person)
    duo_world.simulator.emit(person.bsn, "SS101")
    duo_world.simulator.faults.unavailable_rate = 1.0

    for _round in range(5):
        run(duo_world)

    notification = Notification.objects.get()
    assert (notification.status, notification.attempts) == (Notification.Status.FAILED, 3)
    assert "503" in notification.last_error
    assert not Inburgeringsplicht.objects.exists()


def test_a_notification_given_up_on_shows_in_the_dossier_and_can_be_processed_again(duo_world, settings, client):
    from django.urls import reverse

    from koers.duo.deadlines import KIND
    from koers.lib import clock
    from koers.lib.deadlines import deadlines_for

    settings.KOERS_DUO_MAX_ATTEMPTS = 1
    person = duo_world.koers.a.person
    duo_world.add(person)
    duo_world.simulator.emit(person.bsn, "SS101")
    duo_world.simulator.faults.unavailable_rate = 1.0
    run(duo_world)
    notification = Notification.objects.get()
    assert (notification.status, notification.person) == (Notification.Status.FAILED, person)
    [deadline] = [d for d in deadlines_for([person.pk], clock.today()) if d.kind == KIND]
    assert deadline.detail.endswith("(verwerking mislukt)")

    client.force_login(duo_world.koers.a.consultant)
    page = client.get(reverse("duo:dossier", args=[person.pk])).content.decode()
    assert "Mislukt" in page and "Opnieuw verwerken" in page
    duo_world.simulator.faults.unavailable_rate = 0.0
    assert client.post(reverse("duo:retry", args=[person.pk, notification.pk])).status_code == 302
    run(duo_world)

    notification.refresh_from_db()
    assert notification.status == Notification.Status.PROCESSED
    assert Inburgeringsplicht.objects.filter(person=person).exists()
    assert [d for d in deadlines_for([person.pk], clock.today()) if d.kind == KIND] == []


def test_another_municipality_cannot_have_a_notification_processed_again(duo_world, client):
    from django.urls import reverse

    person = duo_world.koers.a.person
    duo_world.add(person)
    duo_world.simulator.emit(person.bsn, "SS101")
    duo_world.simulator.deliver()
    Notification.objects.update(status=Notification.Status.FAILED, person=person)
    client.force_login(duo_world.koers.b.consultant)

    assert client.post(reverse("duo:retry", args=[person.pk, Notification.objects.get().pk])).status_code == 404
    assert Notification.objects.get().status == Notification.Status.FAILED
