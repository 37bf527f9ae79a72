"""Processing DUO's notifications, in the worker, after the endpoint stored them.

For each stored notification: find the dossier (BSN within the municipality whose OIN it was sent
to, or transferred to it after a move), fetch from DUO what the event points to (``koers.duo.events``),
update the inburgering records (``koers.duo.sync``) and write one timeline entry — all in one
transaction that also marks the notification processed. A notification without a dossier is kept as
``unmatched`` and taken up again once the dossier is registered or transferred (``koers.duo.announced``).
So an event is applied exactly once:

* the same ``berichtId`` twice is stored once (``koers.duo.inbox``);
* the same event under two berichtIds: only one may be processed (constraint
  ``duo_event_applied_once``); the other becomes ``duplicate``;
* a worker killed halfway rolls back, and its lease runs out, so another round takes it again;
* a failed fetch (DUO 5xx, timeout) is tried again with growing waits, up to
  ``KOERS_DUO_MAX_ATTEMPTS`` times, then ``failed``: visible in the dossier, where a consultant can
  have it processed again (``retry``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.db.models import Q

from koers.access.constants import DataCategory
from koers.access.models import Transfer
from koers.duo import events, sync
from koers.duo.client import DuoClient, DuoConfig, DuoError
from koers.duo.models import Notification
from koers.inburgering.constants import BesluitStatus, Bron, VerlengingSoort
from koers.inburgering.models import Termijnverlenging
from koers.inburgering.terms import as_date
from koers.lib import clock, jobs
from koers.people.constants import EventKind, EventSource
from koers.people.models import Person, TimelineEvent

ClientFactory = Callable[[str], DuoClient]


def default_client(bron_oin: str) -> DuoClient:
    return DuoClient(DuoConfig.from_env(), bron_oin=bron_oin)


class Clients(dict[str, DuoClient]):
    """One DUO client per municipality (by OIN, the ``bron`` of its messages) for a round of work."""

    def __init__(self, factory: ClientFactory | None) -> None:
        super().__init__()
        self.factory = factory or default_client

    def __missing__(self, oin: str) -> DuoClient:
        client = self[oin] = self.factory(oin)
        return client


def max_attempts() -> int:
    return int(settings.KOERS_DUO_MAX_ATTEMPTS)


def retry_delay(attempts: int) -> dt.timedelta:
    base = float(settings.KOERS_DUO_RETRY_SECONDS)
    return dt.timedelta(seconds=base * 2 ** (attempts - 1))


def process_due(limit: int = 100, client_factory: ClientFactory | None = None) -> int:
    """Process up to ``limit`` notifications that are due; returns how many were handled."""
    clients = Clients(client_factory)
    worker = jobs.worker_id()
    now = clock.now()
    due = Q(status=Notification.Status.RECEIVED, next_attempt_at__lte=now)
    claimed = jobs.claim(Notification, due, worker=worker, now=now, limit=limit, order_by=("received_at", "id"))
    notifications = Notification.objects.in_bulk(claimed)
    batch = [notifications[pk] for pk in claimed]
    persons = _persons_for(batch)
    applied = set(Notification.objects.filter(
        event_key__in={n.event_key for n in batch}, status=Notification.Status.PROCESSED
    ).values_list("event_key", flat=True))
    for notification in batch:
        person = persons.get((notification.bsn, notification.recipient_oin))
        if process(notification, person, clients[notification.recipient_oin], worker, applied):
            applied.add(notification.event_key)
    return len(claimed)


def _persons_for(batch: list[Notification]) -> dict[tuple[str, str], Person]:
    """The dossiers the notifications are about: the BSN within the municipality they were sent to,
    or transferred to it after a move (``koers.access.consent.transfer_person``)."""
    bsns = {n.bsn for n in batch if n.bsn}
    found = Person.objects.filter(bsn__in=bsns).select_related("municipality")
    persons = {(person.bsn, person.municipality.oin): person for person in found}
    transfers = Transfer.objects.filter(person__bsn__in=bsns).select_related(
        "person__municipality", "to_municipality"
    )
    for transfer in transfers:
        persons.setdefault((transfer.person.bsn, transfer.to_municipality.oin), transfer.person)
    return persons


def _finish(notification: Notification, worker: str, **changes) -> bool:
    return bool(
        Notification.objects.filter(pk=notification.pk, locked_by=worker).update(
            locked_by="", locked_until=None, **changes
        )
    )


def process(notification: Notification, person: Person | None, client: DuoClient, worker: str,
            applied: set[str]) -> bool:
    """Apply one notification; ``True`` when it was applied now. ``applied`` holds the event keys
    already applied."""
    if person is None:
        _finish(notification, worker, status=Notification.Status.UNMATCHED, processed_at=clock.now())
        return False
    if notification.event_key in applied:
        _finish(notification, worker, status=Notification.Status.DUPLICATE, person=person, processed_at=clock.now())
        return False
    event = events.event_type(notification.event_code)
    try:
        fetched = sync.fetch(client, notification.bsn, event.fetch)
    except DuoError as error:
        _retry_later(notification, person, worker, str(error))
        return False
    try:
        with transaction.atomic():
            changes = apply_event(person, notification, event, fetched)
            _record_on_timeline(person, notification, event, changes)
            if not _finish(notification, worker, status=Notification.Status.PROCESSED, person=person,
                           processed_at=clock.now(), attempts=notification.attempts + 1, last_error=""):
                raise LeaseLost
    except LeaseLost:
        return False
    except IntegrityError:
        _finish(notification, worker, status=Notification.Status.DUPLICATE, person=person, processed_at=clock.now())
        return False
    return True


class LeaseLost(Exception):
    """Another worker took this notification over; this worker's changes are rolled back."""


