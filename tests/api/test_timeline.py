import datetime as dt

from django.utils import timezone

from koers.access.constants import DataCategory
from koers.audit.models import Action, AuditEntry, Outcome
from koers.people.constants import EventKind
from tests.factories import TimelineEventFactory

from .helpers import assert_problem


def url(person) -> str:
    return f"/api/v1/personen/{person.pk}/tijdlijn"


def at(day: int):
    return timezone.make_aware(dt.datetime(2026, 11, day, 10, 0))


def timeline(person):
    return {
        "old_note": TimelineEventFactory(person=person, occurred_at=at(1), kind=EventKind.NOTE,
                                         category=DataCategory.NOTES),
        "appointment": TimelineEventFactory(person=person, occurred_at=at(10), kind=EventKind.APPOINTMENT,
                                            category=DataCategory.CONTACT),
        "health": TimelineEventFactory(person=person, occurred_at=at(20), kind=EventKind.NOTE,
                                       category=DataCategory.HEALTH),
    }


def event_ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [e["id"] for e in response.json()["results"]]


def test_the_timeline_comes_newest_first(tenants, api_as):
    events = timeline(tenants.a.person)
    assert event_ids(api_as(tenants.a.consultant).get(url(tenants.a.person))) == [
        events["health"].pk, events["appointment"].pk, events["old_note"].pk,
    ]


def test_it_filters_on_kind_and_category(tenants, api_as):
    events = timeline(tenants.a.person)
    client = api_as(tenants.a.consultant)
    assert event_ids(client.get(url(tenants.a.person), {"kind": "notitie"})) == [
        events["health"].pk, events["old_note"].pk,
    ]
    assert event_ids(client.get(url(tenants.a.person), {"category": "contact"})) == [events["appointment"].pk]
    assert_problem(client.get(url(tenants.a.person), {"category": "geheim"}), 400)


def test_a_user_sees_only_events_of_categories_they_may_see(tenants, api_as):
    events = timeline(tenants.a.person)
    assert event_ids(api_as(tenants.a.volunteer).get(url(tenants.a.person))) == [events["appointment"].pk]
    assert event_ids(api_as(tenants.a.volunteer).get(url(tenants.a.person), {"category": "gezondheid"})) == []


def test_reading_the_timeline_logs_one_entry_naming_the_categories_shown(tenants, api_as):
    timeline(tenants.a.person)
    api_as(tenants.a.mb_worker).get(url(tenants.a.person))
    entry = AuditEntry.objects.get()
    assert (entry.person_id, entry.action, entry.purpose) == (
        tenants.a.person.pk, Action.READ, "API v1 GET /personen/{id}/tijdlijn",
    )
    assert entry.categories == "contact,gezondheid,notities"


def test_the_timeline_of_a_person_out_of_reach_is_not_found(tenants, api_as):
    timeline(tenants.a.other_person)
    assert_problem(api_as(tenants.a.volunteer).get(url(tenants.a.other_person)), 404)
    entry = AuditEntry.objects.get()
    assert (entry.person_id, entry.outcome) == (tenants.a.other_person.pk, Outcome.REFUSED)
