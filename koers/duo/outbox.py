"""The outbox: every message to DUO is stored first, in the transaction of the dossier change, and
sent by the worker.

For the services that report to DUO (PIP, inburgeringsaanbod, MAP/PVT/Z-route, contact person,
hours) there is one function to call, inside the transaction that changes the dossier::

    from koers.duo import outbox

    with transaction.atomic():
        pip.save()
        outbox.enqueue(person, "pip", {"dagtekeningPip": "2026-11-20", "leerroute": "B"}, actor=request.user)

``message_type`` is a ``koers.duo.models.MessageType`` (``pip``, ``inburgeringsaanbod``, ``map``,
``pvt``, ``zroute``, ``contactpersoon_koppelen``, ``uren_participatie_als_taalles`` ...; ``MESSAGE_TYPES``
names DUO's operation of each); ``payload`` is the JSON body of DUO's specification (``None`` for a
DELETE); ``path_params`` gives the other path parts (``instellingsnummer``, ``id``); ``about`` the
record the message reports, whose ``sent_to_duo_at`` is set when DUO accepts it. The
message is checked against DUO's specification at once: :class:`OutboxRefused` (Dutch message)
rolls the caller's transaction back when it does not follow it. DUO's own rules are checked by DUO
(and before, by the caller, with ``koers.inburgering.rules``).

The worker (``send_due``, periodic job ``duo.send_outbox``) sends waiting messages. Status per
message: waiting → sent → accepted | refused (DUO's fouttekst kept) | failed (after
``KOERS_DUO_MAX_ATTEMPTS`` tries on 5xx, timeouts and an unreachable DUO). A message is sent under
one berichtId however often it is tried, so DUO registers it once. A refused or failed message can be
resent (as a new message, new berichtId) and a waiting one cancelled; each step lands on the timeline.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from koers.access.constants import DataCategory
from koers.duo import specs
from koers.duo.client import DuoClient, DuoError
from koers.duo.models import Contactpersoon, MessageType, OutboxMessage
from koers.duo.processing import ClientFactory, Clients, max_attempts, retry_delay
from koers.lib import clock, jobs
from koers.lib.records import record_language
from koers.people.constants import EventKind, EventSource
from koers.people.models import Person, TimelineEvent

MESSAGE_TYPES: dict[str, str] = {
    MessageType.PIP: "postPipByBsn",
    MessageType.PIP_INTREKKEN: "deletePipByBsn",
    MessageType.INBURGERINGSAANBOD: "postInburgeringsaanbodByBsnAndInstellingsnummer",
    MessageType.INBURGERINGSAANBOD_INTREKKEN: "deleteInburgeringsaanbodByBsnAndInstellingsnumer",
    MessageType.MAP: "updateMapByBsn",
    MessageType.PVT: "updatePvtByBsn",
    MessageType.ZROUTE: "updateZrouteByBsn",
    MessageType.CONTACTPERSOON_AANMAKEN: "createContactpersoon",
    MessageType.CONTACTPERSOON_KOPPELEN: "postContactpersoonByBsn",
    MessageType.CONTACTPERSOON_ONTKOPPELEN: "deleteContactpersoonByBsn",
    MessageType.UREN_TAALLES_KNM: "updateUrenTaallesEnKnmByBSN",
    MessageType.UREN_PARTICIPATIEACTIVITEITEN: "updateUrenParticipatieactiviteiten",
    MessageType.UREN_PARTICIPATIE_ALS_TAALLES: "updateUrenParticipatieAlsTaallesByBsn",
}
CREATES_CONTACTPERSOON = MessageType.CONTACTPERSOON_AANMAKEN
CHECK_HEADERS = {"bron": "0" * 20, "doel": "0" * 20, "berichtId": "00000000-0000-4000-8000-000000000000"}
PENDING_CONTACT_ID = 1
"""Stands in for DUO's id of a contactpersoon DUO has not yet answered for, only to check a message
against the specification when it is stored; the worker sends it once the real id is known."""


class OutboxRefused(Exception):
    """The message cannot go to DUO as it is; ``str()`` is a Dutch message for the user."""


def enqueue(person: Person, message_type: str, payload: Any, actor=None, *,
            path_params: dict[str, str] | None = None, contactpersoon: Contactpersoon | None = None,
            about: models.Model | None = None) -> OutboxMessage:
    """Store a message to DUO about ``person``; call it inside the transaction of the change.

    ``about`` is the record the message reports: once DUO accepts it, the record's ``sent_to_duo_at``
    says so (when it has that field). A message about a ``contactpersoon`` takes DUO's id of it when
    it is sent: the worker holds it back until DUO has answered the message that creates it."""
    operation_id = MESSAGE_TYPES.get(message_type)
    if operation_id is None:
        raise OutboxRefused(_("Onbekende soort bericht aan DUO: %(soort)s.") % {"soort": message_type})
    params = {str(key): str(value) for key, value in (path_params or {}).items()}
    check_params = {**params, "bsn": person.bsn}
    if contactpersoon is not None:
        check_params["id"] = str(contactpersoon.duo_id or PENDING_CONTACT_ID)
    _check(operation_id, check_params, payload)
    message = OutboxMessage.objects.create(
        person=person, message_type=message_type, operation_id=operation_id, path_params=params,
        payload=payload, bericht_id=uuid.uuid4(), created_by=actor, contactpersoon=contactpersoon,
        subject_type=ContentType.objects.get_for_model(about) if about is not None else None,
        subject_id=about.pk if about is not None else None,
    )
    _timeline(message, "Bericht aan DUO klaargezet: %(soort)s", actor=actor)
    jobs.enqueue("duo.send_outbox")
    return message


def _check(operation_id: str, params: dict[str, str], payload: Any) -> None:
    operation = specs.operation(operation_id)
    body = None if payload is None else json.dumps(payload).encode()
    try:
        request = specs.SpecRequest(operation.method, operation.expand(params), dict(CHECK_HEADERS), body)
    except KeyError as missing:
        raise OutboxRefused(_("Het bericht aan DUO mist %(deel)s.") % {"deel": missing}) from None
    try:
        specs.validate_request(operation.service, request)
    except specs.SpecViolation as violation:
        raise OutboxRefused(
            _("Het bericht aan DUO voldoet niet aan de specificatie: %(fouten)s") % {"fouten": violation}
        ) from violation


def send_due(limit: int = 100, client_factory: ClientFactory | None = None) -> int:
    """Send waiting messages (and messages whose sender died mid-flight); returns how many."""
    clients = Clients(client_factory)
    worker = jobs.worker_id()
    now = clock.now()
    due = Q(status__in=[OutboxMessage.Status.WAITING, OutboxMessage.Status.SENT], next_attempt_at__lte=now) & (
        Q(contactpersoon__isnull=True) | Q(contactpersoon__duo_id__isnull=False)
        | Q(message_type=CREATES_CONTACTPERSOON)
    )
    claimed = jobs.claim(OutboxMessage, due, worker=worker, now=now, limit=limit, order_by=("created_at", "id"))
    for pk in claimed:
        message = OutboxMessage.objects.select_related("person__municipality", "contactpersoon").get(pk=pk)
        send(message, clients[message.person.municipality.oin], worker)
    return len(claimed)


def send(message: OutboxMessage, client: DuoClient, worker: str) -> None:
    attempts = message.attempts + 1
    OutboxMessage.objects.filter(pk=message.pk, locked_by=worker).update(
        status=OutboxMessage.Status.SENT, attempts=attempts
    )
    try:
        response = client.call(message.operation_id, bsn=message.person.bsn, path_params=_path_params(message),
                               body=message.payload, bericht_id=str(message.bericht_id))
    except DuoError as error:
        _answered_with_error(message, worker, error, attempts)
        return
    with transaction.atomic():
        if _finish(message, worker, status=OutboxMessage.Status.ACCEPTED, answered_at=clock.now(), last_error=""):
            if message.message_type == CREATES_CONTACTPERSOON:
                Contactpersoon.objects.filter(pk=message.contactpersoon_id).update(duo_id=response.data["id"])
            _mark_sent(message)
            _timeline(message, "DUO heeft het bericht geaccepteerd: %(soort)s")


def _mark_sent(message: OutboxMessage) -> None:
    """The reported record went to DUO, unless a newer message about it is under way or went wrong."""
    if message.subject_type_id is None:
        return
    model = message.subject_type.model_class()
    if model is None or "sent_to_duo_at" not in {field.name for field in model._meta.concrete_fields}:
        return
    newer = OutboxMessage.objects.filter(
        subject_type_id=message.subject_type_id, subject_id=message.subject_id, pk__gt=message.pk
    ).exclude(status=OutboxMessage.Status.CANCELLED)
    if not newer.exists():
        model._default_manager.filter(pk=message.subject_id).update(sent_to_duo_at=clock.now())


def _path_params(message: OutboxMessage) -> dict[str, str]:
    if message.contactpersoon is None or message.message_type == CREATES_CONTACTPERSOON:
        return message.path_params
    return {**message.path_params, "id": str(message.contactpersoon.duo_id)}


def _finish(message: OutboxMessage, worker: str, **changes) -> bool:
    return bool(OutboxMessage.objects.filter(pk=message.pk, locked_by=worker).update(
        locked_by="", locked_until=None, **changes))


def _answered_with_error(message: OutboxMessage, worker: str, error: DuoError, attempts: int) -> None:
    refused = error.status is not None and 400 <= error.status < 500
    with transaction.atomic():
        if refused:
            if _finish(message, worker, status=OutboxMessage.Status.REFUSED, fouten=error.fouten,
                       last_error=str(error), answered_at=clock.now()):
                _timeline(message, "DUO heeft het bericht geweigerd: %(soort)s", body=str(error))
        elif attempts >= max_attempts():
            if _finish(message, worker, status=OutboxMessage.Status.FAILED, last_error=str(error)):
                _timeline(message, "Bericht aan DUO mislukt na %(n)s pogingen: %(soort)s", body=str(error),
                          n=attempts)
        else:
            _finish(message, worker, status=OutboxMessage.Status.WAITING, last_error=str(error),
                    next_attempt_at=clock.now() + retry_delay(attempts))


def resend(message: OutboxMessage, actor) -> OutboxMessage:
    """Send a refused, failed or cancelled message again, as a new message."""
    if message.status not in (OutboxMessage.Status.REFUSED, OutboxMessage.Status.FAILED,
                              OutboxMessage.Status.CANCELLED):
        raise OutboxRefused(_("Alleen een geweigerd, mislukt of geannuleerd bericht kan opnieuw worden verstuurd."))
    with transaction.atomic():
        return enqueue(message.person, message.message_type, message.payload, actor, path_params=message.path_params,
                       contactpersoon=message.contactpersoon, about=message.subject)


def cancel(message: OutboxMessage, actor) -> None:
    """Cancel a message that has not gone out yet."""
    with transaction.atomic():
        cancelled = OutboxMessage.objects.filter(
            pk=message.pk, status=OutboxMessage.Status.WAITING
        ).filter(Q(locked_until__isnull=True) | Q(locked_until__lt=clock.now())).update(
            status=OutboxMessage.Status.CANCELLED
        )
        if not cancelled:
            raise OutboxRefused(_("Dit bericht wordt al verstuurd of is al beantwoord; annuleren kan niet meer."))
        _timeline(message, "Bericht aan DUO geannuleerd: %(soort)s", actor=actor)


def supersede(person: Person, message_type: str) -> int:
    """Cancel the waiting messages of ``message_type`` about ``person`` that a newer one replaces (a
    total that is sent again); a message already on its way stays. Returns how many."""
    replaced = list(OutboxMessage.objects.select_for_update().filter(
        person=person, message_type=message_type, status=OutboxMessage.Status.WAITING, locked_by="",
    ))
    for message in replaced:
        message.status = OutboxMessage.Status.CANCELLED
        message.last_error = _("Vervangen door een nieuwer bericht.")
        message.save(update_fields=["status", "last_error"])
        _timeline(message, "Bericht aan DUO vervangen door een nieuwer bericht: %(soort)s")
    return len(replaced)


def _timeline(message: OutboxMessage, title: str, *, actor=None, body: str = "", **values: object) -> None:
    """A step of the message on the person's timeline; the timeline keeps it in Dutch, whatever the
    language of the screen."""
    with record_language():
        text = title % {"soort": message.get_message_type_display(), **values}
    TimelineEvent.objects.create(
        person_id=message.person_id, occurred_at=clock.now(), kind=EventKind.DUO, category=DataCategory.DUO,
        title=text[:200], body=body, actor=actor, source=EventSource.SYSTEM if actor is None else EventSource.UI,
        data={"berichtId": str(message.bericht_id), "outbox": message.pk},
    )
