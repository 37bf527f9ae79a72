"""Every read of the newcomer's own dossier through the portal is in the audit log, with the
newcomer (not a staff user) as the reader."""

from __future__ import annotations

import datetime as dt

import pytest

from koers.audit.models import Action, AuditEntry, Outcome

from .factories import appointment_for, portal_client, trajectory_for

PAGES = {
    "/portaal/": "contact,identiteit",
    "/portaal/afspraken/": "contact",
    "/portaal/plan/": "notities,opleiding_werk",
    "/portaal/taken/": "notities",
    "/portaal/documenten/": "contact,identiteit,opleiding_werk",
    "/portaal/contact/": "contact",
}


@pytest.mark.parametrize(("path", "categories"), PAGES.items())
def test_each_page_logs_one_read_by_the_newcomer(tenants, path, categories):
    person = tenants.a.person
    portal_client(person).get(path)
    (entry,) = AuditEntry.objects.all()
    assert (entry.person_id, entry.municipality_id) == (person.pk, person.municipality_id)
    assert entry.user_id is None
    assert entry.username == f"portaal:persoon-{person.pk}"
    assert (entry.action, entry.outcome) == (Action.READ, Outcome.ALLOWED)
    assert entry.categories == categories
    assert entry.purpose == "Portaal: eigen dossier inzien"


def test_opening_an_appointment_logs_which_one(tenants):
    trajectory = trajectory_for(tenants.a.person, tenants.a.mb_worker)
    appointment = appointment_for(trajectory, tenants.a.mb_worker, dt.date(2026, 12, 1))
    AuditEntry.objects.all().delete()
    portal_client(tenants.a.person).get(f"/portaal/afspraken/{appointment.pk}/")
    assert AuditEntry.objects.get().detail == f"Portaal: afspraak {appointment.pk}"


def test_asking_a_question_is_logged_as_a_creation(tenants):
    portal_client(tenants.a.person).post("/portaal/vraag/", {"text": "Een vraag"})
    entry = AuditEntry.objects.get(action=Action.CREATE)
    assert entry.username == f"portaal:persoon-{tenants.a.person.pk}"
    assert entry.categories == "notities"


def test_a_page_without_login_logs_nothing(tenants):
    from django.test import Client

    Client().get("/portaal/")
    assert not AuditEntry.objects.exists()
