"""The consultant handles a person's AVG requests on the dossier's AVG tab; other roles and other
municipalities are refused, and the refusal is logged."""

import io
import json

import pytest
from pypdf import PdfReader

from koers.access.constants import DataCategory, Recipient, Role
from koers.audit.models import Action, AuditEntry, Outcome
from koers.avg.models import CorrectionRequest, Restriction
from koers.people.models import Person, TimelineEvent
from tests.access.factories import ConsentFactory, TransferFactory
from tests.factories import TimelineEventFactory

pytestmark = pytest.mark.django_db


def url(person, tail: str = "") -> str:
    return f"/personen/{person.pk}/avg/{tail}"


def test_the_consultant_sees_the_rights_tab(tenants, client_as):
    response = client_as(tenants.a.consultant).get(url(tenants.a.person))
    assert response.status_code == 200
    assert "Inzage en overdraagbaarheid" in response.content.decode()
    assert AuditEntry.objects.get().purpose == "Scherm: AVG-rechten van betrokkene"


@pytest.mark.parametrize(
    "role",
    [Role.TEAM_LEAD, Role.MB_BEGELEIDER, Role.VRIJWILLIGER, Role.TAALAANBIEDER],
)
def test_roles_that_do_not_handle_requests_are_refused_and_logged(tenants, client_as, role):
    response = client_as(tenants.a.user(role)).get(url(tenants.a.person, "gegevens.json"))
    assert response.status_code == 403
    entry = AuditEntry.objects.get(outcome=Outcome.REFUSED)
    assert entry.person_id == tenants.a.person.pk


@pytest.mark.parametrize("tail", ["", "gegevens.json", "gegevens.pdf"])
def test_another_municipality_gets_a_404_and_the_attempt_is_logged(tenants, client_as, tail):
    response = client_as(tenants.b.consultant).get(url(tenants.a.person, tail))
    assert response.status_code == 404
    entry = AuditEntry.objects.get()
    assert (entry.person_id, entry.outcome) == (tenants.a.person.pk, Outcome.REFUSED)


def test_the_json_export_holds_the_person_the_household_and_every_record(tenants, client_as):
    person = tenants.a.person
    TimelineEventFactory(person=person, title="Intakegesprek", body="Wil graag verpleegkundige worden")
    response = client_as(tenants.a.consultant).get(url(person, "gegevens.json"))
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["person"]["bsn"] == person.bsn and data["person"]["family_name"] == person.family_name
    assert data["household"]["name"] == person.household.name
    assert "Wil graag verpleegkundige worden" in [e["body"] for e in data["records"]["people.TimelineEvent"]]
    assert {a["organisation_id"] for a in data["records"]["people.Assignment"]} == {
        tenants.a.mb_organisation.pk,
        tenants.a.school.pk,
    }
    assert tenants.a.other_person.bsn not in response.content.decode()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.person_id) == (Action.EXPORT, person.pk)


def test_the_pdf_export_shows_the_persons_data(tenants, client_as):
    response = client_as(tenants.a.consultant).get(url(tenants.a.person, "gegevens.pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert tenants.a.person.bsn in text and "people.Assignment" in text


def test_a_correction_is_recorded_and_applied_through_the_change_service(tenants, client_as):
    person = tenants.a.person
    person.email = "oud@example.org"
    person.save()
    response = client_as(tenants.a.consultant).post(
        url(person, "correctie/"),
        {"field_name": "email", "new_value": "nieuw@example.org", "reason": "Typfout"},
    )
    assert response.status_code == 302
    correction = CorrectionRequest.objects.get()
    assert (correction.old_value, correction.new_value, correction.reason, correction.requested_by) == (
        "oud@example.org",
        "nieuw@example.org",
        "Typfout",
        tenants.a.consultant,
    )
    assert Person.objects.get(pk=person.pk).email == "nieuw@example.org"
    titles = set(TimelineEvent.objects.filter(person=person).values_list("title", flat=True))
    assert {
        "Contactgegevens gewijzigd",
        "Correctie verwerkt op verzoek van betrokkene (AVG art. 16)",
    } <= titles
    assert AuditEntry.objects.filter(action=Action.UPDATE, person_id=person.pk).exists()


def test_an_invalid_correction_stores_nothing(tenants, client_as):
    person = tenants.a.person
    response = client_as(tenants.a.consultant).post(
        url(person, "correctie/"),
        {"field_name": "email", "new_value": "geen e-mailadres", "reason": "Nieuw adres"},
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not CorrectionRequest.objects.exists()
    assert Person.objects.get(pk=person.pk).email == person.email


def test_an_unknown_field_cannot_be_corrected(tenants, client_as):
    response = client_as(tenants.a.consultant).post(
        url(tenants.a.person, "correctie/"), {"field_name": "bsn", "new_value": "123", "reason": "x"}
    )
    assert response.status_code == 400 and not CorrectionRequest.objects.exists()


def test_a_restricted_dossier_refuses_changes_until_lifted(tenants, client_as, api_client_for):
    person = tenants.a.person
    client = client_as(tenants.a.consultant)
    response = client.post(
        url(person, "beperking/"), {"reason": "Betwist de juistheid", "starts_on": "2026-11-25"}
    )
    assert response.status_code == 302
    restriction = Restriction.objects.get()
    api = api_client_for(tenants.a.consultant)
    refused = api.patch(f"/api/v1/personen/{person.pk}", {"phone": "0611111111"}, format="json")
    assert refused.status_code == 403
    assert Person.objects.get(pk=person.pk).phone == person.phone
    response = client.post(
        url(person, "correctie/"),
        {"field_name": "phone", "new_value": "0611111111", "reason": "Nieuw nummer"},
    )
    assert response.status_code == 400 and not CorrectionRequest.objects.exists()
    client.post(url(person, f"beperking/{restriction.pk}/opheffen/"))
    assert (
        api.patch(f"/api/v1/personen/{person.pk}", {"phone": "0611111111"}, format="json").status_code == 200
    )
    titles = set(TimelineEvent.objects.filter(person=person).values_list("title", flat=True))
    assert {"Verwerking beperkt (AVG art. 18)", "Beperking van de verwerking opgeheven"} <= titles


def test_a_restriction_ending_before_it_starts_is_refused(tenants, client_as):
    response = client_as(tenants.a.consultant).post(
        url(tenants.a.person, "beperking/"),
        {"reason": "x", "starts_on": "2026-11-25", "ends_on": "2026-11-24"},
    )
    assert response.status_code == 400 and not Restriction.objects.exists()


def test_the_next_municipality_after_a_transfer_handles_no_requests_on_the_dossier(tenants, client_as):
    """The export holds every category; the next municipality sees only what the consent covers."""
    consent = ConsentFactory(
        person=tenants.a.person, recipients=[Recipient.NEXT_MUNICIPALITY], categories=[DataCategory.IDENTITY]
    )
    TransferFactory(person=tenants.a.person, to_municipality=tenants.b.municipality, consent=consent)
    client = client_as(tenants.b.consultant)
    assert client.get(f"/personen/{tenants.a.person.pk}/").status_code == 200
    for tail in ("", "gegevens.json", "gegevens.pdf"):
        assert client.get(url(tenants.a.person, tail)).status_code == 403
