"""The consultant as DUO's contactpersoon: a change of consultant puts exactly the right messages on
the outbox in the transaction of the change; the worker creates the contactpersoon at DUO before it
links the person; each municipality has its own contactpersonen."""

from __future__ import annotations

import pytest
from django.db import transaction

from koers.access.constants import Role
from koers.duo import outbox
from koers.duo.models import Contactpersoon, ContactpersoonLink, OutboxMessage
from koers.people.models import TimelineEvent
from tests.factories import PersonFactory, user_with_role

from ..inburgering.factories import InburgeringsplichtFactory
from .factories import ContactpersoonSettingsFactory

pytestmark = pytest.mark.django_db


def queued(person) -> list[str]:
    return list(OutboxMessage.objects.filter(person=person).order_by("id").values_list("message_type", flat=True))


def change_consultant(person, consultant) -> None:
    person.consultant = consultant
    person.save()


@pytest.fixture
def passing(tenants):
    """Both municipalities pass contactpersonen; their consultants have an e-mail address."""
    for tenant in (tenants.a, tenants.b):
        ContactpersoonSettingsFactory(municipality=tenant.municipality)
        tenant.consultant.email = f"{tenant.consultant.username}@example.org"
        tenant.consultant.save(update_fields=["email"])
    return tenants


def test_registering_the_duty_creates_the_consultant_at_duo_and_links_the_person(passing):
    person = passing.a.person
    InburgeringsplichtFactory(person=person)

    assert queued(person) == ["contactpersoon_aanmaken", "contactpersoon_koppelen"]
    create = OutboxMessage.objects.get(person=person, message_type="contactpersoon_aanmaken")
    assert create.payload == {"naam": passing.a.consultant.get_full_name(), "email": passing.a.consultant.email,
                              "telefoonnummer": "020 555 0100"}
    assert ContactpersoonLink.objects.get(person=person).contactpersoon.user == passing.a.consultant


def test_a_new_consultant_is_created_once_and_then_only_linked(passing):
    first, second = PersonFactory(municipality=passing.a.municipality), PersonFactory(municipality=passing.a.municipality)
    for person in (first, second):
        InburgeringsplichtFactory(person=person)
    colleague = user_with_role(Role.CONSULTANT, passing.a.team, email="colleague@example.org")

    change_consultant(first, colleague)
    change_consultant(second, colleague)

    assert queued(first) == ["contactpersoon_aanmaken", "contactpersoon_koppelen"]
    assert queued(second) == ["contactpersoon_koppelen"]
    assert Contactpersoon.objects.filter(user=colleague).count() == 1


def test_changing_the_consultant_links_the_new_one_without_unlinking_the_old(passing):
    person = passing.a.person
    InburgeringsplichtFactory(person=person)
    colleague = user_with_role(Role.CONSULTANT, passing.a.team, email="colleague@example.org")
    OutboxMessage.objects.all().delete()

    change_consultant(person, colleague)

    assert queued(person) == ["contactpersoon_aanmaken", "contactpersoon_koppelen"]
    assert ContactpersoonLink.objects.get(person=person).contactpersoon.user == colleague


def test_saving_the_person_without_a_change_of_consultant_queues_nothing(passing):
    person = passing.a.person
    InburgeringsplichtFactory(person=person)
    person.city = "Zwolle"
    person.save()

    assert queued(person) == ["contactpersoon_aanmaken", "contactpersoon_koppelen"]


def test_removing_the_consultant_unlinks_the_person(passing):
    person = passing.a.person
    InburgeringsplichtFactory(person=person)
    contactpersoon = ContactpersoonLink.objects.get(person=person).contactpersoon

    change_consultant(person, None)

    unlink = OutboxMessage.objects.get(person=person, message_type="contactpersoon_ontkoppelen")
    assert unlink.contactpersoon == contactpersoon
    assert not ContactpersoonLink.objects.filter(person=person).exists()


def test_the_messages_are_part_of_the_transaction_of_the_change(passing):
    person = passing.a.person
    InburgeringsplichtFactory(person=person)
    colleague = user_with_role(Role.CONSULTANT, passing.a.team, email="colleague@example.org")
    before = queued(person)

    with pytest.raises(RuntimeError), transaction.atomic():
        change_consultant(person, colleague)
        raise RuntimeError("the dossier change failed")

    assert queued(person) == before
    assert not Contactpersoon.objects.filter(user=colleague).exists()


