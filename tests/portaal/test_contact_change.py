"""The portal always shows the current contact persons and tells the newcomer when one changed
(newcomers often do not know who their contact person is after staff turnover), until they looked."""

from __future__ import annotations

from koers.access.constants import Role
from tests.factories import user_with_role

from .factories import portal_client, trajectory_for

NOTICE = "is veranderd. Het is nu:"


def home(client) -> str:
    return client.get("/portaal/").content.decode()


def test_the_first_visit_shows_the_contacts_without_a_notice(tenants):
    client = portal_client(tenants.a.person)
    assert NOTICE not in home(client)
    assert tenants.a.consultant.get_full_name() in client.get("/portaal/contact/").content.decode()


def test_a_new_consultant_is_announced_until_the_contact_page_is_opened(tenants):
    person = tenants.a.person
    client = portal_client(person)
    home(client)
    successor = user_with_role(Role.CONSULTANT, tenants.a.team)
    person.consultant = successor
    person.save()

    page = home(client)
    assert f"Uw consulent inburgering is veranderd. Het is nu: {successor.get_full_name()}." in page
    assert home(client).count(NOTICE) == 1  # it stays until seen
    contact = client.get("/portaal/contact/").content.decode()
    assert successor.get_full_name() in contact and "Nieuw: deze persoon helpt u nu." in contact
    assert tenants.a.consultant.get_full_name() not in contact
    assert NOTICE not in home(client)
    assert "Nieuw: deze persoon helpt u nu." not in client.get("/portaal/contact/").content.decode()


def test_a_new_mb_worker_is_announced_too_and_in_the_portal_language(tenants):
    person = tenants.a.person
    client = portal_client(person)
    home(client)
    trajectory_for(person, tenants.a.mb_worker)
    client.post("/portaal/taal/", {"language": "en", "next": "/portaal/"})
    name = tenants.a.mb_worker.get_full_name()
    assert f"Your support worker has changed. It is now: {name}." in home(client)


def test_a_change_for_someone_else_is_not_announced(tenants):
    client = portal_client(tenants.a.person)
    home(client)
    other = tenants.b.person
    other.consultant = user_with_role(Role.CONSULTANT, tenants.b.team)
    other.save()
    assert NOTICE not in home(client)
