"""Writing the audit log: one call per screen or API request, one INSERT however many persons.

Each call also links its entries into the hash chain (``koers.audit.chain``): it reads the chain's
head, then inserts the entries and moves the head on (on PostgreSQL in one statement, which locks the
head only while it runs; otherwise, or when another writer came first, under the head's lock)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.db import connection, transaction

from koers.lib import clock
from koers.lib.filters import MAX_ID

from .chain import advance_head, appended_at_once, link, locked_head
from .models import Action, AuditEntry, Channel, Outcome

if TYPE_CHECKING:
    from django.http import HttpRequest

    from koers.access.models import User
    from koers.people.models import Person


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address, written as the database will store it (the chain hashes that form)."""
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR") or None
    return AuditEntry._meta.get_field("ip_address").get_prep_value(address)


def category_text(categories: Iterable[str]) -> str:
    return ",".join(sorted(str(c) for c in categories))


def record(
    *,
    user: User | None,
    action: Action,
    persons: Iterable[Person] = (),
    categories: Iterable[str] | Mapping[int, Iterable[str]] = (),
    purpose: str,
    channel: Channel,
    request: HttpRequest | None = None,
    outcome: Outcome = Outcome.ALLOWED,
    detail: str = "",
    person_id: int | None = None,
    aggregate: bool = False,
    municipality_id: int | None = None,
) -> list[AuditEntry]:
    """Log ``action`` on each of ``persons``, in one INSERT. ``categories`` is what was shown: the same
    for all, or a mapping from person id to what was shown of that person. A refused attempt is
    always logged, with the ``person_id`` that was tried when there is one. An ``aggregate`` read
    (figures, no person) is one entry, with ``municipality_id`` when it concerns one municipality."""
    per_person = categories if isinstance(categories, Mapping) else None
    shared_text = "" if per_person is not None else category_text(categories)
    base = {
        "at": clock.now(),
        "user_id": getattr(user, "pk", None),
        "username": getattr(user, "username", "") or "anoniem",
        "action": action,
        "purpose": purpose[:120],
        "channel": channel,
        "outcome": outcome,
        "ip_address": client_ip(request),
        "detail": detail[:500],
    }
    entries = [
        AuditEntry(
            person_id=p.pk,
            municipality_id=p.municipality_id,
            categories=category_text(per_person[p.pk]) if per_person is not None else shared_text,
            **base,
        )
        for p in persons
    ]
    if not entries and (person_id is not None or outcome == Outcome.REFUSED or aggregate):
        entries = [
            AuditEntry(person_id=person_id, municipality_id=municipality_id, categories=shared_text, **base)
        ]
    if not entries:
        return []
    return _append(entries)


def _append(entries: list[AuditEntry]) -> list[AuditEntry]:
    """Insert ``entries`` at the end of the chain."""
    if connection.vendor == "postgresql" and appended_at_once(entries):
        return entries
    return append_under_lock(entries)


def append_under_lock(entries: list[AuditEntry]) -> list[AuditEntry]:
    """Insert ``entries`` at the end of the chain while holding the head's lock."""
    with transaction.atomic(savepoint=False):
        head = locked_head()
        last_hash = link(entries, head.last_hash)
        created = AuditEntry.objects.bulk_create(entries)
        advance_head(last_hash, len(created))
    return created


# The largest id the log's BigIntegerField holds; a larger "id" in a URL is logged without one.
MAX_PERSON_ID = MAX_ID


def loggable_id(value: int | str | None) -> int | None:
    """The attempted id when it is a positive number the log can hold; otherwise ``None``."""
    try:
        number = int(value) if value is not None else None
    except ValueError:
        return None
    return number if number is not None and 0 < number <= MAX_PERSON_ID else None


def record_refused_read(
    request: HttpRequest,
    *,
    purpose: str,
    channel: Channel,
    attempted: int | str | None = None,
    persons: Iterable[Person] = (),
    detail: str = "",
) -> list[AuditEntry]:
    """Log an attempt to open a dossier out of the user's sight (answered with 404), or, with
    ``detail`` saying why, one the user's role may not make (403)."""
    return record(
        user=request.user,
        action=Action.READ,
        persons=persons,
        person_id=loggable_id(attempted),
        purpose=purpose,
        channel=channel,
        request=request,
        outcome=Outcome.REFUSED,
        detail=detail or f"Niet zichtbaar voor deze gebruiker: {request.path}",
    )
