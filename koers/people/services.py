"""Domain actions on dossiers. Views and API call these; they hold no rules of their own."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from koers.access.constants import DataCategory
from koers.access.models import User
from koers.audit.log import record
from koers.audit.models import Action, Channel

from .constants import EventKind, EventSource, HouseholdRelation
from .models import Household, HouseholdMember, Person, TimelineEvent


@transaction.atomic
def register_person(
    *,
    actor: User,
    data: dict[str, Any],
    channel: Channel,
    purpose: str,
    request=None,
    members: Iterable[Mapping[str, Any]] = (),
) -> Person:
    """Register a newcomer linked (gekoppeld) to a municipality: the dossier, a household of one
    unless one is given, the family ``members`` without a dossier of their own (each a mapping of
    ``HouseholdMember`` fields: relation, given_names, family_name, date_of_birth, gender), the
    first timeline entry and the audit entry, all or nothing."""
    household = data.pop("household", None)
    person = Person(**data)
    person.full_clean()
    person.save()
    if household is None:
        household = Household.objects.create(
            municipality=person.municipality, name=f"Huishouden {person.family_name}"
        )
    relation = HouseholdRelation.APPLICANT if not household.members.exists() else HouseholdRelation.PARTNER
    HouseholdMember.objects.create(household=household, person=person, relation=relation)
    add_family_members(household, members)
    TimelineEvent.objects.create(
        person=person,
        kind=EventKind.REGISTRATION,
        category=DataCategory.IDENTITY,
        title="Gekoppeld aan de gemeente en geregistreerd in Koers",
        body=f"Datum koppeling: {person.koppeling_date:%d-%m-%Y}",
        actor=actor,
        source=EventSource.API if channel == Channel.API else EventSource.UI,
    )
    record(
        user=actor,
        action=Action.CREATE,
        persons=[person],
        categories=DataCategory.values,
        purpose=purpose,
        channel=channel,
        request=request,
    )
    return person


def add_family_members(household: Household, members: Iterable[Mapping[str, Any]]) -> list[HouseholdMember]:
    """Add family members who have no dossier of their own (a partner without the duty, children)."""
    created = []
    for fields in members:
        member = HouseholdMember(household=household, **fields)
        member.full_clean(exclude=["household"])
        created.append(member)
    return HouseholdMember.objects.bulk_create(created)
