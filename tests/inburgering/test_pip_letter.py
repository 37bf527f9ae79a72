import datetime as dt
import io

import pytest
from pypdf import PdfReader

from koers.audit.models import Action, AuditEntry
from koers.inburgering.constants import Leerroute, PipStatus

from .factories import InburgeringsplichtFactory, PipVersieFactory
from .screens import logged_in as client_for


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def decided(tenants):
    person = tenants.a.person
    person.given_names, person.family_name = "Amina", "Haddad"
    person.street, person.house_number, person.postcode, person.city = "Lindelaan", "4", "1234 AB", "Aadorp"
    person.save()
    InburgeringsplichtFactory(person=person)
    return PipVersieFactory(
        person=person,
        number=1,
        status=PipStatus.VASTGESTELD,
        dagtekening=dt.date(2026, 11, 20),
        leerroute=Leerroute.Z_ROUTE,
        geschatte_intensiteit=None,
        explanation="U gaat vier ochtenden per week naar de taalschool.",
        letter_language="ar",
        decided_by=tenants.a.consultant,
    )


def test_the_letter_is_a_dutch_pdf_with_the_decision_and_the_objection_deadline(tenants, decided):
    person = tenants.a.person
    response = client_for(tenants.a.consultant).get(f"/personen/{person.pk}/plan/pip/1/brief.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="pip-versie-1-amina-haddad.pdf"'
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    for expected in (
        "Gemeente Aadorp",
        "Amina Haddad",
        "Lindelaan 4",
        "20 november 2026",
        "Z-route",
        "U gaat vier ochtenden per week naar de taalschool.",
        "zelfredzaamheidsroute",
        "uiterlijk op 4 januari 2027",
        "besproken in het Arabisch",
    ):
        assert expected in text, expected


def test_the_letter_is_dutch_even_when_the_screen_is_english(tenants, decided):
    client = client_for(tenants.a.consultant)
    client.cookies["django_language"] = "en"
    response = client.get(f"/personen/{tenants.a.person.pk}/plan/pip/1/brief.pdf", HTTP_ACCEPT_LANGUAGE="en")
    assert "Bent u het niet eens met dit besluit?" in pdf_text(response.content)


def test_downloading_the_letter_is_logged_as_an_export(tenants, decided):
    client_for(tenants.a.consultant).get(f"/personen/{tenants.a.person.pk}/plan/pip/1/brief.pdf")
    entry = AuditEntry.objects.get(action=Action.EXPORT)
    assert entry.person_id == tenants.a.person.pk
    assert entry.purpose == "Brief: PIP-beschikking downloaden"


def test_a_concept_has_no_letter(tenants):
    InburgeringsplichtFactory(person=tenants.a.person)
    PipVersieFactory(person=tenants.a.person, number=1)
    response = client_for(tenants.a.consultant).get(f"/personen/{tenants.a.person.pk}/plan/pip/1/brief.pdf")
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=Action.EXPORT).exists()
