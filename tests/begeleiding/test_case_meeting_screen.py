"""The case meeting screen: the agenda of a chosen meeting for one municipality, a dossier brought in
with a question and its outcome recorded; printable; the meetings follow the policy's cadence;
municipality b never reaches a's agenda."""

import pytest

from koers.access.constants import Role
from koers.audit.models import AuditEntry, Outcome
from koers.begeleiding.models import CaseMeetingItem
from koers.begeleiding.referral_views import PURPOSE_CASE_MEETING
from koers.people.constants import Phase
from tests.factories import PersonFactory

from .factories import trajectory_in, use_preset


def agenda(tenant, day: str = "2026-12-10") -> str:
    return f"/begeleiding/casuistiekoverleg/{tenant.municipality.pk}/?datum={day}"


@pytest.fixture
def running(tenants):
    return trajectory_in(Phase.OPSTARTFASE, tenants.a.person, tenants.a.mb_worker)


def test_the_worker_brings_a_person_in_and_records_the_outcome(tenants, client_as, running):
    client = client_as(tenants.a.mb_worker)
    response = client.post(agenda(tenants.a), {"person": tenants.a.person.pk, "question": "Hoe verder met de schulden?"})
    assert response.status_code == 302
    item = CaseMeetingItem.objects.get()
    assert item.meeting_on.isoformat() == "2026-12-01"
    page = client.get(agenda(tenants.a)).content.decode()
    assert "Hoe verder met de schulden?" in page and "data-print" in page
    assert "Hoe verder" not in client.get(agenda(tenants.a, "2027-01-04")).content.decode()
    client.post(f"/begeleiding/casuistiekoverleg/{tenants.a.municipality.pk}/{item.pk}/",
                {f"i{item.pk}-outcome": "Verwijzen naar schuldhulp"})
    item.refresh_from_db()
    assert item.outcome == "Verwijzen naar schuldhulp"


def test_an_empty_question_is_refused_and_nothing_is_stored(tenants, client_as, running):
    response = client_as(tenants.a.mb_worker).post(agenda(tenants.a), {"person": tenants.a.person.pk, "question": ""})
    assert response.status_code == 400
    assert not CaseMeetingItem.objects.exists()


def test_a_person_of_b_cannot_be_brought_in(tenants, client_as, running):
    trajectory_in(Phase.OPSTARTFASE, tenants.b.person, tenants.b.mb_worker)
    response = client_as(tenants.a.mb_worker).post(agenda(tenants.a), {"person": tenants.b.person.pk, "question": "x"})
    assert response.status_code == 400
    assert not CaseMeetingItem.objects.exists()


def test_a_worker_of_b_gets_a_404_and_the_attempt_is_logged(tenants, client_as, running):
    client = client_as(tenants.b.mb_worker)
    assert client.get(agenda(tenants.a)).status_code == 404
    assert client.post(agenda(tenants.a), {"person": tenants.a.person.pk, "question": "x"}).status_code == 404
    assert AuditEntry.objects.filter(user_id=tenants.b.mb_worker.pk, outcome=Outcome.REFUSED).exists()
    assert not CaseMeetingItem.objects.exists()


@pytest.mark.parametrize("role", [Role.VRIJWILLIGER, Role.TAALAANBIEDER, Role.POLICY_ANALYST, Role.TEAM_LEAD])
def test_other_roles_are_refused(tenants, client_as, running, role):
    client = client_as(tenants.a.user(role))
    assert client.get(agenda(tenants.a)).status_code == 403
    assert client.post(agenda(tenants.a), {"person": tenants.a.person.pk, "question": "x"}).status_code == 403
    assert not CaseMeetingItem.objects.exists()


def test_with_a_cadence_the_screen_shows_that_meeting_and_leads_to_the_next(tenants, client_as, running):
    use_preset(tenants.a.municipality, "heerenveen", tenants.a.admin)
    client = client_as(tenants.a.mb_worker)
    page = client.get(agenda(tenants.a, "2026-11-25")).content.decode()
    assert "elke 2 weken" in page and "16 november tot en met 29 november 2026" in page
    assert "?datum=2026-11-30" in page and "?datum=2026-11-15" in page
    client.post(agenda(tenants.a, "2026-11-25"), {"person": tenants.a.person.pk, "question": "Schulden?"})
    assert CaseMeetingItem.objects.get().meeting_on.isoformat() == "2026-11-16"
    assert "Schulden?" not in client.get(agenda(tenants.a, "2026-11-30")).content.decode()


def test_a_nonsense_date_shows_the_current_meeting(tenants, client_as, running):
    response = client_as(tenants.a.mb_worker).get(agenda(tenants.a, "morgen"))
    assert response.status_code == 200 and "november 2026" in response.content.decode()


def test_the_list_holds_the_users_own_dossiers_and_only_those_are_logged(tenants, client_as, running):
    colleagues = trajectory_in(Phase.OPSTARTFASE, PersonFactory(municipality=tenants.a.municipality),
                               tenants.a.consultant)
    response = client_as(tenants.a.mb_worker).get(agenda(tenants.a))
    listed = list(response.context["form"].fields["person"].queryset)
    assert listed == [tenants.a.person] and colleagues.person not in listed
    logged = AuditEntry.objects.filter(user_id=tenants.a.mb_worker.pk, purpose=PURPOSE_CASE_MEETING)
    assert set(logged.values_list("person_id", flat=True)) == {tenants.a.person.pk}


def test_a_colleagues_dossier_is_brought_in_by_its_number(tenants, client_as):
    colleagues = trajectory_in(Phase.OPSTARTFASE, PersonFactory(municipality=tenants.a.municipality, consultant=None),
                               tenants.a.mb_worker)
    client = client_as(tenants.a.consultant)
    assert colleagues.person not in client.get(agenda(tenants.a)).context["form"].fields["person"].queryset
    response = client.post(agenda(tenants.a), {"dossier": colleagues.person.pk, "question": "Wonen?"})
    assert response.status_code == 302
    assert CaseMeetingItem.objects.get().person == colleagues.person


@pytest.mark.parametrize("choice", [
    {},
    {"person": "own", "dossier": "other"},
    {"dossier": "b"},
    {"dossier": "0"},
    {"dossier": "99999999999999999999999"},
])
def test_a_wrong_choice_is_explained_and_nothing_is_stored(tenants, client_as, running, choice):
    trajectory_in(Phase.OPSTARTFASE, tenants.b.person, tenants.b.mb_worker)
    other = trajectory_in(Phase.OPSTARTFASE, PersonFactory(municipality=tenants.a.municipality, consultant=None),
                          tenants.a.consultant)
    values = {"own": tenants.a.person.pk, "other": other.person.pk, "b": tenants.b.person.pk}
    data = {field: values.get(value, value) for field, value in choice.items()}
    response = client_as(tenants.a.mb_worker).post(agenda(tenants.a), {**data, "question": "x"})
    assert response.status_code == 400 and "error-summary" in response.content.decode()
    assert not CaseMeetingItem.objects.exists()
