"""Inburgeringsplichtigen DUO announces before Koers has their dossier (new duty, moved in, duty
resumed: ``EventType.announces_person``).

A notification about a BSN without a dossier in the municipality it was sent to is kept as
``unmatched`` (``koers.duo.processing``). When such notifications include an announcing event, the
BSN is on the municipality's list of announced persons (``announcements``), the task for its
consultants: register the dossier, or mark the announcement handled when it needs no dossier.

Once a dossier with that BSN is registered in the municipality, or transferred to it after a move,
every unmatched notification about the BSN is taken up again (``rematch``): the worker applies them
to the dossier as if they had just arrived, fetching DUO's current state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.db.models.signals import post_save

from koers.access.models import Municipality, Transfer, User
from koers.duo import events
from koers.duo.models import Notification
from koers.lib import clock
from koers.people.models import Person

ANNOUNCING = frozenset(code for code, event in events.EVENTS.items() if event.announces_person)


@dataclass
class Announcement:
    """What DUO said about one BSN that has no dossier in ``municipality`` (oldest first)."""

    bsn: str
    municipality: Municipality
    notifications: list[Notification] = field(default_factory=list)

    @property
    def events(self) -> list[events.EventType]:
        return [events.event_type(n.event_code) for n in self.notifications]

    @property
    def first_received(self) -> dt.datetime:
        return self.notifications[0].received_at


def _waiting(municipalities: dict[str, Municipality]) -> QuerySet[Notification]:
    return Notification.objects.filter(
        status=Notification.Status.UNMATCHED, acted_on_at__isnull=True, recipient_oin__in=list(municipalities),
    ).exclude(bsn="")


def announcements(municipality_ids: Iterable[int]) -> list[Announcement]:
    """The BSNs DUO announced to these municipalities that have no dossier there yet, oldest first."""
    municipalities = {m.oin: m for m in Municipality.objects.filter(pk__in=list(municipality_ids))}
    grouped: dict[tuple[str, str], Announcement] = {}
    for notification in _waiting(municipalities).order_by("received_at", "id"):
        key = (notification.bsn, notification.recipient_oin)
        if key not in grouped:
            grouped[key] = Announcement(notification.bsn, municipalities[notification.recipient_oin])
        grouped[key].notifications.append(notification)
    return [a for a in grouped.values() if any(n.event_code in ANNOUNCING for n in a.notifications)]


def dismiss(municipality: Municipality, bsn: str, user: User) -> int:
    """The consultant has dealt with the announcement without a dossier; returns how many notifications."""
    return _waiting({municipality.oin: municipality}).filter(bsn=bsn).update(
        acted_on_at=clock.now(), acted_on_by=user
    )


def rematch(bsn: str) -> int:
    """Give the unmatched notifications about ``bsn`` to the worker again; returns how many."""
    return Notification.objects.filter(status=Notification.Status.UNMATCHED, bsn=bsn).update(
        status=Notification.Status.RECEIVED, next_attempt_at=clock.now(), processed_at=None
    )


def person_saved(sender, instance: Person, raw: bool = False, **kwargs) -> None:
    if instance.bsn and not raw:
        rematch(instance.bsn)


def transfer_saved(sender, instance: Transfer, created: bool = False, raw: bool = False, **kwargs) -> None:
    if created and not raw and instance.person.bsn:
        rematch(instance.person.bsn)


def connect() -> None:
    post_save.connect(person_saved, sender=Person, dispatch_uid="koers.duo.announced.person")
    post_save.connect(transfer_saved, sender=Transfer, dispatch_uid="koers.duo.announced.transfer")
