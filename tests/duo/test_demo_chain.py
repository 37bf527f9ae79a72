"""The simulator as the demo starts it: seeded from Koers's database it holds what DUO would hold, so
reconciliation finds no differences, and on the demo's own dossiers the chain goes round: a change in
a dossier reaches DUO and is accepted, and DUO's events come back and are applied."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.handlers.wsgi import WSGIHandler

from koers.access.models import Municipality
from koers.duo import outbox, processing, reconcile
from koers.duo.models import Notification, OutboxMessage
from koers.duo.seed import seed_from_koers
from koers.duo.simulator import Simulator
from koers.duo.transport import session_for
from koers.inburgering.constants import OntheffingGrond, PipStatus, PlichtStatus, VrijstellingSoort
from koers.inburgering.examens import save_onderdeel
from koers.inburgering.models import (
    Examenresultaat,
    Inburgeringsplicht,
    OnderdeelResultaat,
    Ontheffing,
    PipVersie,
    Urenregistratie,
    Vrijstelling,
)
from koers.lib import clock
from koers.people.constants import EventKind
from koers.synthetic.demo import set_up_demo

from ..inburgering.route_factories import AanbodFactory, CurrentPipFactory, PlichtFactory
from .conftest import DuoWorld

pytestmark = pytest.mark.django_db


def seeded(token: str) -> DuoWorld:
    simulator = Simulator(koers_url="http://testserver/duo/v1/notificaties", token=token,
                          sleep=lambda seconds: None, session=session_for(WSGIHandler()))
    seed_from_koers(simulator)
    return DuoWorld(simulator=simulator, koers=None)


def full_dossier(person) -> None:
    """A dossier with everything DUO knows: decisions from DUO and reports DUO accepted."""
    now = clock.now()
    PlichtFactory(person=person)
    CurrentPipFactory(person=person, sent_to_duo_at=now)
    Examenresultaat.objects.create(person=person, onderdeel="knm", niveau="A2", exam_date=dt.date(2026, 6, 1),
                                   passed=True)
    Vrijstelling.objects.create(person=person, soort=VrijstellingSoort.GEDEELTELIJK, start_date=dt.date(2026, 2, 1),
                                components=["LE B1"], reason="DOC")
    Ontheffing.objects.create(person=person, grond=OntheffingGrond.MEDISCH, volledig=False,
                              decided_on=dt.date(2026, 4, 1))
    OnderdeelResultaat.objects.create(person=person, soort="map", date=dt.date(2026, 10, 1), sent_to_duo_at=now)
    aanbod = AanbodFactory(person=person, sent_to_duo_at=now)
    Urenregistratie.objects.create(person=person, aanbod=aanbod, period_start=dt.date(2026, 9, 1),
                                   period_end=dt.date(2026, 9, 30), hours_offered=Decimal(32),
                                   hours_attended=Decimal("30.5"))


def test_a_simulator_seeded_from_koers_agrees_with_it(tenants, notify_token):
    full_dossier(tenants.a.person)
    world = seeded(notify_token)

    differences = list(reconcile.reconcile(tenants.a.municipality, world.client(tenants.a.municipality.oin)))

    assert differences == []
    duo = world.simulator.persons[tenants.a.person.bsn]
    assert duo.pip["leerroute"] == "B" and duo.aanbod and duo.resultaten["map"].data
    assert duo.uren[tenants.a.municipality.cbs_code] == {"ParticipatieAlsTaalles": {"uren": 30}}


def test_a_simulator_seeded_with_a_limit_knows_only_the_first_persons(tenants):
    PlichtFactory(person=tenants.a.person)
    PlichtFactory(person=tenants.b.person)
    simulator = Simulator()
    assert seed_from_koers(simulator, limit=1) == 1
    assert list(simulator.persons) == [Inburgeringsplicht.objects.order_by("pk").first().person.bsn]


def test_a_simulator_seeded_in_small_lists_knows_what_one_seeded_at_once_knows(tenants, monkeypatch):
    """Seeding from a million dossiers reads them in lists (``koers.lib.sql.in_lists``): one list of
    every person passed the 65,535 parameters a statement takes."""
    from koers.lib import sql

    full_dossier(tenants.a.person)
    for person in (tenants.b.person, tenants.a.other_person, tenants.b.other_person):
        PlichtFactory(person=person)
    at_once = Simulator()
    assert seed_from_koers(at_once) == 4
    monkeypatch.setattr(sql, "IN_LIST_SIZE", 3)
    in_lists = Simulator()
    assert seed_from_koers(in_lists) == 4
    assert in_lists.persons == at_once.persons
    hours = {tenants.a.municipality.cbs_code: {"ParticipatieAlsTaalles": {"uren": 30}}}
    assert in_lists.persons[tenants.a.person.bsn].uren == hours
    assert seed_from_koers(Simulator(), limit=2) == 2


def test_what_duo_never_accepted_is_not_there_and_reconciliation_lists_it(tenants, notify_token):
    full_dossier(tenants.a.person)
    PipVersie.objects.filter(person=tenants.a.person).update(status=PipStatus.VERVANGEN)
    CurrentPipFactory(person=tenants.a.person, number=2, dagtekening=dt.date(2026, 11, 1), leerroute="Z",
                      niveau="A2")
    OnderdeelResultaat.objects.create(person=tenants.a.person, soort="pvt", date=dt.date(2026, 11, 2))
    Inburgeringsplicht.objects.filter(person=tenants.a.person).update(status=PlichtStatus.VOLDAAN,
                                                                      ended_on=dt.date(2026, 11, 20))
    world = seeded(notify_token)
    Inburgeringsplicht.objects.filter(person=tenants.a.person).update(status=PlichtStatus.LOPEND, ended_on=None)

    differences = list(reconcile.reconcile(tenants.a.municipality, world.client(tenants.a.municipality.oin)))

    assert {(d.field, d.koers, d.duo) for d in differences} == {
        ("status", "lopend", "voldaan"),
        ("PIP leerroute", "Z", "B"),
        ("PIP dagtekening", "2026-11-01", "2025-08-15"),
        ("datum ondertekening PVT", "2026-11-02", ""),
    }


def test_on_the_demo_dossiers_the_chain_goes_round(notify_token):
    set_up_demo(40)
    world = seeded(notify_token)
    plicht = (Inburgeringsplicht.objects
              .filter(status=PlichtStatus.LOPEND, termijn_end__gt=clock.today(),
                      person__pip_versies__status=PipStatus.VASTGESTELD,
                      person__pip_versies__sent_to_duo_at__isnull=False)
              .exclude(person__onderdeelresultaten__soort="pvt").select_related("person").first())
    assert plicht is not None
    person = plicht.person
    consultant = person.consultant

    save_onderdeel(actor=consultant, person=person, soort="pvt", day=clock.today() - dt.timedelta(days=1))
    outbox.send_due(client_factory=world.client)

    message = OutboxMessage.objects.get(person=person, message_type="pvt")
    assert message.status == OutboxMessage.Status.ACCEPTED, message.last_error
    assert OnderdeelResultaat.objects.get(person=person, soort="pvt").sent_to_duo_at is not None

    world.simulator.emit(person.bsn, "SS199")
    assert world.simulator.deliver() == 1
    processing.process_due(client_factory=world.client)
    assert Notification.objects.get(bsn=person.bsn).status == Notification.Status.PROCESSED
    assert person.timeline.filter(kind=EventKind.DUO, title__startswith="DUO SS199").exists()
    assert set(world.simulator.municipalities.values()) == set(Municipality.objects.values_list("cbs_code",
                                                                                                   flat=True))
