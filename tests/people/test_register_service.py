import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from koers.access.constants import DataCategory
from koers.audit.models import Action, AuditEntry, Channel
from koers.people.constants import EventKind, HouseholdRelation, TargetGroup
from koers.people.models import Household, Person, TimelineEvent
from koers.people.services import register_person


def person_data(tenant, **overrides):
    data = {
        "municipality": tenant.municipality,
        "bsn": "111222333",
        "given_names": "Merhawit",
        "family_name": "Tesfamariam",
        "date_of_birth": dt.date(1994, 2, 11),
        "gender": "v",
        "country_of_origin": "ER",
        "target_group": TargetGroup.ASIEL,
        "koppeling_date": dt.date(2026, 10, 1),
        "languages": ["ti"],
    }
    return data | overrides


def test_it_registers_a_person_with_household_timeline_and_audit_entry(tenants):
    person = register_person(
        actor=tenants.a.consultant, data=person_data(tenants.a), channel=Channel.UI, purpose="test"
    )
    assert person.household.members.get().relation == HouseholdRelation.APPLICANT
    assert person.timeline.get().kind == EventKind.REGISTRATION
    entry = AuditEntry.objects.get(person_id=person.pk)
    assert entry.action == Action.CREATE
    assert DataCategory.BSN in entry.categories.split(",")


def test_it_refuses_an_invalid_bsn_and_stores_nothing(tenants):
    before = (Person.objects.count(), Household.objects.count(), TimelineEvent.objects.count())
    with pytest.raises(ValidationError) as error:
        register_person(
            actor=tenants.a.consultant,
            data=person_data(tenants.a, bsn="123456789"),
            channel=Channel.UI,
            purpose="test",
        )
    assert "elfproef" in str(error.value.message_dict["bsn"])
    assert (Person.objects.count(), Household.objects.count(), TimelineEvent.objects.count()) == before


def test_it_refuses_a_bsn_that_is_already_registered(tenants):
    with pytest.raises(ValidationError) as error:
        register_person(
            actor=tenants.a.consultant,
            data=person_data(tenants.a, bsn=tenants.b.person.bsn),
            channel=Channel.UI,
            purpose="test",
        )
    assert "bsn" in error.value.message_dict


def test_a_second_adult_joins_an_existing_household_as_partner(tenants):
    household = tenants.a.person.household
    partner = register_person(
        actor=tenants.a.consultant,
        data=person_data(tenants.a, household=household),
        channel=Channel.UI,
        purpose="test",
    )
    assert partner.household_membership.relation == HouseholdRelation.PARTNER
    assert household.members.count() == 2
