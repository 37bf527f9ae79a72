"""The tab "Toestemming": list, give, withdraw; for consultants and MB workers of the municipality."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from koers.access.constants import ConsentMethod
from koers.access.constants import DataCategory as C
from koers.access.constants import Role
from koers.access.models import Consent
from koers.audit.models import Action, AuditEntry, Outcome
from koers.people.models import TimelineEvent

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def url(person, suffix=""):
    return f"/personen/{person.pk}/toestemming/{suffix}"


def verbal(tenant, **extra):
    return {
        "purpose": "Maatschappelijke begeleiding",
        "organisations": [tenant.mb_organisation.pk],
        "categories": [C.HEALTH, C.FINANCE],
        "how": ConsentMethod.VERBAL,
        "witness": "Tolk Samira Bouzid",
        "language": "ar",
        "given_on": "20-11-2026",
        **extra,
    }


@pytest.mark.parametrize("role", [Role.CONSULTANT, Role.MB_BEGELEIDER])
def test_consultants_and_mb_workers_see_the_consents_of_the_person(tenants, client_as, role):
    response = client_as(tenants.a.user(role)).get(url(tenants.a.person))
    assert response.status_code == 200
    assert "Begeleiding bij wonen, zorg en geldzaken" in response.content.decode()
    assert AuditEntry.objects.filter(person_id=tenants.a.person.pk, action=Action.READ).count() == 1


@pytest.mark.parametrize("role", [Role.TEAM_LEAD, Role.VRIJWILLIGER, Role.TAALAANBIEDER])
def test_other_roles_that_reach_the_dossier_are_refused(tenants, client_as, role):
    client = client_as(tenants.a.user(role))
    assert client.get(url(tenants.a.person)).status_code == 403
    assert client.post(url(tenants.a.person, "nieuw/"), verbal(tenants.a)).status_code == 403
    assert Consent.objects.count() == 2


@pytest.mark.parametrize("role", [Role.POLICY_ANALYST, Role.FUNCTIONAL_ADMIN])
def test_roles_without_dossiers_get_a_404(tenants, client_as, role):
    assert client_as(tenants.a.user(role)).get(url(tenants.a.person)).status_code == 404


def test_another_municipality_gets_a_404_and_the_attempt_is_logged(tenants, client_as):
    client = client_as(tenants.b.consultant)
    consent = tenants.a.person.consents.get()
    assert client.get(url(tenants.a.person)).status_code == 404
    assert client.post(url(tenants.a.person, "nieuw/"), verbal(tenants.a)).status_code == 404
    assert client.post(url(tenants.a.person, f"{consent.pk}/intrekken/")).status_code == 404
    assert Consent.objects.get(pk=consent.pk).withdrawn_on is None
    refused = AuditEntry.objects.filter(outcome=Outcome.REFUSED, person_id=tenants.a.person.pk)
    assert refused.count() == 3


def test_a_verbal_consent_is_recorded_with_its_witness_on_the_timeline_and_in_the_log(tenants, client_as):
    person = tenants.a.other_person
    response = client_as(tenants.a.consultant).post(url(person, "nieuw/"), verbal(tenants.a))
    assert response.status_code == 302
    consent = person.consents.get()
    assert (consent.witness, consent.language, consent.recorded_by) == ("Tolk Samira Bouzid", "ar", tenants.a.consultant)
    assert set(consent.categories) == {C.HEALTH, C.FINANCE}
    assert list(consent.organisations.all()) == [tenants.a.mb_organisation]
    assert TimelineEvent.objects.filter(person=person, title="Toestemming gegeven om gegevens te delen").exists()
    assert AuditEntry.objects.filter(person_id=person.pk, action=Action.CREATE).count() == 1


def test_a_signed_form_is_stored_and_can_be_downloaded(tenants, client_as, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    person = tenants.a.person
    client = client_as(tenants.a.mb_worker)
    upload = SimpleUploadedFile("formulier.pdf", PDF, content_type="application/pdf")
    data = verbal(tenants.a, how=ConsentMethod.SIGNED_FORM, witness="", document=upload)
    assert client.post(url(person, "nieuw/"), data).status_code == 302
    consent = person.consents.latest("id")
    assert consent.document.name.startswith(f"toestemming/{person.municipality_id}/")
    assert person.family_name not in consent.document.name
    download = client.get(url(person, f"{consent.pk}/formulier/"))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_a_signed_form_that_is_not_a_pdf_or_image_is_refused_and_nothing_is_stored(tenants, client_as):
    person = tenants.a.other_person
    upload = SimpleUploadedFile("formulier.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    data = verbal(tenants.a, how=ConsentMethod.SIGNED_FORM, witness="", document=upload)
    response = client_as(tenants.a.consultant).post(url(person, "nieuw/"), data)
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not person.consents.exists() and not TimelineEvent.objects.filter(person=person).exists()


@pytest.mark.parametrize(
    "change",
    [{"witness": ""}, {"categories": []}, {"organisations": []}, {"language": "xx"}, {"given_on": "01-01-2027"},
     {"how": "telepathie"}, {"how": ConsentMethod.SIGNED_FORM}, {"how": ConsentMethod.PORTAL}],
)
def test_an_incomplete_consent_is_refused_with_a_clear_error(tenants, client_as, change):
    person = tenants.a.other_person
    response = client_as(tenants.a.consultant).post(url(person, "nieuw/"), verbal(tenants.a, **change))
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not person.consents.exists()


def test_an_organisation_of_another_municipality_cannot_be_chosen(tenants, client_as):
    person = tenants.a.other_person
    data = verbal(tenants.a, organisations=[tenants.b.mb_organisation.pk])
    assert client_as(tenants.a.consultant).post(url(person, "nieuw/"), data).status_code == 400
    assert not person.consents.exists()


def test_withdrawing_cuts_the_mb_workers_access_on_the_very_next_request(tenants, client_as):
    person = tenants.a.person
    worker = client_as(tenants.a.mb_worker)
    consent = person.consents.get()
    TimelineEvent.objects.create(person=person, kind="notitie", category=C.HEALTH, title="Huisarts: astma-controle")
    assert "astma-controle" in worker.get(f"/personen/{person.pk}/").content.decode()
    response = client_as(tenants.a.consultant).post(url(person, f"{consent.pk}/intrekken/"))
    assert response.status_code == 302
    assert "astma-controle" not in worker.get(f"/personen/{person.pk}/").content.decode()
    assert Consent.objects.get(pk=consent.pk).withdrawn_on is not None
    assert AuditEntry.objects.filter(person_id=person.pk, action=Action.UPDATE, purpose="Toestemming intrekken").exists()
    assert TimelineEvent.objects.filter(person=person, title="Toestemming ingetrokken").exists()


def test_a_consent_cannot_be_withdrawn_twice(tenants, client_as):
    consent = tenants.a.person.consents.get()
    client = client_as(tenants.a.consultant)
    client.post(url(tenants.a.person, f"{consent.pk}/intrekken/"))
    client.post(url(tenants.a.person, f"{consent.pk}/intrekken/"))
    assert TimelineEvent.objects.filter(person=tenants.a.person, title="Toestemming ingetrokken").count() == 1


def test_the_consent_of_another_person_cannot_be_withdrawn_through_this_dossier(tenants, client_as):
    consent = tenants.a.person.consents.get()
    response = client_as(tenants.a.consultant).post(url(tenants.a.other_person, f"{consent.pk}/intrekken/"))
    assert response.status_code == 404
    assert Consent.objects.get(pk=consent.pk).withdrawn_on is None


def test_the_tab_shows_only_to_those_who_record_consent(tenants, client_as):
    link = url(tenants.a.person)
    assert link in client_as(tenants.a.consultant).get(f"/personen/{tenants.a.person.pk}/").content.decode()
    assert link not in client_as(tenants.a.volunteer).get(f"/personen/{tenants.a.person.pk}/").content.decode()
