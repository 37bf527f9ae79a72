"""The social map of a municipality: its functional administrator adds, changes and deactivates
organisations; MB workers and consultants read it (active organisations only); municipality b never
reaches a's map (404, logged); other roles are refused."""

import pytest

from koers.access.constants import Role
from koers.audit.models import AuditEntry, Outcome
from koers.begeleiding.models import SocialMapEntry

from tests.factories import MunicipalityFactory

from .factories import social_map_entry

MAP = "/begeleiding/sociale-kaart/"


def test_the_administrator_adds_an_organisation_to_the_map_of_their_municipality(tenants, client_as):
    response = client_as(tenants.a.admin).post(MAP + "nieuw/", {"name": "Vluchtelingenwerk", "domain": "Wonen",
                                                                "contact": "info@example.org", "address": ""})
    assert response.status_code == 302
    entry = SocialMapEntry.objects.get()
    assert (entry.municipality, entry.name, entry.active) == (tenants.a.municipality, "Vluchtelingenwerk", True)


def test_the_administrator_changes_and_deactivates_an_organisation(tenants, client_as):
    entry = social_map_entry(tenants.a.municipality)
    client = client_as(tenants.a.admin)
    client.post(f"{MAP}{entry.pk}/", {"name": "Schuldhulpmaatje", "domain": "Financiën", "contact": "", "address": ""})
    client.post(f"{MAP}{entry.pk}/actief/")
    entry.refresh_from_db()
    assert (entry.name, entry.domain, entry.active) == ("Schuldhulpmaatje", "Financiën", False)


def test_an_empty_name_is_refused_and_nothing_changes(tenants, client_as):
    entry = social_map_entry(tenants.a.municipality)
    response = client_as(tenants.a.admin).post(f"{MAP}{entry.pk}/", {"name": " ", "domain": "Wonen"})
    assert response.status_code == 400
    entry.refresh_from_db()
    assert entry.name == "Schuldhulp Aadorp"


@pytest.mark.parametrize("role", [Role.MB_BEGELEIDER, Role.CONSULTANT])
def test_workers_read_the_active_organisations_without_managing_them(tenants, client_as, role):
    social_map_entry(tenants.a.municipality)
    social_map_entry(tenants.a.municipality, name="Oud loket", active=False)
    social_map_entry(tenants.b.municipality, name="Loket Beekdal")
    client = client_as(tenants.a.user(role))
    page = client.get(MAP).content.decode()
    assert "Schuldhulp Aadorp" in page
    assert "Oud loket" not in page and "Loket Beekdal" not in page
    assert "Deactiveren" not in page
    assert client.post(MAP + "nieuw/", {"name": "x", "domain": "y"}).status_code == 403
    assert SocialMapEntry.objects.count() == 3


@pytest.mark.parametrize("tail", ["", "actief/"])
def test_the_administrator_of_b_cannot_change_the_map_of_a(tenants, client_as, tail):
    entry = social_map_entry(tenants.a.municipality)
    response = client_as(tenants.b.admin).post(f"{MAP}{entry.pk}/{tail}", {"name": "Overgenomen", "domain": "x"})
    assert response.status_code == 404
    assert AuditEntry.objects.filter(user_id=tenants.b.admin.pk, outcome=Outcome.REFUSED).exists()
    entry.refresh_from_db()
    assert (entry.name, entry.active) == ("Schuldhulp Aadorp", True)
    assert "Schuldhulp Aadorp" not in client_as(tenants.b.admin).get(MAP).content.decode()


@pytest.mark.parametrize("role", [Role.VRIJWILLIGER, Role.TAALAANBIEDER, Role.POLICY_ANALYST])
def test_other_roles_are_refused(tenants, client_as, role):
    entry = social_map_entry(tenants.a.municipality)
    client = client_as(tenants.a.user(role))
    assert client.get(MAP).status_code == 403
    assert client.post(f"{MAP}{entry.pk}/actief/").status_code == 403
    entry.refresh_from_db()
    assert entry.active


def test_the_administrator_of_a_centrumgemeente_adds_to_the_map_of_each_municipality_served(tenants, client_as):
    neighbour = MunicipalityFactory(cbs_code="0003", name="Cedorp")
    tenants.a.team.serves.add(neighbour)
    client = client_as(tenants.a.admin)
    page = client.get(MAP).content.decode()
    assert "Organisatie toevoegen aan Cedorp" in page and "Organisatie toevoegen aan Aadorp" in page
    data = {"name": "Voedselbank Cedorp", "domain": "Financiën", "contact": "", "address": ""}
    assert client.post(f"{MAP}nieuw/?gemeente={neighbour.pk}", data).status_code == 302
    assert SocialMapEntry.objects.get().municipality == neighbour
    assert client.post(f"{MAP}nieuw/?gemeente={tenants.b.municipality.pk}", data).status_code == 404
    assert SocialMapEntry.objects.count() == 1
