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
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.db import connection, transaction

from koers.lib import clock
from koers.lib.deadlines import Deadline, deadlines_for
from koers.people.models import Person

from .models import RecomputeRun, Signal, SignalStatus

BATCH = 5_000
"""Persons per pass when a recompute covers a given set of persons (a municipality)."""

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


def _merge(cursor, scoped: bool) -> Outcome:
    """Bring the live signals in scope in line with the computed table; returns the counts."""
    now, today = clock.now(), clock.today()
    table = Signal._meta.db_table
    person_table = Person._meta.db_table
    in_scope = f"{table}.person_id IN (SELECT person_id FROM {SCOPE})" if scoped else "1 = 1"
    same_key = (
        f"c.person_id = {table}.person_id AND c.kind = {table}.kind AND c.reference = {table}.reference"
    )
    outcome = Outcome()
    cursor.execute(
        f"UPDATE {table} SET status = %s, closed_at = %s WHERE status IN {LIVE} AND {in_scope} "
        f"AND NOT EXISTS (SELECT 1 FROM {COMPUTED} c WHERE {same_key})",
        [SignalStatus.LAPSED, now],
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


def _recompute_pass(person_ids: Sequence[int] | None) -> Outcome:
    today = clock.today()
    rows = unique_deadlines(deadlines_for(person_ids, today))
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
        outcome = _merge(cursor, scoped=person_ids is not None)
        _drop_temp_tables(cursor)
    outcome.deadlines = len(rows)
    return outcome


def _batches(ids: Sequence[int], size: int) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def recompute(
    *, person_ids: Sequence[int] | None = None, municipality_id: int | None = None, log: bool = True
) -> Outcome:
    """Recompute the signals of these persons, of one municipality, or (neither given) of everyone."""
    started, moment = time.perf_counter(), clock.now()
    outcome = Outcome()
    if municipality_id is not None:
        ids = list(Person.objects.filter(municipality_id=municipality_id).order_by("pk").values_list("pk", flat=True))
        for batch in _batches(ids, BATCH):
            outcome.add(_recompute_pass(batch))
        scope = f"gemeente:{municipality_id}"
    elif person_ids is not None:
        for batch in _batches(list(person_ids), BATCH):
            outcome.add(_recompute_pass(batch))
        scope = "personen:" + ",".join(str(pk) for pk in list(person_ids)[:5])
    else:
        outcome = _recompute_pass(None)
        scope = "alle"
    outcome.seconds = time.perf_counter() - started
    if log:
        RecomputeRun.objects.create(
            scope=scope[:60], started_at=moment, seconds=outcome.seconds, deadlines=outcome.deadlines,
            created=outcome.created, updated=outcome.updated, lapsed=outcome.lapsed,
        )
    return outcome


def recompute_person(person_id: int) -> Outcome:
    """The incremental recompute after a dossier changed (not logged as a run)."""
    return recompute(person_ids=[person_id], log=False)


def recompute_all() -> None:
    """The nightly job."""
    recompute()
