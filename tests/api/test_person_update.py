from koers.access.constants import DataCategory
from koers.audit.models import Action, AuditEntry, Channel, Outcome
from koers.people.constants import EventKind, EventSource
from koers.people.models import Person, TimelineEvent

from .helpers import assert_problem, invalid_names


def url(person) -> str:
    return f"/api/v1/personen/{person.pk}"


def test_a_consultant_changes_contact_data_with_an_audit_entry_and_a_timeline_event(tenants, api_as):
    person = tenants.a.person
    response = api_as(tenants.a.consultant).patch(
        url(person), {"phone": "0612345678", "email": "m.t@example.org"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["phone"] == "0612345678"
    person.refresh_from_db()
    assert (person.phone, person.email) == ("0612345678", "m.t@example.org")
    update = AuditEntry.objects.get(action=Action.UPDATE)
    assert (update.person_id, update.channel, update.categories) == (person.pk, Channel.API, "contact")
    assert "phone" in update.detail and "0612345678" not in update.detail
    event = TimelineEvent.objects.get(person=person)
    assert (event.kind, event.category, event.source) == (EventKind.CHANGE, DataCategory.CONTACT, EventSource.API)


def test_a_phase_change_gets_its_own_timeline_event(tenants, api_as):
    api_as(tenants.a.consultant).patch(url(tenants.a.person), {"phase": "regeldag", "city": "Aadorp"},
                                       format="json")
    events = {e.category: e for e in TimelineEvent.objects.filter(kind=EventKind.CHANGE)}
    assert set(events) == {DataCategory.CONTACT, DataCategory.IDENTITY}
    assert events[DataCategory.IDENTITY].title == "Fase gewijzigd: Koppeling → Regeldag"
    assert AuditEntry.objects.get(action=Action.UPDATE).categories == "contact,identiteit"


def test_a_postcode_is_stored_in_the_usual_form(tenants, api_as):
    api_as(tenants.a.consultant).patch(url(tenants.a.person), {"postcode": "2491ab"}, format="json")
    tenants.a.person.refresh_from_db()
    assert tenants.a.person.postcode == "2491 AB"


def test_an_mb_worker_may_change_the_dossiers_of_their_organisation(tenants, api_as):
    response = api_as(tenants.a.mb_worker).patch(url(tenants.a.person), {"phone": "0701234567"}, format="json")
    assert response.status_code == 200
    assert Person.objects.get(pk=tenants.a.person.pk).phone == "0701234567"


def test_a_volunteer_who_may_read_the_dossier_may_not_change_it(tenants, api_as):
    for user in (tenants.a.volunteer, tenants.a.team_lead):
        response = api_as(user).patch(url(tenants.a.person), {"phone": "0612345678"}, format="json")
        assert_problem(response, 403)
    assert Person.objects.get(pk=tenants.a.person.pk).phone == ""
    assert list(AuditEntry.objects.values_list("action", "outcome", "person_id")) == [
        (Action.UPDATE, Outcome.REFUSED, tenants.a.person.pk)
    ] * 2


def test_fields_that_cannot_be_changed_here_are_refused_and_nothing_changes(tenants, api_as):
    response = api_as(tenants.a.consultant).patch(
        url(tenants.a.person), {"bsn": "111222333", "phone": "0612345678"}, format="json"
    )
    body = assert_problem(response, 400)
    assert invalid_names(body) == {"bsn"}
    person = Person.objects.get(pk=tenants.a.person.pk)
    assert (person.bsn, person.phone) == (tenants.a.person.bsn, "")
    assert not TimelineEvent.objects.exists()


def test_invalid_values_are_named_and_nothing_changes(tenants, api_as):
    response = api_as(tenants.a.consultant).patch(
        url(tenants.a.person), {"postcode": "AB 1234", "email": "geen-adres", "phase": "klaar"}, format="json"
    )
    body = assert_problem(response, 400)
    assert invalid_names(body) == {"postcode", "email", "phase"}
    assert not AuditEntry.objects.filter(action=Action.UPDATE).exists()


def test_a_request_without_changes_writes_no_update(tenants, api_as):
    response = api_as(tenants.a.consultant).patch(url(tenants.a.person), {"phase": "koppeling"}, format="json")
    assert response.status_code == 200
    assert list(AuditEntry.objects.values_list("action", flat=True)) == [Action.READ]
    assert not TimelineEvent.objects.exists()


def test_put_is_not_allowed(tenants, api_as):
    assert_problem(api_as(tenants.a.consultant).put(url(tenants.a.person), {}, format="json"), 405)
