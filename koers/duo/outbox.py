"""The outbox: every message to DUO is stored first, in the transaction of the dossier change, and
sent by the worker.

For the services that report to DUO (PIP, inburgeringsaanbod, MAP/PVT/Z-route, contact person,
hours) there is one function to call, inside the transaction that changes the dossier::

    from koers.duo import outbox

    with transaction.atomic():
        pip.save()
        outbox.enqueue(person, "pip", {"dagtekeningPip": "2026-11-20", "leerroute": "B"}, actor=request.user)

``message_type`` is one of ``MESSAGE_TYPES`` (``pip``, ``pip_intrekken``, ``inburgeringsaanbod``,
``inburgeringsaanbod_intrekken``, ``map``, ``pvt``, ``zroute``, ``contactpersoon_aanmaken``,
``contactpersoon_koppelen``,
``contactpersoon_ontkoppelen``, ``uren_taalles_knm``, ``uren_participatieactiviteiten``,
``uren_participatie_als_taalles``); ``payload`` is the JSON body of DUO's specification (``None``
for a DELETE); ``path_params`` gives the other path parts (``instellingsnummer``, ``id``). The
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

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from koers.access.constants import DataCategory
from koers.duo import specs
from koers.duo.client import DuoClient, DuoError
from koers.duo.models import Contactpersoon, OutboxMessage
from koers.duo.processing import ClientFactory, default_client, max_attempts, retry_delay
from koers.lib import clock, jobs
from koers.people.constants import EventKind, EventSource
from koers.people.models import Person, TimelineEvent

MESSAGE_TYPES = {
    "pip": "postPipByBsn",
    "pip_intrekken": "deletePipByBsn",
    "inburgeringsaanbod": "postInburgeringsaanbodByBsnAndInstellingsnummer",
    "inburgeringsaanbod_intrekken": "deleteInburgeringsaanbodByBsnAndInstellingsnumer",
    "map": "updateMapByBsn",
    "pvt": "updatePvtByBsn",
    "zroute": "updateZrouteByBsn",
    "contactpersoon_aanmaken": "createContactpersoon",
    "contactpersoon_koppelen": "postContactpersoonByBsn",
    "contactpersoon_ontkoppelen": "deleteContactpersoonByBsn",
    "uren_taalles_knm": "updateUrenTaallesEnKnmByBSN",
    "uren_participatieactiviteiten": "updateUrenParticipatieactiviteiten",
    "uren_participatie_als_taalles": "updateUrenParticipatieAlsTaallesByBsn",
}
CREATES_CONTACTPERSOON = "contactpersoon_aanmaken"
CHECK_HEADERS = {"bron": "0" * 20, "doel": "0" * 20, "berichtId": "00000000-0000-4000-8000-000000000000"}
PENDING_CONTACT_ID = 1
"""Stands in for DUO's id of a contactpersoon DUO has not yet answered for, only to check a message
against the specification when it is stored; the worker sends it once the real id is known."""


class OutboxRefused(Exception):
    """The message cannot go to DUO as it is; ``str()`` is a Dutch message for the user."""


def enqueue(person: Person, message_type: str, payload: Any, actor=None, *,
            path_params: dict[str, str] | None = None, contactpersoon: Contactpersoon | None = None) -> OutboxMessage:
    """Store a message to DUO about ``person``; call it inside the transaction of the change.

    A message about a ``contactpersoon`` takes DUO's id of it when it is sent: the worker holds it
    back until DUO has answered the message that creates the contactpersoon."""
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
    )
    _timeline(message, _("Bericht aan DUO klaargezet: %(soort)s") % {"soort": message_type}, actor=actor)
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
    factory = client_factory or default_client
    worker = jobs.worker_id()
    now = clock.now()
    due = Q(status__in=[OutboxMessage.Status.WAITING, OutboxMessage.Status.SENT], next_attempt_at__lte=now) & (
        Q(contactpersoon__isnull=True) | Q(contactpersoon__duo_id__isnull=False)
        | Q(message_type=CREATES_CONTACTPERSOON)
    )
    claimed = jobs.claim(OutboxMessage, due, worker=worker, now=now, limit=limit, order_by=("created_at", "id"))
    clients: dict[str, DuoClient] = {}
    for pk in claimed:
        message = OutboxMessage.objects.select_related("person__municipality", "contactpersoon").get(pk=pk)
        oin = message.person.municipality.oin
        client = clients.get(oin) or clients.setdefault(oin, factory(oin))
        send(message, client, worker)
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
            _timeline(message, _("DUO heeft het bericht geaccepteerd: %(soort)s") % {"soort": message.message_type})


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
                _timeline(message, _("DUO heeft het bericht geweigerd: %(soort)s") % {"soort": message.message_type},
                          body=str(error))
        elif attempts >= max_attempts():
            if _finish(message, worker, status=OutboxMessage.Status.FAILED, last_error=str(error)):
                _timeline(message, _("Bericht aan DUO mislukt na %(n)s pogingen: %(soort)s")
                          % {"n": attempts, "soort": message.message_type}, body=str(error))
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
                       contactpersoon=message.contactpersoon)


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
        _timeline(message, _("Bericht aan DUO geannuleerd: %(soort)s") % {"soort": message.message_type}, actor=actor)


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
        _timeline(message, _("Bericht aan DUO vervangen door een nieuwer bericht: %(soort)s")
                  % {"soort": message.message_type})
    return len(replaced)


def _timeline(message: OutboxMessage, title: str, *, actor=None, body: str = "") -> None:
    TimelineEvent.objects.create(
        person_id=message.person_id, occurred_at=clock.now(), kind=EventKind.DUO, category=DataCategory.DUO,
        title=title[:200], body=body, actor=actor, source=EventSource.SYSTEM if actor is None else EventSource.UI,
        data={"berichtId": str(message.bericht_id), "outbox": message.pk},
    )
