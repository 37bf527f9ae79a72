"""Changing a dossier's contact, address and phase data: the change, its timeline entries and its
audit entry, all or nothing. The UI and the API both call :func:`change_person`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from koers.access.constants import DataCategory
from koers.access.models import User
from koers.audit.log import record
from koers.audit.models import Action, Channel
from koers.avg.restriction import refuse_if_restricted
from koers.lib.records import record_language

from .categories import category_of
from .constants import EventKind, EventSource, Phase
from .models import Person, TimelineEvent

EDITABLE_FIELDS = ("street", "house_number", "postcode", "city", "phone", "email", "phase")


def _label(field_name: str) -> str:
    with record_language():
        return str(Person._meta.get_field(field_name).verbose_name)


def _phase_label(value: str) -> str:
    with record_language():
        return str(Phase(value).label)


def _timeline_entry(
    person: Person, category: DataCategory, changed: dict[str, tuple[Any, Any]], actor: User, channel: Channel
) -> TimelineEvent:
    names = sorted(changed)
    if names == ["phase"]:
        old, new = changed["phase"]
        title = f"Fase gewijzigd: {_phase_label(old)} → {_phase_label(new)}"
    else:
        title = "Contactgegevens gewijzigd" if category == DataCategory.CONTACT else "Gegevens gewijzigd"
    return TimelineEvent(
        person=person,
        kind=EventKind.CHANGE,
        category=category,
        title=title,
        body="Gewijzigd: " + ", ".join(_label(name) for name in names),
        actor=actor,
        source=EventSource.API if channel == Channel.API else EventSource.UI,
        data={"fields": names},
    )


@transaction.atomic
def change_person(
    *,
    actor: User,
    person: Person,
    changes: Mapping[str, Any],
    channel: Channel,
    purpose: str,
    request=None,
) -> list[str]:
    """Apply ``changes`` (model field names of :data:`EDITABLE_FIELDS`) and return the names of the
    fields that really changed. Each changed category gets a timeline entry of kind CHANGE; the
    request gets one UPDATE entry in the audit log, naming the fields but not their values."""
    not_editable = set(changes) - set(EDITABLE_FIELDS)
    if not_editable:
        raise ValueError(f"Not editable through change_person: {sorted(not_editable)}")
    refuse_if_restricted(person)
    changed = {
        name: (getattr(person, name), value) for name, value in changes.items() if getattr(person, name) != value
    }
    if not changed:
        return []
    for name, (_, new) in changed.items():
        setattr(person, name, new)
    person.full_clean(
        exclude=[f.name for f in Person._meta.fields if f.name not in changed],
        validate_unique=False,
        validate_constraints=False,
    )
    person.save()
    by_category: dict[DataCategory, dict[str, tuple[Any, Any]]] = {}
    for name, values in changed.items():
        by_category.setdefault(category_of(name), {})[name] = values
    TimelineEvent.objects.bulk_create(
        [_timeline_entry(person, category, fields, actor, channel) for category, fields in by_category.items()]
    )
    names = sorted(changed)
    record(
        user=actor,
        action=Action.UPDATE,
        persons=[person],
        categories=list(by_category),
        purpose=purpose,
        channel=channel,
        request=request,
        detail="Gewijzigd: " + ", ".join(names),
    )
    return names
