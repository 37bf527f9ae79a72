"""The audit log as a hash chain: each entry stores the SHA-256 of its own content together with the
hash of the entry before it, so changing, inserting or removing an entry breaks every link after it.

Writers link new entries while holding the lock on the one ``ChainHead`` row (``SELECT ... FOR
UPDATE`` on PostgreSQL; on SQLite every write transaction already holds the database's write lock),
so two requests logging at the same moment never link to the same predecessor.

On PostgreSQL a writer first tries it in one statement (``appended_at_once``): it reads the head
without a lock, links the entries after it and then moves the head on and inserts the entries
together, only if the head is still the one it read. Every screen logs, so this saves three of the
five round trips and holds the head's lock for one statement. When another writer came first, the
statement changes nothing and the writer links again under the lock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.db import connection
from django.db.models import F

from koers.lib.sql import columns, quote, table

from .models import AuditEntry, ChainHead

HEAD_ID = 1

# The content a hash covers, in this order; the id is left out because it is known only after the INSERT.
CHAINED_FIELDS = (
    "at",
    "user_id",
    "username",
    "action",
    "person_id",
    "municipality_id",
    "categories",
    "purpose",
    "channel",
    "outcome",
    "ip_address",
    "detail",
    "previous_hash",
)


def _canonical_value(value: object) -> object:
    """A value as its hash covers it, and as the one-statement append sends it in JSON: a moment in
    UTC, to the microsecond."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return value


_HASHED_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""The JSON a hash covers (made once: ``json.dumps`` with options makes an encoder per call)."""


def hash_of_canonical(canonical: Sequence[object]) -> str:
    """The SHA-256 of one entry's content given as canonical values (``_canonical_value``)."""
    return hashlib.sha256(_HASHED_JSON.encode(list(canonical)).encode("utf-8")).hexdigest()


def entry_hash_of(values: Sequence[object]) -> str:
    """The SHA-256 of one entry's content, given as the values of :data:`CHAINED_FIELDS`."""
    return hash_of_canonical([_canonical_value(v) for v in values])


def content_of(entry: AuditEntry) -> list[object]:
    return [getattr(entry, name) for name in CHAINED_FIELDS]


def locked_head() -> ChainHead:
    """The chain's head, locked until the current transaction ends (created on first use)."""
    head = ChainHead.objects.select_for_update().filter(pk=HEAD_ID).first()
    if head is None:
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=HEAD_ID)
    return head


def link(entries: Iterable[AuditEntry], previous_hash: str) -> str:
    """Give each entry its place in the chain after ``previous_hash``; returns the new last hash."""
    for entry in linked(entries, previous_hash):
        previous_hash = entry[-1]
    return previous_hash


def linked(entries: Iterable[AuditEntry], previous_hash: str) -> Iterator[list[object]]:
    """Give each entry its place in the chain after ``previous_hash``, yielding per entry its canonical
    values of :data:`CHAINED_FIELDS` followed by its hash: what the one-statement append stores."""
    for entry in entries:
        entry.previous_hash = previous_hash
        canonical = [_canonical_value(value) for value in content_of(entry)]
        entry.entry_hash = previous_hash = hash_of_canonical(canonical)
        canonical.append(previous_hash)
        yield canonical


def advance_head(last_hash: str, added: int) -> None:
    ChainHead.objects.filter(pk=HEAD_ID).update(last_hash=last_hash, entries=F("entries") + added)


def appended_at_once(entries: list[AuditEntry]) -> bool:
    """Link ``entries`` after the head as it is now and store them, in one statement that also moves
    the head on, if no other writer moved it in between (PostgreSQL). ``False``: nothing was stored."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote('last_hash')} FROM {table(ChainHead)} WHERE {quote('id')} = %s", [HEAD_ID])
        row = cursor.fetchone()
        if row is None:
            return False
        previous = row[0]
        fields = [AuditEntry._meta.get_field(name) for name in (*CHAINED_FIELDS, "entry_hash")]
        names = [field.column for field in fields]
        rows = json.dumps([dict(zip(names, values, strict=True)) for values in linked(entries, previous)],
                          ensure_ascii=False)
        last_hash = entries[-1].entry_hash
        described = ", ".join(f"{quote(field.column)} {field.db_type(connection)}" for field in fields)
        cursor.execute(
            f"WITH moved AS (UPDATE {table(ChainHead)} SET {quote('last_hash')} = %s, "
            f"{quote('entries')} = {quote('entries')} + %s WHERE {quote('id')} = %s AND {quote('last_hash')} = %s "
            f"RETURNING 1) "
            f"INSERT INTO {table(AuditEntry)} ({columns(*(f.column for f in fields))}) "
            f"SELECT * FROM json_to_recordset(%s::json) AS entry({described}) WHERE EXISTS (SELECT 1 FROM moved) "
            f"RETURNING {quote('id')}",
            [last_hash, len(entries), HEAD_ID, previous, rows],
        )
        ids = [pk for (pk,) in cursor.fetchall()]
    if not ids:
        return False
    for entry, pk in zip(entries, ids, strict=True):
        entry.pk = pk
        entry._state.adding = False
        entry._state.db = connection.alias
    return True


@dataclass(frozen=True)
class Verification:
    """The outcome of checking the chain: how many entries were checked and, when the chain is
    broken, the first entry where it breaks (``None`` when entries at the end are missing)."""

    checked: int
    broken_at: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        return not self.reason


def _stored_entries() -> Iterator[tuple]:
    return (
        AuditEntry.objects.order_by("id")
        .values_list("id", *CHAINED_FIELDS, "entry_hash")
        .iterator(chunk_size=2000)
    )


def verify() -> Verification:
    """Recompute every link, oldest entry first, and report the first one that does not hold."""
    expected_previous = ""
    checked = 0
    for pk, *content, stored_hash in _stored_entries():
        previous_hash = content[-1]
        if previous_hash != expected_previous:
            return Verification(checked, pk, "De vorige regel in de keten ontbreekt of is gewijzigd.")
        if entry_hash_of(content) != stored_hash:
            return Verification(checked, pk, "De inhoud van deze regel is gewijzigd.")
        expected_previous = stored_hash
        checked += 1
    head = ChainHead.objects.filter(pk=HEAD_ID).first()
    head_hash, head_entries = (head.last_hash, head.entries) if head else ("", 0)
    if head_hash != expected_previous or head_entries != checked:
        return Verification(checked, None, "Er ontbreken regels aan het einde van het logboek.")
    return Verification(checked)
