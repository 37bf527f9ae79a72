"""DUO's attention signals as deadlines for the signal engine (``koers.lib.deadlines``).

A processed notification whose event asks the municipality to act (``EventType.attention``, e.g.
SS122 vertrokken, SS126 tien weken zonder leerroute, SS127 nog geen aanbod, SS140 advies BIO) is a
running deadline of kind ``duo.attentiesignaal`` until a user marks it handled; it is due the given
number of days after receipt. A notification the worker gave up on (``failed``) is one too, due at
once, until it is processed again or marked handled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory
from koers.duo import events
from koers.duo.models import Notification
from koers.inburgering.terms import as_date
from koers.lib.deadlines import Deadline, DeadlineSource, register_deadline_source
from koers.lib.prepared import ForFew

KIND = "duo.attentiesignaal"


def _pending() -> QuerySet:
    """Notifications nobody acted on yet: processed ones of an event that asks attention, and failed ones."""
    quiet = [code for code, event in events.EVENTS.items() if event.attention is None]
    asks_attention = Q(status=Notification.Status.PROCESSED) & ~Q(event_code__in=quiet)
    return Notification.objects.filter(acted_on_at__isnull=True, person__isnull=False).filter(
        asks_attention | Q(status=Notification.Status.FAILED)
    ).order_by().values_list("pk", "person_id", "event_code", "received_at", "status")


PENDING = ForFew(_pending)


def compute(person_ids: Sequence[int] | None, today: dt.date) -> Iterable[Deadline]:
    for pk, person_id, code, received_at, status in PENDING.of(person_ids):
        event = events.event_type(code)
        failed = status == Notification.Status.FAILED
        yield Deadline(
            person_id=person_id,
            kind=KIND,
            due=as_date(received_at) + dt.timedelta(days=0 if failed else event.attention or 0),
            category=DataCategory.DUO,
            reference=f"duo-notificatie:{pk}",
            detail=f"{code}: {event.title}" + (" (verwerking mislukt)" if failed else ""),
        )


def register() -> None:
    register_deadline_source(
        DeadlineSource(name="duo", kinds={KIND: _("Attentiesignaal van DUO")}, compute=compute,
                       watches=("duo.Notification",))
    )
