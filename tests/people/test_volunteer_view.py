from koers.access.constants import DataCategory
from koers.audit.models import Action, AuditEntry, Outcome
from tests.factories import TimelineEventFactory


def test_a_volunteer_sees_no_bsn_anywhere(tenants, client_as):
    client = client_as(tenants.a.volunteer)
    person = tenants.a.person
    for url in ("/personen/", f"/personen/{person.pk}/", f"/personen/?q={person.family_name}"):
        content = client.get(url).content.decode()
        assert person.full_name in content
        assert person.bsn not in content
        assert "BSN" not in content


def test_a_volunteer_sees_only_identity_and_contact_events(tenants, client_as):
    person = tenants.a.person
    TimelineEventFactory(person=person, title="Kennismaking met maatje", category=DataCategory.CONTACT)
    TimelineEventFactory(person=person, title="Schuldhulp aangevraagd", category=DataCategory.FINANCE)
    TimelineEventFactory(person=person, title="Intake psycholoog", category=DataCategory.HEALTH)
    content = client_as(tenants.a.volunteer).get(f"/personen/{person.pk}/").content.decode()
    assert "Kennismaking met maatje" in content
    assert "Schuldhulp aangevraagd" not in content
    assert "Intake psycholoog" not in content
    assert "Alfabetisering" not in content


def test_a_volunteer_gets_not_found_for_a_person_not_assigned_to_them(tenants, client_as):
    response = client_as(tenants.a.volunteer).get(f"/personen/{tenants.a.other_person.pk}/")
    assert response.status_code == 404
    assert tenants.a.other_person.full_name not in response.content.decode()
    entry = AuditEntry.objects.get(action=Action.READ)
    assert (entry.person_id, entry.outcome) == (tenants.a.other_person.pk, Outcome.REFUSED)