def test_nothing_is_passed_in_a_municipality_that_does_not_pass_contactpersonen(tenants):
    InburgeringsplichtFactory(person=tenants.a.person)
    change_consultant(tenants.a.person, None)

    assert queued(tenants.a.person) == []


def test_a_person_duo_does_not_know_is_not_linked(passing):
    person = PersonFactory(municipality=passing.a.municipality, consultant=passing.a.consultant)

    assert queued(person) == []


def test_details_duo_would_refuse_are_not_sent_and_the_timeline_says_why(passing):
    person = passing.a.person
    no_email = user_with_role(Role.CONSULTANT, passing.a.team, email="")
    InburgeringsplichtFactory(person=person)
    OutboxMessage.objects.all().delete()

    change_consultant(person, no_email)

    person.refresh_from_db()
    assert person.consultant == no_email
    assert queued(person) == []
    event = TimelineEvent.objects.get(person=person, title="Consulent niet als contactpersoon aan DUO doorgegeven")
    assert "email" in event.body


def test_the_worker_creates_the_contactpersoon_before_it_links_the_person(passing, duo_world):
    person = passing.a.person
    sim_person = duo_world.add(person)
    InburgeringsplichtFactory(person=person)

    assert outbox.send_due(client_factory=duo_world.client) == 1
    contactpersoon = Contactpersoon.objects.get(user=passing.a.consultant)
    assert contactpersoon.duo_id in duo_world.simulator.contactpersonen
    assert sim_person.contactpersoon_id is None

    assert outbox.send_due(client_factory=duo_world.client) == 1
    assert sim_person.contactpersoon_id == contactpersoon.duo_id
    statuses = set(OutboxMessage.objects.filter(person=person).values_list("status", flat=True))
    assert statuses == {OutboxMessage.Status.ACCEPTED}


def test_every_contactpersoon_message_follows_duos_specification(passing, duo_world):
    """The client and the simulator of ``duo_world`` check each request and answer against the spec."""
    person = passing.a.person
    sim_person = duo_world.add(person)
    InburgeringsplichtFactory(person=person)
    colleague = user_with_role(Role.CONSULTANT, passing.a.team, email="colleague@example.org")
    change_consultant(person, colleague)
    change_consultant(person, None)

    while outbox.send_due(client_factory=duo_world.client):
        pass

    answered = OutboxMessage.objects.filter(person=person).order_by("id")
    assert [(m.message_type, m.status) for m in answered] == [
        ("contactpersoon_aanmaken", OutboxMessage.Status.ACCEPTED),
        ("contactpersoon_koppelen", OutboxMessage.Status.ACCEPTED),
        ("contactpersoon_aanmaken", OutboxMessage.Status.ACCEPTED),
        ("contactpersoon_koppelen", OutboxMessage.Status.ACCEPTED),
        ("contactpersoon_ontkoppelen", OutboxMessage.Status.ACCEPTED),
    ]
    assert sim_person.contactpersoon_id is None


def test_a_consultant_serving_two_municipalities_is_a_contactpersoon_of_each(passing, duo_world):
    person_b = passing.b.person
    change_consultant(person_b, passing.a.consultant)
    duo_world.add(passing.a.person)
    sim_b = duo_world.add(person_b)
    InburgeringsplichtFactory(person=passing.a.person)
    InburgeringsplichtFactory(person=person_b)

    while outbox.send_due(client_factory=duo_world.client):
        pass

    own = Contactpersoon.objects.get(municipality=passing.b.municipality, user=passing.a.consultant)
    other = Contactpersoon.objects.get(municipality=passing.a.municipality, user=passing.a.consultant)
    assert own.duo_id != other.duo_id
    assert sim_b.contactpersoon_id == own.duo_id
    assert duo_world.simulator.contactpersonen[own.duo_id]["gemeentecode"] == passing.b.municipality.cbs_code


def test_duo_refuses_a_link_to_another_municipalitys_contactpersoon(passing, duo_world):
    duo_world.add(passing.a.person)
    duo_world.add(passing.b.person)
    InburgeringsplichtFactory(person=passing.a.person)
    while outbox.send_due(client_factory=duo_world.client):
        pass
    contactpersoon_of_a = Contactpersoon.objects.get(municipality=passing.a.municipality)

    message = outbox.enqueue(passing.b.person, "contactpersoon_koppelen", None, contactpersoon=contactpersoon_of_a)
    outbox.send_due(client_factory=duo_world.client)

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.REFUSED
