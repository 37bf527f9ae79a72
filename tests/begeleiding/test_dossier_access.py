"""Who reaches the tab "Begeleiding" and what each role sees of it: tenancy (404 and the refused attempt
in the audit log), the language provider kept out, the volunteer limited to identity and contact."""

import pytest

from koers.access.constants import DataCategory, Role
from koers.audit.models import Action, AuditEntry, Outcome
from koers.begeleiding import services
from koers.begeleiding.models import Trajectory
from koers.people.constants import Phase

from .factories import PURPOSE, trajectory_in

NOTE_TEXTS = {
    DataCategory.NOTES: "Gesprek over de toekomst",
    DataCategory.HEALTH: "Slaapt slecht sinds de verhuizing",
    DataCategory.FINANCE: "Schuld bij de energieleverancier",
    DataCategory.CONTACT: "Bereikbaar na 16 uur",
}


@pytest.fixture
def trajectory(tenants):
    t = trajectory_in(Phase.OPSTARTFASE, tenants.a.person, tenants.a.mb_worker)
    for category, text in NOTE_TEXTS.items():
        services.add_note(actor=tenants.a.mb_worker, trajectory=t, category=category, text=text,
                          allowed=DataCategory.values, purpose=PURPOSE)
    return t


def tab(person) -> str:
    return f"/personen/{person.pk}/begeleiding/"


@pytest.mark.parametrize("role", [Role.CONSULTANT, Role.MB_BEGELEIDER, Role.TEAM_LEAD, Role.VRIJWILLIGER])
def test_a_user_of_b_gets_a_404_and_the_attempt_is_logged(tenants, client_as, trajectory, role):
    response = client_as(tenants.b.user(role)).get(tab(tenants.a.person))
    assert response.status_code == 404
    assert AuditEntry.objects.filter(user_id=tenants.b.user(role).pk, outcome=Outcome.REFUSED,
                                     person_id=tenants.a.person.pk).exists()


def test_a_user_of_b_cannot_change_the_trajectory_of_a(tenants, client_as, trajectory):
    response = client_as(tenants.b.mb_worker).post(
        tab(tenants.a.person) + "fase/", {"to_state": Phase.VERDERE_BEGELEIDING, "on": "2026-11-25"}
    )
    assert response.status_code == 404
    trajectory.refresh_from_db()
    assert trajectory.state == Phase.OPSTARTFASE


def test_the_language_provider_does_not_see_the_tab(tenants, client_as, trajectory):
    response = client_as(tenants.a.provider).get(tab(tenants.a.person))
    assert response.status_code == 404
    assert AuditEntry.objects.filter(user_id=tenants.a.provider.pk, outcome=Outcome.REFUSED).exists()
    detail = client_as(tenants.a.provider).get(f"/personen/{tenants.a.person.pk}/").content.decode()
    assert tab(tenants.a.person) not in detail


def test_the_volunteer_sees_the_phase_and_contact_notes_only(tenants, client_as, trajectory):
    client = client_as(tenants.a.volunteer)
    page = client.get(tab(tenants.a.person)).content.decode()
    assert "Opstartfase MB" in page
    assert NOTE_TEXTS[DataCategory.CONTACT] in page
    for category in (DataCategory.NOTES, DataCategory.HEALTH, DataCategory.FINANCE):
        assert NOTE_TEXTS[category] not in page
    assert "Checklist opstartfase" not in page
    entry = AuditEntry.objects.get(user_id=tenants.a.volunteer.pk, action=Action.READ)
    assert entry.categories == "contact,identiteit"


@pytest.mark.parametrize("path", ["checklist/", "plan/", "overdracht.pdf"])
def test_the_volunteer_cannot_open_the_checklist_the_plan_or_the_handover(tenants, client_as, trajectory, path):
    assert client_as(tenants.a.volunteer).get(tab(tenants.a.person) + path).status_code == 403


@pytest.mark.parametrize("role", [Role.VRIJWILLIGER, Role.TEAM_LEAD])
def test_roles_that_only_read_cannot_change_the_phase(tenants, client_as, trajectory, role):
    response = client_as(tenants.a.user(role)).post(
        tab(tenants.a.person) + "fase/", {"to_state": Phase.VERDERE_BEGELEIDING, "on": "2026-11-25"}
    )
    assert response.status_code == 403
    trajectory.refresh_from_db()
    assert trajectory.state == Phase.OPSTARTFASE


def test_the_mb_worker_sees_every_note_and_the_checklist(tenants, client_as, trajectory):
    page = client_as(tenants.a.mb_worker).get(tab(tenants.a.person)).content.decode()
    for text in NOTE_TEXTS.values():
        assert text in page
    assert "Checklist opstartfase" in page


def test_an_illegal_step_posted_on_the_screen_is_refused_in_dutch(tenants, client_as):
    person = tenants.a.person
    client = client_as(tenants.a.mb_worker)
    assert client.post(tab(person) + "starten/", {"on": "2026-11-02"}).status_code == 302
    response = client.post(tab(person) + "fase/", {"to_state": Phase.AFRONDING, "on": "2026-11-25"})
    assert response.status_code == 400
    assert "Van de fase Koppeling kan het traject niet naar Afronding" in response.content.decode()
    assert Trajectory.objects.get(person=person).state == Phase.KOPPELING


def test_a_second_open_trajectory_is_refused(tenants, client_as, trajectory):
    response = client_as(tenants.a.mb_worker).post(tab(tenants.a.person) + "starten/", {"on": "2026-11-25"})
    assert response.status_code == 400
    assert "al een lopend begeleidingstraject" in response.content.decode()
