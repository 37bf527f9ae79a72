import pytest
from django.core.exceptions import ValidationError

from koers.access.constants import DataCategory
from koers.audit.models import Action, AuditEntry, Channel
from koers.people.changes import change_person
from koers.people.constants import EventKind, EventSource
from koers.people.models import Person, TimelineEvent


def change(tenant, **changes):
    return change_person(
        actor=tenant.consultant, person=tenant.person, changes=changes, channel=Channel.UI, purpose="test"
    )


def test_it_returns_the_changed_fields_and_writes_one_event_per_category(tenants):
    assert change(tenants.a, phone="0612345678", city="Aadorp", phase="regeldag") == ["city", "phase", "phone"]
    events = TimelineEvent.objects.filter(person=tenants.a.person, kind=EventKind.CHANGE)
    assert sorted(e.category for e in events) == [DataCategory.CONTACT, DataCategory.IDENTITY]
    assert {e.source for e in events} == {EventSource.UI}
    contact = events.get(category=DataCategory.CONTACT)
    assert contact.body == "Gewijzigd: woonplaats, telefoon"
    assert AuditEntry.objects.get().action == Action.UPDATE


def test_unchanged_values_write_nothing(tenants):
    assert change(tenants.a, phase=tenants.a.person.phase) == []
    assert not TimelineEvent.objects.exists() and not AuditEntry.objects.exists()


def test_it_refuses_fields_that_are_not_editable_this_way(tenants):
    with pytest.raises(ValueError):
        change(tenants.a, bsn="111222333")


def test_an_invalid_value_stores_nothing(tenants):
    with pytest.raises(ValidationError):
        change(tenants.a, email="geen-adres", phone="0612345678")
    assert Person.objects.get(pk=tenants.a.person.pk).phone == ""
    assert not TimelineEvent.objects.exists() and not AuditEntry.objects.exists()
