"""Recomputing signals: the deadlines of every source, merged into the stored signals.

The merge is set-based and the same for one person and for a million: the computed deadlines go
into a temporary table (PostgreSQL: ``COPY``; SQLite: one ``executemany``), then four statements
bring the signals in line with it:

* a live (open or snoozed) signal whose deadline no longer runs lapses (``vervallen``, kept);
* a live signal whose due date, category or detail changed is updated;
* a deadline without a live signal becomes a new open signal, unless a resolved signal of the same
  (person, kind, reference) has the same due date: a resolved signal is never reopened for the
  deadline it was resolved for, only when the due date moved;
* a snooze that has run out makes the signal open again.

The very first bulk run on PostgreSQL, into an empty signals table, has nothing to merge with: it
loads the signals themselves (``bulk_load``), the way PostgreSQL's manual advises for populating a
table: the secondary indexes and foreign keys are dropped, the rows go in with one ``COPY``, and the
indexes and foreign keys are created again (one sort per index and one join per key instead of a
check per row). The rows are the ones the merge would insert.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import FilteredRelation, Q

from koers.lib import clock
from koers.lib.deadlines import Deadline, DeadlineSource, deadlines_for
from koers.lib.prepared import ForFew
from koers.lib.sql import batches
from koers.people.models import Person

from .models import LIVE_STATUSES, RecomputeRun, Signal, SignalStatus

BATCH = 5_000
"""Persons per pass when a recompute covers a given set of persons (a municipality)."""
SMALL = 50
"""Up to this many persons (a changed dossier) the merge runs in Python on the few signals involved:
one read and only the writes that change something, instead of a round of temporary tables."""

COMPUTED = "signals_computed"
SCOPE = "signals_scope"
LIVE = f"('{SignalStatus.OPEN}', '{SignalStatus.SNOOZED}')"
COLUMNS = ("person_id", "kind", "reference", "due", "category", "detail")


@dataclass
class Outcome:
    deadlines: int = 0
    created: int = 0
    updated: int = 0
    lapsed: int = 0
    reopened: int = 0
    seconds: float = 0.0

    def add(self, other: Outcome) -> None:
        self.deadlines += other.deadlines
        self.created += other.created
        self.updated += other.updated
        self.lapsed += other.lapsed
        self.reopened += other.reopened


def unique_deadlines(deadlines: Iterable[Deadline]) -> list[tuple]:
    """One row per (person, kind, reference), the earliest due date winning, as temp-table rows."""
    rows: dict[tuple[int, str, str], tuple] = {}
    for d in deadlines:
        key = (d.person_id, d.kind, d.reference)
        known = rows.get(key)
        if known is None or d.due < known[3]:
            rows[key] = (d.person_id, d.kind, d.reference[:60], d.due, str(d.category), d.detail[:300])
    return list(rows.values())


def _create_temp_tables(cursor) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {COMPUTED}")
    cursor.execute(f"DROP TABLE IF EXISTS {SCOPE}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {COMPUTED} (person_id bigint NOT NULL, kind varchar(40) NOT NULL, "
        "reference varchar(60) NOT NULL, due date NOT NULL, category varchar(15) NOT NULL, "
        "detail varchar(300) NOT NULL)"
    )
    cursor.execute(f"CREATE TEMPORARY TABLE {SCOPE} (person_id bigint PRIMARY KEY)")


def _drop_temp_tables(cursor) -> None:
    cursor.execute(f"DROP TABLE IF EXISTS {COMPUTED}")
    cursor.execute(f"DROP TABLE IF EXISTS {SCOPE}")


def _load(cursor, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
    if not rows:
        return
    names = ", ".join(columns)
    if connection.vendor == "postgresql":
        with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        placeholders = ", ".join("%s" for _ in columns)
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)


def _merge(cursor, scoped: bool, kinds: frozenset[str] | None = None) -> Outcome:
    """Bring the live signals in scope in line with the computed table; returns the counts. With
    ``kinds`` the table holds the deadlines of only those kinds, and only those lapse."""
    now, today = clock.now(), clock.today()
    table = Signal._meta.db_table
    person_table = Person._meta.db_table
    in_scope = f"{table}.person_id IN (SELECT person_id FROM {SCOPE})" if scoped else "1 = 1"
    same_key = (
        f"c.person_id = {table}.person_id AND c.kind = {table}.kind AND c.reference = {table}.reference"
    )
    outcome = Outcome()
    of_kinds, kind_params = ("", []) if kinds is None else (
        f" AND {table}.kind IN ({', '.join('%s' for _ in kinds)})", sorted(kinds)
    )
    cursor.execute(
        f"UPDATE {table} SET status = %s, closed_at = %s WHERE status IN {LIVE} AND {in_scope}{of_kinds} "
        f"AND NOT EXISTS (SELECT 1 FROM {COMPUTED} c WHERE {same_key})",
        [SignalStatus.LAPSED, now, *kind_params],
    )
    outcome.lapsed = cursor.rowcount
    cursor.execute(
        f"UPDATE {table} SET due = c.due, category = c.category, detail = c.detail, last_computed = %s "
        f"FROM {COMPUTED} c WHERE {same_key} AND {table}.status IN {LIVE} "
        f"AND ({table}.due <> c.due OR {table}.category <> c.category OR {table}.detail <> c.detail)",
        [now],
    )
    outcome.updated = cursor.rowcount
    cursor.execute(
        f"INSERT INTO {table} (person_id, municipality_id, kind, reference, due, category, detail, status, "
        "snooze_reason, resolved_reason, first_seen, last_computed) "
        f"SELECT c.person_id, p.municipality_id, c.kind, c.reference, c.due, c.category, c.detail, %s, '', '', "
        f"%s, %s FROM {COMPUTED} c JOIN {person_table} p ON p.id = c.person_id "
        f"WHERE NOT EXISTS (SELECT 1 FROM {table} s WHERE s.person_id = c.person_id AND s.kind = c.kind "
        f"AND s.reference = c.reference AND s.status IN {LIVE}) "
        f"AND NOT EXISTS (SELECT 1 FROM {table} r WHERE r.person_id = c.person_id AND r.kind = c.kind "
        f"AND r.reference = c.reference AND r.due = c.due AND r.status = %s)",
        [SignalStatus.OPEN, now, now, SignalStatus.RESOLVED],
    )
    outcome.created = cursor.rowcount
    cursor.execute(
        f"UPDATE {table} SET status = %s, snoozed_until = NULL WHERE status = %s AND snoozed_until <= %s "
        f"AND {in_scope}",
        [SignalStatus.OPEN, SignalStatus.SNOOZED, today],
    )
    outcome.reopened = cursor.rowcount
    cursor.execute(
        f"UPDATE {table} SET municipality_id = p.municipality_id FROM {person_table} p "
        f"WHERE p.id = {table}.person_id AND {table}.status IN {LIVE} AND {in_scope} "
        f"AND {table}.municipality_id <> p.municipality_id"
    )
    return outcome


SIGNAL_COLUMNS = COLUMNS[:1] + ("municipality_id",) + COLUMNS[1:] + (
    "status", "snooze_reason", "resolved_reason", "first_seen", "last_computed",
)


def _secondary_indexes(cursor, table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the table's indexes that back no constraint (the primary key stays)."""
    cursor.execute(
        "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "WHERE i.indrelid = %s::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) "
        "ORDER BY c.relname",
        [table],
    )
    return cursor.fetchall()


