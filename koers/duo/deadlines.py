"""DUO's attention signals as deadlines for the signal engine (``koers.lib.deadlines``).

A processed notification whose event asks the municipality to act (``EventType.attention``, e.g.
SS122 vertrokken, SS126 tien weken zonder leerroute, SS127 nog geen aanbod, SS140 advies BIO) is a
running deadline of kind ``duo.attentiesignaal`` until a user marks it handled; it is due the given
number of days after receipt.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory
from koers.duo import events
from koers.duo.models import Notification
from koers.inburgering.terms import as_date
from koers.lib.deadlines import Deadline, DeadlineSource, register_deadline_source

KIND = "duo.attentiesignaal"


def compute(person_ids: Sequence[int] | None, today: dt.date) -> Iterable[Deadline]:
    pending = Notification.objects.filter(
        status=Notification.Status.PROCESSED, acted_on_at__isnull=True, person__isnull=False
    ).exclude(event_code__in=[code for code, event in events.EVENTS.items() if event.attention is None])
    if person_ids is not None:
        pending = pending.filter(person_id__in=person_ids)
    for pk, person_id, code, received_at in pending.values_list("pk", "person_id", "event_code", "received_at"):
        event = events.event_type(code)
        yield Deadline(
            person_id=person_id,
            kind=KIND,
            due=as_date(received_at) + dt.timedelta(days=event.attention or 0),
            category=DataCategory.DUO,
            reference=f"duo-notificatie:{pk}",
            detail=f"{code}: {event.title}",
        )


def register() -> None:
    register_deadline_source(
        DeadlineSource(name="duo", kinds={KIND: _("Attentiesignaal van DUO")}, compute=compute)
    )
