"""Hours followed, to DUO: each report or correction puts the person's new total of whole hours on
the outbox in the same transaction (GevolgdeUren, ``PUT .../uren/participatietaalles``); a newer
total replaces one still waiting; DUO ends up with the corrected figure."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from koers.audit.models import Channel
from koers.duo import outbox
from koers.duo.models import OutboxMessage
from koers.duo.uren import MESSAGE_TYPE
from koers.inburgering.uren import HoursReport, report_hours

from ..inburgering.route_factories import AanbodFactory, PlichtFactory

pytestmark = pytest.mark.django_db

SEPTEMBER = (dt.date(2026, 9, 1), dt.date(2026, 9, 30))
OCTOBER = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))


@pytest.fixture
def aanbod(tenants):
    PlichtFactory(person=tenants.a.person)
    return AanbodFactory(person=tenants.a.person, instelling__organisation=tenants.a.school)


def report(tenants, aanbod, period, attended: str, offered: str = "32"):
    return report_hours(actor=tenants.a.provider, person=tenants.a.person, aanbod=aanbod,
                        report=HoursReport(*period, Decimal(offered), Decimal(attended)), channel=Channel.UI)


def hours_messages(person):
    return OutboxMessage.objects.filter(person=person, message_type=MESSAGE_TYPE).order_by("id")


def test_a_report_queues_the_persons_total_of_whole_hours(tenants, aanbod):
    report(tenants, aanbod, SEPTEMBER, "30.5")
    report(tenants, aanbod, OCTOBER, "20")

    waiting = hours_messages(tenants.a.person).get(status=OutboxMessage.Status.WAITING)
    assert waiting.payload == {"uren": 50}
    assert waiting.operation_id == "updateUrenParticipatieAlsTaallesByBsn"


def test_a_newer_total_replaces_the_one_still_waiting(tenants, aanbod):
    report(tenants, aanbod, SEPTEMBER, "30")
    report(tenants, aanbod, OCTOBER, "20")

    assert [(m.payload, m.status) for m in hours_messages(tenants.a.person)] == [
        ({"uren": 30}, OutboxMessage.Status.CANCELLED),
        ({"uren": 50}, OutboxMessage.Status.WAITING),
    ]


def test_a_correction_of_a_sent_period_sends_the_corrected_total(tenants, aanbod, duo_world):
    sim_person = duo_world.add(tenants.a.person)
    report(tenants, aanbod, SEPTEMBER, "30")
    outbox.send_due(client_factory=duo_world.client)
    assert sim_person.uren[tenants.a.municipality.cbs_code]["ParticipatieAlsTaalles"] == {"uren": 30}

    report(tenants, aanbod, SEPTEMBER, "24")
    outbox.send_due(client_factory=duo_world.client)

    assert [(m.payload, m.status) for m in hours_messages(tenants.a.person)] == [
        ({"uren": 30}, OutboxMessage.Status.ACCEPTED),
        ({"uren": 24}, OutboxMessage.Status.ACCEPTED),
    ]
    assert sim_person.uren[tenants.a.municipality.cbs_code]["ParticipatieAlsTaalles"] == {"uren": 24}


def test_the_hours_go_to_duo_under_the_persons_own_municipality(tenants, aanbod, duo_world):
    sim_person = duo_world.add(tenants.a.person)
    report(tenants, aanbod, SEPTEMBER, "12")

    outbox.send_due(client_factory=duo_world.client)

    assert list(sim_person.uren) == [tenants.a.municipality.cbs_code]
    assert hours_messages(tenants.a.person).get().status == OutboxMessage.Status.ACCEPTED


def test_refused_figures_store_nothing_and_queue_nothing(tenants, aanbod):
    with pytest.raises(ValidationError):
        report(tenants, aanbod, SEPTEMBER, "40", offered="32")

    assert not hours_messages(tenants.a.person).exists()


def test_hours_of_a_person_duo_does_not_know_are_not_sent(tenants):
    aanbod = AanbodFactory(person=tenants.a.person, instelling__organisation=tenants.a.school)

    report(tenants, aanbod, SEPTEMBER, "12")

    assert not hours_messages(tenants.a.person).exists()


def test_an_upload_queues_one_total_per_person(tenants, aanbod):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ..inburgering.screens import logged_in

    pk = tenants.a.person.pk
    content = "\n".join([
        "persoon;periode_vanaf;periode_tot_en_met;uren_aangeboden;uren_gevolgd;uren_geoorloofd_afwezig;toelichting",
        f"{pk};01-09-2026;30-09-2026;32;30;0;", f"{pk};01-10-2026;31-10-2026;32;20,5;4;Ziek",
    ]).encode()
    response = logged_in(tenants.a.provider).post("/uren/", {"file": SimpleUploadedFile("uren.csv", content, "text/csv")})

    assert response.status_code == 302
    assert [m.payload for m in hours_messages(tenants.a.person)] == [{"uren": 50}]
