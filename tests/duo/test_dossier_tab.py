from __future__ import annotations

import pytest
from django.urls import reverse

from koers.audit.models import AuditEntry, Outcome
from koers.duo import outbox
from koers.duo.models import OutboxMessage

pytestmark = pytest.mark.django_db

PIP = {"dagtekeningPip": "2026-11-20", "leerroute": "B"}


def test_the_consultant_sees_the_messages_with_their_status_and_can_cancel(client, tenants):
    message = outbox.enqueue(tenants.a.person, "pip", PIP)
    client.force_login(tenants.a.consultant)

    page = client.get(reverse("duo:dossier", args=[tenants.a.person.pk]))

    assert page.status_code == 200
    assert "Wacht op verzending" in page.content.decode()
    response = client.post(reverse("duo:cancel", args=[tenants.a.person.pk, message.pk]))
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.CANCELLED
    assert tenants.a.person.timeline.filter(title__startswith="Bericht aan DUO geannuleerd").exists()


def test_a_refused_message_can_be_resent_from_the_dossier(client, tenants):
    message = outbox.enqueue(tenants.a.person, "pip", PIP)
    OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxMessage.Status.REFUSED, fouten=["Geen PIP."])
    client.force_login(tenants.a.consultant)
    assert "Geen PIP." in client.get(reverse("duo:dossier", args=[tenants.a.person.pk])).content.decode()

    client.post(reverse("duo:resend", args=[tenants.a.person.pk, message.pk]))

    assert OutboxMessage.objects.filter(person=tenants.a.person, status=OutboxMessage.Status.WAITING).count() == 1


def test_another_municipality_gets_a_404_and_the_attempt_is_logged(client, tenants):
    message = outbox.enqueue(tenants.a.person, "pip", PIP)
    client.force_login(tenants.b.consultant)

    assert client.get(reverse("duo:dossier", args=[tenants.a.person.pk])).status_code == 404
    assert client.post(reverse("duo:cancel", args=[tenants.a.person.pk, message.pk])).status_code == 404

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.WAITING
    assert AuditEntry.objects.filter(user_id=tenants.b.consultant.pk, outcome=Outcome.REFUSED).count() == 2


@pytest.mark.parametrize("role", ["volunteer", "mb_worker", "provider", "analyst"])
def test_roles_without_duo_data_do_not_see_the_tab(client, tenants, role):
    client.force_login(getattr(tenants.a, role))
    assert client.get(reverse("duo:dossier", args=[tenants.a.person.pk])).status_code == 404


def test_a_team_lead_sees_but_may_not_cancel(client, tenants):
    message = outbox.enqueue(tenants.a.person, "pip", PIP)
    client.force_login(tenants.a.team_lead)

    page = client.get(reverse("duo:dossier", args=[tenants.a.person.pk]))
    assert page.status_code == 200
    assert "Annuleren" not in page.content.decode()
    assert client.post(reverse("duo:cancel", args=[tenants.a.person.pk, message.pk])).status_code == 403
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.WAITING


def test_the_tab_names_each_message_and_says_what_an_attention_signal_asks(duo_world, client):
    from koers.duo import processing

    person = duo_world.koers.a.person
    duo_world.add(person)
    outbox.enqueue(person, "uren_participatie_als_taalles", {"uren": 12})
    duo_world.simulator.emit(person.bsn, "SS127")
    duo_world.simulator.deliver()
    processing.process_due(client_factory=duo_world.client)
    client.force_login(duo_world.koers.a.consultant)

    page = client.get(reverse("duo:dossier", args=[person.pk])).content.decode()

    assert "Uren taalles en KNM gevolgd" in page
    assert "Leg het inburgeringsaanbod vast en meld het aan DUO." in page
    assert "Markeer als afgehandeld" in page
