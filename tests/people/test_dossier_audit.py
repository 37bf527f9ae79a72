from koers.access.constants import DataCategory
from koers.audit.models import Action, AuditEntry, Channel, Outcome
from tests.factories import TimelineEventFactory

from .conftest import htmx_headers


def read_entries():
    return list(AuditEntry.objects.filter(action=Action.READ, outcome=Outcome.ALLOWED))


def test_every_dossier_read_creates_exactly_one_read_entry(tenants, client_as):
    client = client_as(tenants.a.consultant)
    url = f"/personen/{tenants.a.person.pk}/"
    client.get(url)
    assert len(read_entries()) == 1
    client.get(url)
    entries = read_entries()
    assert len(entries) == 2
    assert {(e.person_id, e.channel, e.user_id) for e in entries} == {
        (tenants.a.person.pk, Channel.UI, tenants.a.consultant.pk)
    }


def test_the_read_entry_names_the_categories_actually_shown(tenants, client_as):
    person = tenants.a.person
    TimelineEventFactory(person=person, category=DataCategory.HEALTH)
    client_as(tenants.a.consultant).get(f"/personen/{person.pk}/")
    [entry] = read_entries()
    assert entry.categories.split(",") == ["bsn", "contact", "gezondheid", "identiteit", "opleiding_werk"]


def test_a_volunteers_read_entry_names_identity_and_contact_only(tenants, client_as):
    TimelineEventFactory(person=tenants.a.person, category=DataCategory.HEALTH)
    client_as(tenants.a.volunteer).get(f"/personen/{tenants.a.person.pk}/")
    [entry] = read_entries()
    assert entry.categories == "contact,identiteit"


def test_filtering_the_timeline_logs_one_read_of_the_events_shown(tenants, client_as):
    person = tenants.a.person
    TimelineEventFactory(person=person, category=DataCategory.NOTES)
    TimelineEventFactory(person=person, category=DataCategory.FINANCE)
    client_as(tenants.a.consultant).get(
        f"/personen/{person.pk}/", {"category": DataCategory.NOTES}, **htmx_headers("timeline-results")
    )
    [entry] = read_entries()
    assert entry.categories == "notities"
