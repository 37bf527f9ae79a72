"""The group session screens: an MB worker plans a session, invites from their caseload and registers
attendance; municipality b never reaches a's sessions (404, logged); other roles are refused."""

import datetime as dt

import pytest

from koers.access.constants import Role
from koers.audit.models import AuditEntry, Outcome
from koers.begeleiding import sessions
from koers.begeleiding.constants import ChecklistStatus
from koers.begeleiding.models import GroupSession, Invitation
from koers.lib import clock
from koers.people.constants import Phase

from .factories import PURPOSE, session_in, trajectory_in

LIST = "/begeleiding/bijeenkomsten/"


def url(session, tail: str = "") -> str:
    return f"{LIST}{session.pk}/{tail}"


@pytest.fixture
def session(tenants):
    trajectory_in(Phase.OPSTARTFASE, tenants.a.person, tenants.a.mb_worker)
    return session_in(tenants.a.municipality, tenants.a.mb_worker)


def plan_data(tenants, **changes):
    keys = [s.key for s in sessions.checklist_options(tenants.a.municipality)][:1]
    return {"municipality": tenants.a.municipality.pk, "kind": "budgettraining", "title": "Rondkomen",
            "day": "2026-12-10", "time": "10:00", "place": "Bibliotheek", "languages": ["nl"],
            "interpreter_languages": ["ar"], "capacity": "12", "covers": keys} | changes


def test_the_worker_plans_a_session_and_lands_on_it(tenants, client_as):
    response = client_as(tenants.a.mb_worker).post(LIST + "nieuw/", plan_data(tenants))
    session = GroupSession.objects.get()
    assert response.status_code == 302 and response["Location"] == url(session)
    assert (session.title, session.municipality, session.organisation) == (
        "Rondkomen", tenants.a.municipality, tenants.a.mb_organisation)


@pytest.mark.parametrize(("change", "message"), [
    ({"day": "2026-11-01"}, "Een bijeenkomst plan je in de toekomst."),
    ({"capacity": "0"}, "Aantal plaatsen"),
    ({"languages": ["xx"]}, "Voertaal"),
])
def test_an_invalid_plan_shows_the_errors_and_stores_nothing(tenants, client_as, change, message):
    response = client_as(tenants.a.mb_worker).post(LIST + "nieuw/", plan_data(tenants, **change))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not GroupSession.objects.exists()


def test_the_worker_invites_from_their_caseload_and_registers_attendance(tenants, client_as, session):
    client = client_as(tenants.a.mb_worker)
    page = client.get(url(session)).content.decode()
    assert tenants.a.person.full_name in page
    assert client.post(url(session, "uitnodigen/"), {"persons": [tenants.a.person.pk]}).status_code == 302
    invitation = Invitation.objects.get()
    with clock.frozen(dt.date(2026, 12, 3)):
        client = client_as(tenants.a.mb_worker)
        response = client.post(url(session, "aanwezigheid/"), {"present": [invitation.pk]})
    assert response.status_code == 302
    done = set(tenants.a.person.mb_trajectories.get().checklist.filter(status=ChecklistStatus.DONE)
               .values_list("key", flat=True))
    assert done == set(session.covers)
    letter = client.get(url(session, f"uitnodiging/{invitation.pk}/")).content.decode()
    assert 'dir="rtl"' in letter and 'lang="ar"' in letter
    tab = client.get(f"/personen/{tenants.a.person.pk}/begeleiding/").content.decode()
    row = tab[tab.index('id="mb-bijeenkomsten"'):]
    assert session.title in row and "<td>ja</td>" in row


def test_a_person_outside_the_caseload_cannot_be_invited(tenants, client_as, session):
    response = client_as(tenants.a.mb_worker).post(url(session, "uitnodigen/"), {"persons": [tenants.b.person.pk]})
    assert response.status_code == 400
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("tail", ["", "uitnodigen/", "aanwezigheid/"])
def test_a_worker_of_b_gets_a_404_and_the_attempt_is_logged(tenants, client_as, session, tail):
    client = client_as(tenants.b.mb_worker)
    response = client.get(url(session, tail)) if not tail else client.post(url(session, tail),
                                                                           {"persons": [tenants.a.person.pk]})
    assert response.status_code == 404
    assert AuditEntry.objects.filter(user_id=tenants.b.mb_worker.pk, outcome=Outcome.REFUSED).exists()
    assert not Invitation.objects.exists()


def test_the_list_of_b_does_not_show_the_sessions_of_a(tenants, client_as, session):
    assert session.title not in client_as(tenants.b.consultant).get(LIST).content.decode()
    assert session.title in client_as(tenants.a.consultant).get(LIST).content.decode()


@pytest.mark.parametrize("role", [Role.VRIJWILLIGER, Role.TAALAANBIEDER, Role.POLICY_ANALYST, Role.TEAM_LEAD])
def test_other_roles_are_refused(tenants, client_as, session, role):
    client = client_as(tenants.a.user(role))
    assert client.get(LIST).status_code == 403
    assert client.get(url(session)).status_code == 403
    assert client.post(LIST + "nieuw/", plan_data(tenants)).status_code == 403
    assert GroupSession.objects.count() == 1


def test_the_invitation_text_of_a_visible_invitation_only(tenants, client_as, session):
    [invitation] = sessions.invite(actor=tenants.a.consultant, session=session, persons=[tenants.a.other_person],
                                   purpose=PURPOSE)
    assert client_as(tenants.a.mb_worker).get(url(session, f"uitnodiging/{invitation.pk}/")).status_code == 404
    assert client_as(tenants.a.consultant).get(url(session, f"uitnodiging/{invitation.pk}/")).status_code == 200
