"""The MB worker keeps the volunteer profiles of their organisation's pool: a volunteer user gets a
profile, a profile is changed; invalid input changes nothing; other organisations and roles are kept out."""

import pytest

from koers.access.constants import Role
from koers.audit.models import AuditEntry, Outcome
from koers.begeleiding.models import Volunteer

from .factories import volunteer_in

POOL = "/begeleiding/vrijwilligers/"


def data(**changes):
    return {"languages": ["ti", "nl"], "postcode": "9711 ab", "availability": "di-middag, za-ochtend",
            "skills": "Fietsles", "capacity": "2", "active": "on"} | changes


def test_the_worker_gives_a_volunteer_of_the_organisation_a_profile(tenants, client_as):
    client = client_as(tenants.a.mb_worker)
    assert tenants.a.volunteer.get_full_name() in client.get(POOL + "nieuw/").content.decode()
    response = client.post(POOL + "nieuw/", data(user=tenants.a.volunteer.pk))
    assert response.status_code == 302
    profile = Volunteer.objects.get()
    assert (profile.user, profile.organisation, profile.languages, profile.postcode, profile.availability) == (
        tenants.a.volunteer, tenants.a.mb_organisation, ["ti", "nl"], "9711AB", ["di-middag", "za-ochtend"])


def test_the_worker_changes_a_profile(tenants, client_as):
    profile = volunteer_in(tenants.a.mb_organisation)
    response = client_as(tenants.a.mb_worker).post(f"{POOL}{profile.pk}/", data(capacity="4", active=""))
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.capacity, profile.active, profile.skills) == (4, False, "Fietsles")


@pytest.mark.parametrize("change", [{"postcode": "97"}, {"capacity": "0"}, {"languages": []}, {"languages": ["xx"]}])
def test_invalid_input_changes_nothing(tenants, client_as, change):
    profile = volunteer_in(tenants.a.mb_organisation)
    response = client_as(tenants.a.mb_worker).post(f"{POOL}{profile.pk}/", data(**change))
    assert response.status_code == 400
    profile.refresh_from_db()
    assert (profile.postcode, profile.capacity, profile.languages) == ("9711AB", 2, ["ar"])


def test_a_volunteer_of_another_organisation_cannot_be_profiled(tenants, client_as):
    response = client_as(tenants.a.mb_worker).post(POOL + "nieuw/", data(user=tenants.b.volunteer.pk))
    assert response.status_code == 400
    assert not Volunteer.objects.exists()


def test_the_worker_of_b_cannot_change_a_profile_of_a(tenants, client_as):
    profile = volunteer_in(tenants.a.mb_organisation)
    response = client_as(tenants.b.mb_worker).post(f"{POOL}{profile.pk}/", data(capacity="5"))
    assert response.status_code == 404
    assert AuditEntry.objects.filter(user_id=tenants.b.mb_worker.pk, outcome=Outcome.REFUSED).exists()
    profile.refresh_from_db()
    assert profile.capacity == 2


@pytest.mark.parametrize("role", [Role.VRIJWILLIGER, Role.TAALAANBIEDER, Role.POLICY_ANALYST, Role.CONSULTANT])
def test_other_roles_are_refused(tenants, client_as, role):
    profile = volunteer_in(tenants.a.mb_organisation)
    client = client_as(tenants.a.user(role))
    assert client.get(POOL + "nieuw/").status_code == 403
    assert client.post(f"{POOL}{profile.pk}/", data(capacity="5")).status_code == 403
    profile.refresh_from_db()
    assert profile.capacity == 2
