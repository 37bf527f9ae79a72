"""Every message Koers reports to DUO is put on the outbox by the dossier change that causes it, in the
same transaction: the change and its message are stored together or not at all. Once DUO accepts the
message, the reported record says it went to DUO."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import models, transaction

from koers.audit.models import Channel
from koers.duo import outbox
from koers.duo.models import ContactpersoonLink, OutboxMessage
from koers.inburgering import participatie
from koers.inburgering.aanbod import save_aanbod
from koers.inburgering.constants import Leerroute, ParticipatieSoort
from koers.inburgering.examens import save_onderdeel
from koers.inburgering.models import (
    Inburgeringsaanbod,
    OnderdeelResultaat,
    Participatie,
    PipVersie,
    Urenregistratie,
)
from koers.inburgering.pip import decide, save_concept
from koers.inburgering.uren import HoursReport, report_hours

from ..inburgering.factories import InburgeringsplichtFactory
from ..inburgering.route_factories import AanbodFactory, CurrentPipFactory, InstellingFactory, PlichtFactory
from .factories import ContactpersoonSettingsFactory

pytestmark = pytest.mark.django_db

PURPOSE = "Test"


def decide_pip(tenant) -> models.Model:
    concept = save_concept(actor=tenant.consultant, person=tenant.person, purpose=PURPOSE,
                           data={"leerroute": Leerroute.B1_ROUTE, "niveau": "", "geschatte_intensiteit": 600})
    return decide(actor=tenant.consultant, pip=concept, dagtekening=dt.date(2026, 10, 1), purpose=PURPOSE)


def offer(tenant) -> models.Model:
    return save_aanbod(actor=tenant.consultant, person=tenant.person, instelling=InstellingFactory(),
                       datum_inburgeringsaanbod=dt.date(2025, 9, 1), verwachte_startdatum=dt.date(2025, 9, 8),
                       verwachte_einddatum=dt.date(2027, 9, 8))


def result(soort: str, day: dt.date) -> Callable:
    def change(tenant) -> models.Model:
        return save_onderdeel(actor=tenant.consultant, person=tenant.person, soort=soort, day=day)
    return change


def hours(tenant) -> None:
    aanbod = Inburgeringsaanbod.objects.get(person=tenant.person)
    report_hours(actor=tenant.provider, person=tenant.person, aanbod=aanbod, channel=Channel.UI,
                 report=HoursReport(dt.date(2026, 10, 1), dt.date(2026, 10, 31), Decimal(32), Decimal("30.5")))


def consultant_change(tenant) -> None:
    tenant.person.consultant = tenant.team_lead
    tenant.person.save()


def participation(tenant) -> None:
    participatie.record_participatie(
        participatie.Change(tenant.consultant), tenant.person, soort=ParticipatieSoort.VRIJWILLIGERSWERK,
        period_start=dt.date(2026, 10, 1), period_end=dt.date(2026, 10, 31), hours=Decimal("24.5"),
        description="Taalcafé in de bibliotheek",
    )


def duty_only(tenant) -> None:
    InburgeringsplichtFactory(person=tenant.person)


def route(leerroute: str = Leerroute.B1_ROUTE) -> Callable:
    def prepare(tenant) -> None:
        CurrentPipFactory(person=tenant.person, leerroute=leerroute, niveau="A2" if leerroute == "Z" else "")
        PlichtFactory(person=tenant.person)
    return prepare


def with_offer(tenant) -> None:
    route()(tenant)
    AanbodFactory(person=tenant.person, instelling__organisation=tenant.school)


def passing_contactpersonen(tenant) -> None:
    duty_only(tenant)
    ContactpersoonSettingsFactory(municipality=tenant.municipality)
    tenant.team_lead.email = "teamleider@example.org"
    tenant.team_lead.save(update_fields=["email"])


@dataclass(frozen=True)
class DossierChange:
    message_type: str
    prepare: Callable
    change: Callable
    stored: type[models.Model]
    """The record the change stores (or replaces), to show that it is rolled back with its message."""


CHANGES = {
    "pip": DossierChange("pip", duty_only, decide_pip, PipVersie),
    "inburgeringsaanbod": DossierChange("inburgeringsaanbod", route(), offer, Inburgeringsaanbod),
    "map": DossierChange("map", route(), result("map", dt.date(2026, 11, 2)), OnderdeelResultaat),
    "pvt": DossierChange("pvt", route(), result("pvt", dt.date(2026, 11, 2)), OnderdeelResultaat),
    "zroute": DossierChange("zroute", route(Leerroute.Z_ROUTE), result("zroute", dt.date(2026, 11, 20)),
                            OnderdeelResultaat),
    "uren_participatie_als_taalles": DossierChange("uren_participatie_als_taalles", with_offer, hours,
                                                   Urenregistratie),
    "contactpersoon_koppelen": DossierChange("contactpersoon_koppelen", passing_contactpersonen,
                                             consultant_change, ContactpersoonLink),
    "uren_participatieactiviteiten": DossierChange("uren_participatieactiviteiten", route(Leerroute.Z_ROUTE),
                                                   participation, Participatie),
}


class DossierChangeFailed(Exception):
    pass


@pytest.mark.parametrize("name", CHANGES)
def test_the_dossier_change_puts_its_message_on_the_outbox(tenants, name):
    scenario = CHANGES[name]
    scenario.prepare(tenants.a)
    before = set(OutboxMessage.objects.values_list("pk", flat=True))

    reported = scenario.change(tenants.a)

    [message] = OutboxMessage.objects.exclude(pk__in=before).filter(message_type=scenario.message_type)
    assert (message.person, message.status) == (tenants.a.person, OutboxMessage.Status.WAITING)
    if isinstance(reported, models.Model):
        assert message.subject == reported


@pytest.mark.parametrize("name", CHANGES)
def test_a_dossier_change_that_fails_takes_its_message_with_it(tenants, name):
    scenario = CHANGES[name]
    scenario.prepare(tenants.a)
    messages, records = OutboxMessage.objects.count(), scenario.stored.objects.count()
    person = type(tenants.a.person).objects.get(pk=tenants.a.person.pk)

    with pytest.raises(DossierChangeFailed), transaction.atomic():
        scenario.change(tenants.a)
        raise DossierChangeFailed

    assert OutboxMessage.objects.count() == messages
    assert scenario.stored.objects.count() == records
    tenants.a.person.refresh_from_db()
    assert tenants.a.person.consultant_id == person.consultant_id


def test_participation_is_sent_only_for_an_asylum_migrant_on_the_z_route(tenants):
    route(Leerroute.B1_ROUTE)(tenants.a)
    participation(tenants.a)
    assert Participatie.objects.filter(person=tenants.a.person).exists()
    assert not OutboxMessage.objects.filter(message_type="uren_participatieactiviteiten").exists()


def test_participation_hours_duo_would_refuse_store_nothing(tenants):
    route(Leerroute.Z_ROUTE)(tenants.a)
    Participatie.objects.bulk_create([
        Participatie(person=tenants.a.person, soort=ParticipatieSoort.WERK, period_start=dt.date(2025, 1, 1),
                     period_end=dt.date(2025, 3, 31), hours=Decimal(999), description="Werk")
        for _ in range(10)
    ])

    with pytest.raises(ValidationError) as refused:
        participation(tenants.a)

    assert "voldoet niet aan de specificatie" in str(refused.value)
    assert Participatie.objects.filter(person=tenants.a.person).count() == 10
    assert not OutboxMessage.objects.filter(message_type="uren_participatieactiviteiten").exists()


def test_a_new_total_of_participation_hours_replaces_the_one_still_waiting(tenants):
    route(Leerroute.Z_ROUTE)(tenants.a)
    participation(tenants.a)
    participation(tenants.a)
    totals = OutboxMessage.objects.filter(message_type="uren_participatieactiviteiten").order_by("id")
    assert [(m.payload, m.status) for m in totals] == [
        ({"uren": 24}, OutboxMessage.Status.CANCELLED),
        ({"uren": 49}, OutboxMessage.Status.WAITING),
    ]


def test_an_accepted_pip_is_marked_as_sent_to_duo(duo_world):
    tenant = duo_world.koers.a
    duo_world.add(tenant.person)
    duty_only(tenant)
    pip = decide_pip(tenant)
    assert pip.sent_to_duo_at is None

    outbox.send_due(client_factory=duo_world.client)

    pip.refresh_from_db()
    assert pip.sent_to_duo_at is not None
    assert duo_world.simulator.persons[tenant.person.bsn].pip["dagtekeningPip"] == "2026-10-01"


def test_a_record_is_marked_sent_only_when_its_newest_message_is_accepted(duo_world):
    tenant = duo_world.koers.a
    route()(tenant)
    duo_world.add(tenant.person, pip={"dagtekeningPip": "2025-08-15", "leerroute": "B", "niveau": "B1"},
                  pip_gemeentecode=tenant.municipality.cbs_code,
                  termijn={"startdatum": "2025-08-15", "einddatum": "2028-08-15"})
    first = result("map", dt.date(2026, 11, 2))(tenant)
    result("map", dt.date(2026, 11, 3))(tenant)

    outbox.send_due(limit=1, client_factory=duo_world.client)
    first.refresh_from_db()
    assert first.sent_to_duo_at is None

    outbox.send_due(client_factory=duo_world.client)
    first.refresh_from_db()
    assert first.sent_to_duo_at is not None
    assert duo_world.simulator.persons[tenant.person.bsn].resultaten["map"].data == {
        "datumEindgesprekMap": "2026-11-03"}


def test_a_refused_message_leaves_the_record_unsent_and_its_resend_still_reports_it(duo_world):
    tenant = duo_world.koers.a
    route()(tenant)
    duo_world.add(tenant.person)
    resultaat = result("pvt", dt.date(2026, 11, 2))(tenant)

    outbox.send_due(client_factory=duo_world.client)

    resultaat.refresh_from_db()
    assert resultaat.sent_to_duo_at is None
    refused = OutboxMessage.objects.get(subject_id=resultaat.pk)
    assert refused.status == OutboxMessage.Status.REFUSED
    assert outbox.resend(refused, tenant.consultant).subject == resultaat