def _foreign_keys(cursor, table: str) -> list[tuple[str, str]]:
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f' "
        "ORDER BY conname",
        [table],
    )
    return cursor.fetchall()


def bulk_load(cursor, rows: list[tuple]) -> int:
    """Insert the computed rows as new open signals into the empty signals table (PostgreSQL)."""
    table = connection.ops.quote_name(Signal._meta.db_table)
    now = clock.now()
    cursor.execute(f"SELECT id, municipality_id FROM {connection.ops.quote_name(Person._meta.db_table)}")
    municipality_of = dict(cursor.fetchall())
    indexes = _secondary_indexes(cursor, Signal._meta.db_table)
    foreign_keys = _foreign_keys(cursor, Signal._meta.db_table)
    # A foreign key cannot be dropped while checks deferred to the commit are pending on the tables
    # it joins; run those checks now (the keys are DEFERRABLE INITIALLY DEFERRED, as Django makes them).
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    for name, _definition in foreign_keys:
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    loaded = 0
    with cursor.cursor.copy(f"COPY {table} ({', '.join(SIGNAL_COLUMNS)}) FROM STDIN") as copy:
        for person_id, kind, reference, due, category, detail in rows:
            municipality_id = municipality_of.get(person_id)
            if municipality_id is not None:
                copy.write_row((person_id, municipality_id, kind, reference, due, category, detail,
                                SignalStatus.OPEN.value, "", "", now, now))
                loaded += 1
    for _name, definition in indexes:
        cursor.execute(definition)
    for name, definition in foreign_keys:
        cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    cursor.execute(f"ANALYZE {table}")
    return loaded