def _retry_later(notification: Notification, person: Person, worker: str, error: str) -> None:
    """A fetch failed: try again later, or give up after the last attempt (shown in the dossier)."""
    attempts = notification.attempts + 1
    if attempts >= max_attempts():
        _finish(notification, worker, status=Notification.Status.FAILED, person=person, attempts=attempts,
                last_error=error)
    else:
        _finish(notification, worker, attempts=attempts, last_error=error,
                next_attempt_at=clock.now() + retry_delay(attempts))


def retry(notification: Notification) -> bool:
    """Give a notification that failed to the worker again, for a new round of attempts; ``False``
    when it had not failed (any more)."""
    return bool(Notification.objects.filter(pk=notification.pk, status=Notification.Status.FAILED).update(
        status=Notification.Status.RECEIVED, attempts=0, next_attempt_at=clock.now()
    ))


def event_day(notification: Notification) -> dt.date:
    moment = dt.datetime.fromisoformat(notification.payload["registratieDatumTijd"].replace("Z", "+00:00"))
    return as_date(moment)


def apply_event(person: Person, notification: Notification, event: events.EventType, fetched: dict) -> list[str]:
    day = event_day(notification)
    changes = sync.apply(person, fetched, day=day)
    if event.starts_leerroute_term:
        changes += sync.mark_leerroute_term(person, day)
    if event.verlenging:
        changes += _record_verlenging(person, event, fetched.get(events.TERMIJN), day)
    return changes


def _record_verlenging(person: Person, event: events.EventType, termijn: dict | None, day: dt.date) -> list[str]:
    if event.verlenging == "geweigerd":
        Termijnverlenging.objects.create(person=person, soort=VerlengingSoort.OP_VERZOEK,
                                         status=BesluitStatus.GEWEIGERD, decided_on=day, source=Bron.DUO)
        return []
    if termijn is None:
        return []
    Termijnverlenging.objects.create(
        person=person, soort=VerlengingSoort(event.verlenging), status=BesluitStatus.TOEGEKEND, decided_on=day,
        new_end=dt.date.fromisoformat(termijn["einddatum"]), reason=termijn.get("verlengingsgrondomschrijving", ""),
        source=Bron.DUO,
    )
    return []


def _record_on_timeline(person: Person, notification: Notification, event: events.EventType,
                        changes: list[str]) -> None:
    TimelineEvent.objects.create(
        person=person,
        occurred_at=clock.now(),
        kind=EventKind.DUO,
        category=DataCategory.DUO,
        title=(_("DUO %(code)s: %(titel)s") % {"code": event.code, "titel": event.title})[:200],
        body="\n".join(changes),
        source=EventSource.DUO,
        data={"berichtId": str(notification.message_id), "gebeurtenisId": notification.event_code,
              "event_key": notification.event_key},
    )


def mark_handled(notification: Notification, user) -> None:
    """A user has acted on an attention signal: it no longer shows as a deadline."""
    Notification.objects.filter(pk=notification.pk).update(acted_on_at=clock.now(), acted_on_by=user)
