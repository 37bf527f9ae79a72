"""A newcomer sees only their own dossier: someone else's appointment, letter or handover is a 404,
and the pages show no one else's records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from koers.begeleiding import services
from koers.inburgering.models import PipVersie
from koers.people.constants import Phase
from tests.begeleiding.factories import PURPOSE, trajectory_in
from tests.inburgering.factories import PipVersieFactory

from .factories import appointment_for, portal_client, trajectory_for


@pytest.fixture
def own(tenants):
    trajectory = trajectory_for(tenants.a.person, tenants.a.mb_worker)
    return appointment_for(trajectory, tenants.a.mb_worker, dt.date(2026, 12, 3), subject="Eigen huisbezoek")


@pytest.fixture
def others(tenants):
    trajectory = trajectory_for(tenants.b.person, tenants.b.mb_worker)
    return appointment_for(trajectory, tenants.b.mb_worker, dt.date(2026, 12, 1), subject="Ander huisbezoek")


def decided_pip(person) -> PipVersie:
    return PipVersieFactory(person=person, number=1, status="vastgesteld", dagtekening=dt.date(2026, 6, 1))


def test_the_newcomer_sees_their_own_next_appointment(tenants, own, others):
    html = portal_client(tenants.a.person).get("/portaal/").content.decode()
    assert "Eigen huisbezoek" in html
    assert "Ander huisbezoek" not in html


def test_another_persons_appointment_is_not_found(tenants, own, others):
    client = portal_client(tenants.a.person)
    assert client.get(f"/portaal/afspraken/{own.pk}/").status_code == 200
    assert client.get(f"/portaal/afspraken/{others.pk}/").status_code == 404


def test_the_appointment_list_holds_only_the_persons_own(tenants, own, others):
    html = portal_client(tenants.a.person).get("/portaal/afspraken/").content.decode()
    assert "Eigen huisbezoek" in html
    assert "Ander huisbezoek" not in html


def test_a_past_or_cancelled_appointment_is_not_the_next_one(tenants, own):
    services.record_attendance(actor=tenants.a.mb_worker, appointment=own, status="geannuleerd", purpose=PURPOSE)
    html = portal_client(tenants.a.person).get("/portaal/").content.decode()
    assert "U heeft nu geen afspraak." in html


def test_only_the_own_decided_pip_letter_can_be_downloaded(tenants):
    decided_pip(tenants.a.person)
    decided_pip(tenants.b.person)
    client = portal_client(tenants.a.person)
    response = client.get("/portaal/documenten/pip-1.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "pip-1.pdf" in client.get("/portaal/documenten/").content.decode()
    assert client.get("/portaal/documenten/pip-2.pdf").status_code == 404


def test_a_concept_pip_has_no_letter_in_the_portal(tenants):
    PipVersieFactory(person=tenants.a.person, number=1)
    client = portal_client(tenants.a.person)
    assert client.get("/portaal/documenten/pip-1.pdf").status_code == 404
    assert "Er zijn nog geen brieven." in client.get("/portaal/documenten/").content.decode()


def test_another_persons_handover_is_not_found(tenants):
    own_trajectory = trajectory_in(Phase.AFRONDING, tenants.a.person, tenants.a.mb_worker)
    other = trajectory_in(Phase.AFRONDING, tenants.b.person, tenants.b.mb_worker)
    for trajectory, worker in ((own_trajectory, tenants.a.mb_worker), (other, tenants.b.mb_worker)):
        services.record_handover(actor=worker, trajectory=trajectory, summary="Redt zich goed.", interview_on=None,
                                 purpose=PURPOSE)
    client = portal_client(tenants.a.person)
    assert client.get(f"/portaal/documenten/overdracht-{own_trajectory.pk}.pdf").content.startswith(b"%PDF")
    assert client.get(f"/portaal/documenten/overdracht-{other.pk}.pdf").status_code == 404


def test_the_plan_shows_the_decided_pip_and_the_support_goals(tenants):
    decided_pip(tenants.a.person)
    PipVersieFactory(person=tenants.b.person, number=1, status="vastgesteld", dagtekening=dt.date(2026, 6, 1),
                     leerroute="Z")
    html = portal_client(tenants.a.person).get("/portaal/plan/").content.decode()
    assert "B1-route" in html
    assert "Z-route" not in html


def test_the_tasks_are_the_open_items_of_the_own_checklist(tenants):
    trajectory_for(tenants.a.person, tenants.a.mb_worker)
    trajectory_for(tenants.b.person, tenants.b.mb_worker).checklist.filter(label="Bankrekening openen").update(
        status="gedaan")
    html = portal_client(tenants.a.person).get("/portaal/taken/").content.decode()
    assert "Bankrekening openen" in html
    assert "Huurcontract tekenen" in html


def test_a_done_checklist_item_is_no_task_any_more_and_others_items_never_are(tenants):
    trajectory_for(tenants.b.person, tenants.b.mb_worker)
    trajectory = trajectory_for(tenants.a.person, tenants.a.mb_worker)
    trajectory.checklist.filter(label="Bankrekening openen").update(status="gedaan")
    assert "Bankrekening openen" not in portal_client(tenants.a.person).get("/portaal/taken/").content.decode()


def test_the_contact_page_shows_work_details_and_no_private_ones(tenants):
    from koers.portaal.models import ContactDetails

    consultant = tenants.a.consultant
    consultant.first_name, consultant.last_name, consultant.email = "Sanne", "de Vries", "sanne.prive@example.org"
    consultant.save()
    ContactDetails.objects.create(organisation=tenants.a.team, phone="0900 1234", email="inburgering@aadorp.nl")
    html = portal_client(tenants.a.person).get("/portaal/contact/").content.decode()
    assert "Sanne de Vries" in html
    assert "inburgering@aadorp.nl" in html
    assert "0900 1234" in html
    assert "sanne.prive@example.org" not in html


def test_without_a_portal_login_every_page_goes_to_the_login(tenants):
    for path in ("/portaal/", "/portaal/afspraken/", "/portaal/plan/", "/portaal/taken/", "/portaal/documenten/",
                 "/portaal/contact/", "/portaal/vraag/", "/portaal/documenten/pip-1.pdf"):
        assert Client().get(path).url == "/portaal/inloggen/", path


def test_a_staff_login_does_not_open_the_portal(tenants):
    client = Client()
    client.force_login(tenants.a.consultant)
    assert client.get("/portaal/").url == "/portaal/inloggen/"


def test_a_portal_login_is_no_staff_login(tenants):
    client = portal_client(tenants.a.person)
    response = client.get("/personen/")
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
