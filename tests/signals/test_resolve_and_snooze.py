"""Resolving and snoozing from the list: a reason is required, the signal leaves the list, and who did
it and why lands in the audit log and on the person's timeline. Refusals: a volunteer never reaches
a finance signal, another municipality reaches nothing (404, logged as refused)."""

from __future__ import annotations

import datetime as dt

import pytest

from koers.access.constants import DataCategory
from koers.audit.models import Action, AuditEntry, Outcome
from koers.people.models import TimelineEvent
from koers.signals.models import Signal, SignalStatus
from tests.people.conftest import HTMX

from .factories import SignalFactory


@pytest.fixture
def signal(tenants):
    return SignalFactory(person=tenants.a.person, kind="inburgering.leerroute", due=dt.date(2026, 11, 20))


def test_resolving_needs_a_reason_and_changes_nothing_without_one(tenants, client_as, signal):
    client = client_as(tenants.a.consultant)
    response = client.post(f"/aandacht/{signal.pk}/afhandelen/", {"reason": "  "})
    assert response.status_code == 422
    swapped = client.post(f"/aandacht/{signal.pk}/afhandelen/", {"reason": ""}, **HTMX)
    assert swapped.status_code == 200
    assert "Dit veld is vereist." in response.content.decode() and "Dit veld is vereist." in swapped.content.decode()
    signal.refresh_from_db()
    assert signal.status == SignalStatus.OPEN


def test_resolving_removes_the_signal_from_the_list_and_logs_who_and_why(tenants, client_as, signal):
    client = client_as(tenants.a.consultant)
    response = client.post(f"/aandacht/{signal.pk}/afhandelen/", {"reason": "Leerroute besproken met DUO"}, **HTMX)
    assert response.status_code == 200
    assert "Afgehandeld" in response.content.decode()
    signal.refresh_from_db()
    assert (signal.status, signal.resolved_by, signal.resolved_reason) == (
        SignalStatus.RESOLVED, tenants.a.consultant, "Leerroute besproken met DUO"
    )
    assert f"signaal-{signal.pk}\"" not in client.get("/aandacht/").content.decode()
    entry = AuditEntry.objects.get(action=Action.UPDATE, person_id=signal.person_id)
    assert (entry.user_id, entry.categories) == (tenants.a.consultant.pk, DataCategory.EDUCATION_WORK)
    assert "Leerroute besproken met DUO" in entry.detail
    event = TimelineEvent.objects.get(person=signal.person, data__signal=signal.pk)
    assert (event.actor, event.body, event.category) == (
        tenants.a.consultant, "Leerroute besproken met DUO", DataCategory.EDUCATION_WORK
    )


def test_resolving_without_htmx_goes_back_to_the_list_with_a_message(tenants, client_as, signal):
    response = client_as(tenants.a.consultant).post(
        f"/aandacht/{signal.pk}/afhandelen/", {"reason": "Gebeld", "next": "/aandacht/team/"}
    )
    assert (response.status_code, response["Location"]) == (302, "/aandacht/team/")


def test_snoozing_hides_the_signal_until_the_chosen_day(tenants, client_as, signal):
    client = client_as(tenants.a.consultant)
    response = client.post(f"/aandacht/{signal.pk}/uitstellen/",
                           {"until": "2026-12-07", "reason": "Wacht op bericht van de school"}, **HTMX)
    assert response.status_code == 200
    signal.refresh_from_db()
    assert (signal.status, signal.snoozed_until, signal.snooze_reason) == (
        SignalStatus.SNOOZED, dt.date(2026, 12, 7), "Wacht op bericht van de school"
    )
    assert f"signaal-{signal.pk}\"" not in client.get("/aandacht/").content.decode()
    assert TimelineEvent.objects.filter(person=signal.person, data__signal=signal.pk).exists()


@pytest.mark.parametrize("until", ["2026-11-25", "2028-01-01", "gisteren"])
def test_snoozing_refuses_today_a_far_future_and_nonsense(tenants, client_as, signal, until):
    response = client_as(tenants.a.consultant).post(
        f"/aandacht/{signal.pk}/uitstellen/", {"until": until, "reason": "Later"}
    )
    assert response.status_code == 422
    signal.refresh_from_db()
    assert signal.status == SignalStatus.OPEN


def test_a_volunteer_cannot_see_or_resolve_a_finance_signal(tenants, client_as):
    fine = SignalFactory(person=tenants.a.person, kind="inburgering.boete_bezwaar", category=DataCategory.FINANCE)
    contact = SignalFactory(person=tenants.a.person, kind="inburgering.contact", category=DataCategory.CONTACT)
    client = client_as(tenants.a.volunteer)
    page = client.get("/aandacht/").content.decode()
    assert f"signaal-{contact.pk}\"" in page and f"signaal-{fine.pk}\"" not in page
    response = client.post(f"/aandacht/{fine.pk}/afhandelen/", {"reason": "Gezien"})
    assert response.status_code == 404
    assert AuditEntry.objects.filter(outcome=Outcome.REFUSED, person_id=tenants.a.person.pk).exists()
    fine.refresh_from_db()
    assert fine.status == SignalStatus.OPEN


def test_a_volunteer_may_see_a_contact_signal_but_not_resolve_it(tenants, client_as):
    contact = SignalFactory(person=tenants.a.person, kind="inburgering.contact", category=DataCategory.CONTACT)
    response = client_as(tenants.a.volunteer).post(f"/aandacht/{contact.pk}/afhandelen/", {"reason": "Gezien"})
    assert response.status_code == 403
    contact.refresh_from_db()
    assert contact.status == SignalStatus.OPEN


def test_another_municipality_can_neither_see_nor_resolve_a_signal(tenants, client_as, signal):
    client = client_as(tenants.b.consultant)
    assert f"signaal-{signal.pk}\"" not in client.get("/aandacht/").content.decode()
    assert f"signaal-{signal.pk}\"" not in client_as(tenants.b.team_lead).get("/aandacht/team/").content.decode()
    for action in ("afhandelen", "uitstellen"):
        response = client.post(f"/aandacht/{signal.pk}/{action}/", {"reason": "x", "until": "2026-12-01"})
        assert response.status_code == 404
    refused = AuditEntry.objects.filter(outcome=Outcome.REFUSED, user_id=tenants.b.consultant.pk)
    assert list(refused.values_list("person_id", flat=True)) == [signal.person_id, signal.person_id]
    signal.refresh_from_db()
    assert signal.status == SignalStatus.OPEN
    assert Signal.objects.filter(status=SignalStatus.OPEN).count() == 1


def test_a_resolved_signal_cannot_be_resolved_again(tenants, client_as, signal):
    client = client_as(tenants.a.consultant)
    client.post(f"/aandacht/{signal.pk}/afhandelen/", {"reason": "Klaar"})
    assert client.post(f"/aandacht/{signal.pk}/afhandelen/", {"reason": "Nog eens"}).status_code == 404
