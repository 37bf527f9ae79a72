"""Correction of a dossier at the person's request (art. 16 AVG): the request is recorded (what, old
and new value, reason, who, when) and the change goes through ``koers.people.changes.change_person``,
so it lands on the timeline and in the audit log like every other change."""

from __future__ import annotations

from django.db import transaction

from koers.access.models import User
from koers.audit.models import Channel
from koers.people.categories import category_of
from koers.people.changes import EDITABLE_FIELDS, change_person
from koers.people.constants import EventKind, EventSource
from koers.people.models import Person, TimelineEvent

from .models import CorrectionRequest

# The person's data that can be corrected: what change_person may change, except the phase, which is
# the dossier's progress rather than a fact about the person.
CORRECTABLE_FIELDS = tuple(name for name in EDITABLE_FIELDS if name != "phase")
PURPOSE = "AVG: correctie op verzoek van betrokkene"


@transaction.atomic
def correct(
    *,
    actor: User,
    person: Person,
    field_name: str,
    new_value: str,
    reason: str,
    channel: Channel,
    request=None,
) -> CorrectionRequest:
    """Record the request and apply it; a value change_person refuses leaves nothing stored."""
    if field_name not in CORRECTABLE_FIELDS:
        raise ValueError(f"Not correctable: {field_name}")
    old_value = getattr(person, field_name)
    correction = CorrectionRequest.objects.create(
        person=person,
        field_name=field_name,
        old_value=old_value,
        new_value=new_value,
        reason=reason,
        requested_by=actor,
    )
    change_person(
        actor=actor,
        person=person,
        changes={field_name: new_value},
        channel=channel,
        purpose=PURPOSE,
        request=request,
    )
    TimelineEvent.objects.create(
        person=person,
        kind=EventKind.CHANGE,
        category=category_of(field_name),
        title="Correctie verwerkt op verzoek van betrokkene (AVG art. 16)",
        body=f"Reden: {reason}",
        actor=actor,
        source=EventSource.API if channel == Channel.API else EventSource.UI,
        data={"correction": correction.pk, "field": field_name},
    )
    return correction
