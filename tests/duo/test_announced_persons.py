"""DUO announces inburgeringsplichtigen (new duty, moved in) before Koers has their dossier: they wait
on the municipality's list 'Aangemeld door DUO', and what DUO said is applied as soon as the dossier is
registered, or transferred to the municipality after a move. Another municipality sees none of it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from koers.access.consent import transfer_person
from koers.audit.models import Action, AuditEntry
from koers.duo import announced, processing
from koers.duo.models import Notification
from koers.inburgering.models import Inburgeringsplicht
from koers.lib.navigation import menu_for
from koers.people.constants import EventKind
from tests.factories import PersonFactory

from .factories import SimPersonFactory

pytestmark = pytest.mark.django_db

NEW_BSN = "999990020"


def run(world) -> int:
    world.simulator.deliver()
    return processing.process_due(client_factory=world.client)


def announce(world, code: str, municipality, bsn: str = NEW_BSN) -> None:
    if bsn not in world.simulator.persons:
        world.simulator.add_person(SimPersonFactory(bsn=bsn, gemeentecode=municipality.cbs_code))
    world.simulator.persons[bsn].gemeentecode = municipality.cbs_code
    world.simulator.emit(bsn, code)
    run(world)


def test_a_new_inburgeringsplichtige_without_a_dossier_waits_on_the_municipalitys_list(duo_world):
    tenant = duo_world.koers.a
    announce(duo_world, "SS139", tenant.municipality)

    assert Notification.objects.get().status == Notification.Status.UNMATCHED
    [row] = announced.announcements([tenant.municipality.pk])
    assert (row.bsn, row.municipality, [e.code for e in row.events]) == (NEW_BSN, tenant.municipality, ["SS139"])
    assert announced.announcements([duo_world.koers.b.municipality.pk]) == []


def test_registering_the_dossier_applies_what_duo_announced(duo_world):
    tenant = duo_world.koers.a
    announce(duo_world, "SS139", tenant.municipality)
    announce(duo_world, "SS199", tenant.municipality)

    person = PersonFactory(municipality=tenant.municipality, bsn=NEW_BSN)
    assert run(duo_world) == 2

    plicht = Inburgeringsplicht.objects.get(person=person)
    assert plicht.leerroute_term_start is not None
    assert person.timeline.filter(kind=EventKind.DUO).count() == 2
    assert announced.announcements([tenant.municipality.pk]) == []


def test_a_dossier_of_another_municipality_does_not_take_the_announcement(duo_world):
    announce(duo_world, "SS101", duo_world.koers.a.municipality)
    PersonFactory(municipality=duo_world.koers.b.municipality, bsn=NEW_BSN)
    run(duo_world)
    assert Notification.objects.get().status == Notification.Status.UNMATCHED
    assert not Inburgeringsplicht.objects.exists()


def test_after_a_move_the_new_municipality_gets_its_announcement_once_the_dossier_is_transferred(duo_world):
    old, new = duo_world.koers.a, duo_world.koers.b
    person = old.person
    Inburgeringsplicht.objects.create(person=person, start_date="2026-03-02", doelgroep="Asielstatushouder")
    duo_world.add(person)
    announce(duo_world, "SS122", old.municipality, bsn=person.bsn)
    announce(duo_world, "SS120", new.municipality, bsn=person.bsn)

    moved_in = Notification.objects.get(event_code="SS120")
    assert moved_in.status == Notification.Status.UNMATCHED
    assert [r.bsn for r in announced.announcements([new.municipality.pk])] == [person.bsn]
    assert person.timeline.get(kind=EventKind.DUO).title.startswith("DUO SS122")

    transfer_person(actor=old.consultant, person=person, to_municipality=new.municipality)
    run(duo_world)

    moved_in.refresh_from_db()
    assert (moved_in.status, moved_in.person) == (Notification.Status.PROCESSED, person)
    assert Inburgeringsplicht.objects.get(person=person).leerroute_term_start is not None
    assert announced.announcements([new.municipality.pk]) == []


def test_the_consultant_sees_the_list_and_can_close_an_announcement(duo_world, client):
    tenant = duo_world.koers.a
    announce(duo_world, "SS120", tenant.municipality)
    client.force_login(tenant.consultant)

    page = client.get(reverse("duo:announced"))

    assert page.status_code == 200
    content = page.content.decode()
    assert NEW_BSN in content and "SS120" in content
    assert AuditEntry.objects.filter(user_id=tenant.consultant.pk, action=Action.READ,
                                     purpose__startswith="DUO: aangemelde").exists()
    response = client.post(reverse("duo:announced_handled", args=[tenant.municipality.pk]), {"bsn": NEW_BSN})
    assert response.status_code == 302
    assert announced.announcements([tenant.municipality.pk]) == []
    assert Notification.objects.get().acted_on_by == tenant.consultant


def test_the_list_is_in_the_menu_of_those_who_register_persons(tenants):
    assert "duo_announced" in {link.key for link in menu_for(tenants.a.consultant)}
    assert "duo_announced" not in {link.key for link in menu_for(tenants.a.volunteer)}


@pytest.mark.parametrize("role", ["volunteer", "mb_worker", "provider", "analyst", "team_lead"])
def test_roles_that_do_not_register_persons_cannot_see_the_list(client, tenants, role):
    client.force_login(getattr(tenants.a, role))
    assert client.get(reverse("duo:announced")).status_code == 403


def test_another_municipality_cannot_close_an_announcement(duo_world, client):
    announce(duo_world, "SS101", duo_world.koers.a.municipality)
    client.force_login(duo_world.koers.b.consultant)

    response = client.post(reverse("duo:announced_handled", args=[duo_world.koers.a.municipality.pk]),
                           {"bsn": NEW_BSN})

    assert response.status_code == 404
    assert Notification.objects.get().acted_on_at is None
    page = client.get(reverse("duo:announced")).content.decode()
    assert NEW_BSN not in page
