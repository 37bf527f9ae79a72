"""The newcomer sees the consents they gave, in simple words, and withdraws one; someone else's
consent cannot be withdrawn from here."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from koers.access.consent import give_consent
from koers.access.constants import ConsentMethod, DataCategory, Recipient
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


def test_the_newcomer_is_offered_only_what_a_recipient_could_see_and_no_consent_covers(tenants):
    html = portal_client(tenants.a.person).get("/portaal/toestemming/").content.decode()
    assert "/portaal/toestemming/geven/volgende_gemeente/" in html
    assert "/portaal/toestemming/geven/mb_organisatie/" not in html  # the fixture's consent covers it
    assert "/portaal/toestemming/geven/vrijwilliger/" not in html  # a volunteer never sees more


def test_the_newcomer_gives_consent_themselves_with_a_receipt(tenants):
    client = portal_client(tenants.a.person)
    client.post("/portaal/taal/", {"language": "ar", "next": "/portaal/"})
    assert client.get("/portaal/toestemming/geven/volgende_gemeente/").status_code == 200
    response = client.post("/portaal/toestemming/geven/volgende_gemeente/", {"agree": "on"})
    assert response.url == "/portaal/toestemming/"
    consent = Consent.objects.get(
        person=tenants.a.person, recipient_rows__recipient=Recipient.NEXT_MUNICIPALITY
    )
    assert consent.recorded_by is None and consent.given_on == clock.today()
    assert (consent.method, consent.language) == (ConsentMethod.PORTAL, "ar")
    assert consent.purpose == "Overdracht aan de nieuwe gemeente na een verhuizing"
    assert set(consent.categories) == set(DataCategory)
    receipt = pdf_text(consent.document.read())
    assert tenants.a.person.full_name in receipt and "Arabisch" in receipt
    assert "uw adres, telefoon en e-mail" in receipt and "code per sms" in receipt
    # The dossier records it in Dutch, whatever the portal's language.
    event = TimelineEvent.objects.get(person=tenants.a.person, data__consent=consent.pk)
    assert event.title == "Toestemming gegeven om gegevens te delen" and event.actor is None
    entry = AuditEntry.objects.get(purpose="Toestemming vastleggen", person_id=tenants.a.person.pk)
    assert entry.detail.startswith("Door de persoon zelf in het portaal.")
    assert "/portaal/toestemming/geven/volgende_gemeente/" not in client.get(response.url).content.decode()


def test_after_withdrawing_the_newcomer_gives_the_mb_organisation_access_again(tenants, consent):
    from koers.access.query import categories_for

    person, worker = tenants.a.person, tenants.a.mb_worker
    client = portal_client(person)
    for given in Consent.objects.filter(person=person):
        client.post(f"/portaal/toestemming/{given.pk}/intrekken/")
    assert DataCategory.HEALTH not in categories_for(worker, person)
    client.post("/portaal/toestemming/geven/mb_organisatie/", {"agree": "on"})
    assert {DataCategory.HEALTH, DataCategory.FINANCE, DataCategory.NOTES} <= categories_for(worker, person)


def test_without_the_tick_nothing_is_stored_and_the_page_says_why(tenants):
    before = Consent.objects.count()
    response = portal_client(tenants.a.person).post("/portaal/toestemming/geven/volgende_gemeente/", {})
    assert response.status_code == 400
    assert "Zet een vinkje als u deze toestemming wilt geven." in response.content.decode()
    assert Consent.objects.count() == before


@pytest.mark.parametrize("recipient", ["mb_organisatie", "vrijwilliger", "onzin"])
def test_what_needs_no_consent_or_does_not_exist_cannot_be_given(tenants, recipient):
    client = portal_client(tenants.a.person)
    response = client.post(f"/portaal/toestemming/geven/{recipient}/", {"agree": "on"})
    assert response.status_code == 404


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def test_a_worker_cannot_record_a_consent_as_given_in_the_portal(tenants):
    receipt = SimpleUploadedFile("bewijs.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        give_consent(actor=tenants.a.consultant, person=tenants.a.person, purpose="Hulp bij geldzaken",
                     organisations=[tenants.a.mb_organisation], categories=[DataCategory.FINANCE],
                     how=ConsentMethod.PORTAL, language="nl", document=receipt, channel="portaal")
    assert "how" in refused.value.message_dict
    assert not Consent.objects.filter(method=ConsentMethod.PORTAL).exists()


def test_the_consent_screen_offers_the_receipt_of_a_consent_given_in_the_portal(tenants, client_as):
    client = portal_client(tenants.a.person)
    client.post("/portaal/toestemming/geven/volgende_gemeente/", {"agree": "on"})
    consent = Consent.objects.get(method=ConsentMethod.PORTAL)

    html = client_as(tenants.a.consultant).get(f"/personen/{tenants.a.person.pk}/toestemming/").content.decode()

    assert "zelf gegeven in het portaal, na inloggen" in html
    assert "Ontvangstbewijs downloaden" in html
    assert f"/toestemming/{consent.pk}/" in html