def _may_bulk_load(person_ids: Sequence[int] | None) -> bool:
    return person_ids is None and connection.vendor == "postgresql" and not Signal.objects.exists()


def _locked_and_empty(cursor) -> bool:
    """Lock the signals table against everyone (the indexes are about to go) and check it is still empty."""
    table = connection.ops.quote_name(Signal._meta.db_table)
    cursor.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
    cursor.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {table})")
    return cursor.fetchone()[0]


@dataclass
class Stored:
    """What a small merge reads of a few persons, in one query: each person's municipality, the live
    signals and the due dates resolved signals were resolved for."""

    municipality_of: dict[int, int] = field(default_factory=dict)
    live: dict[tuple[int, str, str], Signal] = field(default_factory=dict)
    resolved_due: set[tuple[int, str, str, dt.date]] = field(default_factory=set)


STORED_FIELDS = (
    "id", "kind", "reference", "due", "category", "detail", "status", "snoozed_until", "municipality_id",
)
KEPT = FilteredRelation("signals", condition=Q(signals__status__in=[*LIVE_STATUSES, SignalStatus.RESOLVED]))
STORED = ForFew(Person.objects.order_by().annotate(kept=KEPT).values_list(
    "pk", "municipality_id", *(f"kept__{name}" for name in STORED_FIELDS)
), "pk")
"""The persons joined to their live and resolved signals (a person without any gives one row),
compiled once: compiling it costs more than running it."""


def _stored(person_ids: Sequence[int]) -> Stored:
    rows = STORED.rows(person_ids)
    stored = Stored()
    for person_id, municipality_id, *signal in rows:
        stored.municipality_of[person_id] = municipality_id
        if signal[0] is None:
            continue
        values = dict(zip(STORED_FIELDS, signal, strict=True))
        key = (person_id, values["kind"], values["reference"])
        if values["status"] == SignalStatus.RESOLVED:
            stored.resolved_due.add((*key, values["due"]))
        else:
            stored.live[key] = Signal(person_id=person_id, **values)
    return stored


def merge_small(person_ids: Sequence[int], rows: list[tuple], kinds: frozenset[str] | None = None) -> Outcome:
    """The merge of ``_merge`` for a few persons, with the same outcome, read into Python: one read,
    and only the writes that change something (in one transaction). With ``kinds`` the rows are the
    deadlines of only those kinds: a live signal of another kind is left as it is (its snooze and
    municipality aside, which a full recompute would bring in line too)."""
    now, today = clock.now(), clock.today()
    stored = _stored(person_ids)
    computed = {(row[0], row[1], row[2]): row for row in rows}
    def recomputed(kind: str) -> bool:
        return kinds is None or kind in kinds

    lapsed = [s.pk for key, s in stored.live.items() if key not in computed and recomputed(key[1])]
    kept = [s for key, s in stored.live.items() if key in computed or not recomputed(key[1])]
    changed, new = [], []
    for key, (person_id, kind, reference, due, category, detail) in computed.items():
        signal = stored.live.get(key)
        if signal is not None:
            if (signal.due, signal.category, signal.detail) != (due, category, detail):
                signal.due, signal.category, signal.detail, signal.last_computed = due, category, detail, now
                changed.append(signal)
        elif (*key, due) not in stored.resolved_due and person_id in stored.municipality_of:
            new.append(Signal(person_id=person_id, municipality_id=stored.municipality_of[person_id],
                              kind=kind, reference=reference, due=due, category=category, detail=detail,
                              status=SignalStatus.OPEN, first_seen=now, last_computed=now))
    reopen = [s.pk for s in kept if s.status == SignalStatus.SNOOZED and s.snoozed_until <= today]
    moved: dict[int, list[int]] = {}
    for signal in kept:
        municipality_id = stored.municipality_of.get(signal.person_id, signal.municipality_id)
        if signal.municipality_id != municipality_id:
            moved.setdefault(municipality_id, []).append(signal.pk)
    outcome = Outcome(lapsed=len(lapsed), updated=len(changed), created=len(new), reopened=len(reopen))
    if lapsed or changed or new or reopen or moved:
        with transaction.atomic():
            _write_small(now, lapsed, changed, new, reopen, moved)
    return outcome


