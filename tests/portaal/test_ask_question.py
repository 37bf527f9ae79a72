"""A question asked in the portal lands on the timeline of the newcomer's dossier, where the
consultant reads it; an empty question is refused and nothing is stored."""

from __future__ import annotations

from django.test import Client

from koers.access.constants import DataCategory
from koers.people.models import TimelineEvent
from koers.portaal.models import Question

from .factories import portal_client


def test_a_question_lands_on_the_timeline_of_the_own_dossier(tenants):
    client = portal_client(tenants.a.person)
    response = client.post("/portaal/vraag/", {"text": "Wanneer begint mijn taalles?"})
    assert response.url == "/portaal/vraag/verstuurd/"
    assert "Wij hebben uw vraag ontvangen" in client.get(response.url).content.decode()
    event = TimelineEvent.objects.get(person=tenants.a.person, title="Vraag via het portaal")
    assert event.body == "Wanneer begint mijn taalles?"
    assert event.category == DataCategory.NOTES
    assert event.actor is None
    assert Question.objects.get().person == tenants.a.person
    assert not TimelineEvent.objects.filter(person=tenants.b.person, title="Vraag via het portaal").exists()


def test_the_consultant_sees_the_question_in_the_dossier(tenants):
    portal_client(tenants.a.person).post("/portaal/vraag/", {"text": "Mag ik op vakantie?"})
    staff = Client()
    staff.force_login(tenants.a.consultant)
    assert "Mag ik op vakantie?" in staff.get(f"/personen/{tenants.a.person.pk}/").content.decode()


def test_an_empty_question_is_refused_and_nothing_is_stored(tenants):
    response = portal_client(tenants.a.person).post("/portaal/vraag/", {"text": "   "})
    assert response.status_code == 400
    assert "Schrijf uw vraag." in response.content.decode()
    assert not Question.objects.exists()
    assert not TimelineEvent.objects.filter(title="Vraag via het portaal").exists()


def test_a_too_long_question_is_refused(tenants):
    response = portal_client(tenants.a.person).post("/portaal/vraag/", {"text": "x" * 2001})
    assert "te lang" in response.content.decode()
    assert not Question.objects.exists()
