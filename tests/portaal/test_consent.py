"""The newcomer sees the consents they gave, in simple words, and withdraws one; someone else's
consent cannot be withdrawn from here."""

from __future__ import annotations

import datetime as dt

import pytest

from koers.access.consent import give_consent
from koers.access.constants import DataCategory, Recipient
from koers.access.models import Consent
from koers.audit.models import AuditEntry
from koers.lib import clock
from koers.people.models import TimelineEvent

from .factories import portal_client


def consent_of(tenant, person=None):
    return give_consent(actor=tenant.consultant, person=person or tenant.person, purpose="Hulp bij geldzaken",
                        organisations=[tenant.mb_organisation], recipients=[Recipient.VOLUNTEER],
                        categories=[DataCategory.FINANCE], how="mondeling", language="ar",
                        witness="Tolk Samira", given_on=dt.date(2026, 10, 1))


@pytest.fixture
def consent(tenants):
    return consent_of(tenants.a)


def test_the_newcomer_sees_their_consents_in_simple_words(tenants, consent):
    consent_of(tenants.b)
    html = portal_client(tenants.a.person).get("/portaal/toestemming/").content.decode()
    assert "Hulp bij geldzaken" in html
    assert tenants.a.mb_organisation.name in html
    assert "uw vrijwilliger (maatje)" in html
    assert "uw geld en uw rekeningen" in html
    assert tenants.b.mb_organisation.name not in html


def test_the_consents_page_is_translated(tenants, consent):
    client = portal_client(tenants.a.person)
    client.post("/portaal/taal/", {"language": "ar", "next": "/portaal/"})
    html = client.get("/portaal/toestemming/").content.decode()
    assert "أموالك وفواتيرك" in html
    assert "سحب الموافقة" in html


def test_the_newcomer_withdraws_a_consent_themselves(tenants, consent):
    client = portal_client(tenants.a.person)
    response = client.post(f"/portaal/toestemming/{consent.pk}/intrekken/")
    assert response.url == "/portaal/toestemming/"
    consent.refresh_from_db()
    assert consent.withdrawn_on == clock.today()
    assert consent.withdrawn_by is None
    assert TimelineEvent.objects.filter(person=tenants.a.person, title="Toestemming ingetrokken").exists()
    assert AuditEntry.objects.filter(person_id=tenants.a.person.pk, purpose="Toestemming intrekken").exists()
    html = client.get(response.url).content.decode()
    assert "U heeft uw toestemming ingetrokken." in html
    assert f"/portaal/toestemming/{consent.pk}/intrekken/" not in html


def test_withdrawing_twice_changes_nothing(tenants, consent):
    client = portal_client(tenants.a.person)
    client.post(f"/portaal/toestemming/{consent.pk}/intrekken/")
    client.post(f"/portaal/toestemming/{consent.pk}/intrekken/")
    assert TimelineEvent.objects.filter(title="Toestemming ingetrokken").count() == 1


def test_someone_elses_consent_cannot_be_withdrawn(tenants, consent):
    other = consent_of(tenants.b)
    response = portal_client(tenants.a.person).post(f"/portaal/toestemming/{other.pk}/intrekken/")
    assert response.status_code == 404
    assert Consent.objects.get(pk=other.pk).withdrawn_on is None


def test_reading_the_consents_is_logged(tenants, consent):
    AuditEntry.objects.all().delete()
    portal_client(tenants.a.person).get("/portaal/toestemming/")
    entry = AuditEntry.objects.get()
    assert entry.username == f"portaal:persoon-{tenants.a.person.pk}"
    assert entry.categories == "identiteit"