def _write_small(now, lapsed: list[int], changed: list[Signal], new: list[Signal], reopen: list[int],
                 moved: dict[int, list[int]]) -> None:
    if lapsed:
        Signal.objects.filter(pk__in=lapsed).update(status=SignalStatus.LAPSED, closed_at=now)
    if changed:
        Signal.objects.bulk_update(changed, ["due", "category", "detail", "last_computed"])
    if new:
        Signal.objects.bulk_create(new)
    if reopen:
        Signal.objects.filter(pk__in=reopen).update(status=SignalStatus.OPEN, snoozed_until=None)
    for municipality_id, pks in moved.items():
        Signal.objects.filter(pk__in=pks).update(municipality_id=municipality_id)


def kinds_of(sources: Sequence[DeadlineSource] | None) -> frozenset[str] | None:
    """The kinds these sources compute (``None``: every source, every kind)."""
    return None if sources is None else frozenset(kind for source in sources for kind in source.kinds)


def _recompute_pass(person_ids: Sequence[int] | None, *, allow_bulk_load: bool = True,
                    sources: Sequence[DeadlineSource] | None = None) -> Outcome:
    today = clock.today()
    rows = unique_deadlines(deadlines_for(person_ids, today, sources))
    kinds = kinds_of(sources)
    if person_ids is not None and len(person_ids) <= SMALL:
        outcome = merge_small(person_ids, rows, kinds)
        outcome.deadlines = len(rows)
        return outcome
    if allow_bulk_load and sources is None and _may_bulk_load(person_ids):
        with transaction.atomic(), connection.cursor() as cursor:
            if _locked_and_empty(cursor):
                return Outcome(deadlines=len(rows), created=bulk_load(cursor, rows))
    with transaction.atomic(), connection.cursor() as cursor:
        _create_temp_tables(cursor)
        _load(cursor, COMPUTED, COLUMNS, rows)
        if person_ids is not None:
            _load(cursor, SCOPE, ("person_id",), [(pk,) for pk in set(person_ids)])
        if connection.vendor == "postgresql":
            # Fresh statistics keep the merge on hash joins: a planner that believes the tables
            # are empty picks nested loops, which a bulk run cannot afford.
            cursor.execute(f"ANALYZE {COMPUTED}")
            cursor.execute(f"ANALYZE {SCOPE}")
            if person_ids is None:
                cursor.execute(f"ANALYZE {Signal._meta.db_table}")
                # A bulk merge touches most rows: hash joins always; a nested loop over a table the
                # statistics call empty (but full of dead rows) would run for hours.
                cursor.execute("SET LOCAL enable_nestloop = off")
        outcome = _merge(cursor, scoped=person_ids is not None, kinds=kinds)
        _drop_temp_tables(cursor)
    outcome.deadlines = len(rows)
    return outcome


def recompute(
    *, person_ids: Sequence[int] | None = None, municipality_id: int | None = None, log: bool = True,
    sources: Sequence[DeadlineSource] | None = None,
) -> Outcome:
    """Recompute the signals of these persons, of one municipality, or (neither given) of everyone;
    from every source, or (``sources`` given, after a change only they watch) from those sources
    alone, leaving the signals of other kinds as they are."""
    started, moment = time.perf_counter(), clock.now()
    outcome = Outcome()
    if municipality_id is not None:
        ids = list(Person.objects.filter(municipality_id=municipality_id).order_by("pk").values_list("pk", flat=True))
        for batch in batches(ids, BATCH):
            outcome.add(_recompute_pass(batch, sources=sources))
        scope = f"gemeente:{municipality_id}"
    elif person_ids is not None:
        for batch in batches(list(person_ids), BATCH):
            outcome.add(_recompute_pass(batch, sources=sources))
        scope = "personen:" + ",".join(str(pk) for pk in list(person_ids)[:5])
    else:
        outcome = _recompute_pass(None, sources=sources)
        scope = "alle"
    outcome.seconds = time.perf_counter() - started
    if log:
        RecomputeRun.objects.create(
            scope=scope[:60], started_at=moment, seconds=outcome.seconds, deadlines=outcome.deadlines,
            created=outcome.created, updated=outcome.updated, lapsed=outcome.lapsed,
        )
    return outcome


def recompute_person(person_id: int, sources: Sequence[DeadlineSource] | None = None) -> Outcome:
    """The incremental recompute after a dossier changed (not logged as a run): every source, or
    the sources that watch what changed."""
    return recompute(person_ids=[person_id], log=False, sources=sources)


def recompute_municipality(municipality_id: int) -> None:
    """After the municipality's signal policy changed."""
    recompute(municipality_id=municipality_id)


def recompute_all() -> None:
    """The nightly job."""
    recompute()
