"""Writing generated dossiers in bulk, never row by row through the ORM.

PostgreSQL gets one ``COPY ... FROM STDIN`` per table and chunk (psycopg 3); SQLite one prepared
INSERT run with ``executemany``. Each chunk is one transaction. Ids are explicit: the writer reads
the highest id of every table first, so rows of one chunk can point at each other, and moves the
PostgreSQL sequences past them afterwards.

For a large load two things keep it to minutes for a million persons on two cores: the rows are
generated in a second process while this one writes, and the secondary indexes of the dossier
tables (on PostgreSQL also their foreign keys) are set aside during the load and restored in one
go at the end. Last, the facts the monitoring dashboards count from are built for the new persons.
"""

from __future__ import annotations

import multiprocessing
import queue
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass

from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.models import Max

from koers.begeleiding.models import ChecklistItem, Trajectory, Transition
from koers.inburgering.models import (
    Boete,
    BredeIntake,
    Examenresultaat,
    Inburgeringsaanbod,
    Inburgeringsplicht,
    OnderdeelResultaat,
    Ontheffing,
    PipVersie,
    Termijnverlenging,
    Urenregistratie,
    Vrijstelling,
)
from koers.lib import clock
from koers.monitoring.facts import rebuild as rebuild_monitoring_facts
from koers.ontzorgen.models import Arrangement
from koers.ontzorgen.models import Extension as OntzorgenExtension
from koers.people.models import Assignment, Household, HouseholdMember, Person, TimelineEvent

from .generator import COLUMNS, Chunk, DossierGenerator, Site, Start
from .route import ROUTE_COLUMNS
from .support import SUPPORT_COLUMNS

MODELS = {
    "households": Household,
    "persons": Person,
    "members": HouseholdMember,
    "assignments": Assignment,
    "events": TimelineEvent,
    "plichten": Inburgeringsplicht,
    "verlengingen": Termijnverlenging,
    "vrijstellingen": Vrijstelling,
    "ontheffingen": Ontheffing,
    "intakes": BredeIntake,
    "pips": PipVersie,
    "aanbod": Inburgeringsaanbod,
    "uren": Urenregistratie,
    "examens": Examenresultaat,
    "onderdelen": OnderdeelResultaat,
    "boetes": Boete,
    "trajectories": Trajectory,
    "transitions": Transition,
    "checklist": ChecklistItem,
    "arrangements": Arrangement,
    "ontzorgen_extensions": OntzorgenExtension,
}
DEFAULT_BSN_PREFIX = 10_000_000
SQLITE_CACHE_KIB = 256 * 1024
# From this many persons (and at least as many as there are already) the load generates in a second
# process and rebuilds the indexes afterwards; below it, that costs more than it saves.
LARGE_LOAD = 50_000
QUEUED_CHUNKS = 3


@dataclass(frozen=True)
class Progress:
    persons: int
    total: int
    seconds: float

    @property
    def rate(self) -> float:
        return self.persons / self.seconds if self.seconds > 0 else 0.0


class BulkWriter:
    def __init__(self, using: str = "default") -> None:
        self.connection = connections[using]
        self.using = using
        if self.connection.vendor not in ("postgresql", "sqlite"):
            raise ValueError(f"Bulk writing is not supported on {self.connection.vendor}.")

    @property
    def timestamp_suffix(self) -> str:
        """How a UTC timestamp ends: PostgreSQL reads the offset, Django keeps SQLite's as naive UTC."""
        return "+00" if self.connection.vendor == "postgresql" else ""

    def start(self, bsn_prefix: int | None = None) -> Start:
        """The first free ids, and a BSN prefix after the highest BSN in the database."""
        highest = {
            name: model.objects.using(self.using).aggregate(m=Max("id"))["m"] or 0
            for name, model in MODELS.items()
        }
        highest_bsn = Person.objects.using(self.using).aggregate(m=Max("bsn"))["m"]
        first_free = int(highest_bsn[:8]) + 1 if highest_bsn else DEFAULT_BSN_PREFIX
        return Start(
            household=highest["households"] + 1,
            person=highest["persons"] + 1,
            member=highest["members"] + 1,
            assignment=highest["assignments"] + 1,
            event=highest["events"] + 1,
            tables={table: highest[table] + 1 for table in (*ROUTE_COLUMNS, *SUPPORT_COLUMNS)},
            bsn_prefix=max(first_free, bsn_prefix or DEFAULT_BSN_PREFIX),
        )

    def prepare(self) -> None:
        self.connection.ensure_connection()
        if self.connection.vendor == "sqlite":
            with self.connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")

    def write(self, chunk: Chunk) -> None:
        with transaction.atomic(using=self.using):
            for name, rows in chunk.tables().items():
                if rows:
                    self._write(MODELS[name]._meta.db_table, COLUMNS[name], rows)

    def finish(self) -> None:
        """Move the id sequences past the explicit ids (PostgreSQL; SQLite keeps track itself), and
        give the planner statistics of the written tables (PostgreSQL): before autovacuum comes by, it
        takes a freshly loaded table for a handful of rows and joins it row by row, which makes the
        facts and signals computed right after the load take quadratic time."""
        statements = self.connection.ops.sequence_reset_sql(no_style(), list(MODELS.values()))
        if self.connection.vendor == "postgresql":
            quote = self.connection.ops.quote_name
            statements += [f"ANALYZE {quote(model._meta.db_table)}" for model in MODELS.values()]
        with self.connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    @contextmanager
    def set_aside(self) -> Iterator[None]:
        """Drop the secondary indexes of the dossier tables (and on PostgreSQL their foreign keys),
        and restore them when done, also when the load fails. Restoring builds each index in one
        sorted pass and checks each foreign key in one join, far cheaper than row by row. Indexes
        backing a primary key or a unique constraint stay."""
        tables = [model._meta.db_table for model in MODELS.values()]
        indexes = [index for table in tables for index in self.secondary_indexes(table)]
        keys = [key for table in tables for key in self.foreign_keys(table)]
        quote = self.connection.ops.quote_name
        with self.connection.cursor() as cursor:
            if keys and self.connection.in_atomic_block:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks may block ALTER TABLE
            for table, name, _ in keys:
                cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
            for name, _ in indexes:
                cursor.execute(f"DROP INDEX {quote(name)}")
        try:
            yield
        finally:
            with self.connection.cursor() as cursor:
                for _, sql in indexes:
                    cursor.execute(sql)
                for table, name, definition in keys:
                    cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")
                if keys and self.connection.in_atomic_block:
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")

    def secondary_indexes(self, table: str) -> list[tuple[str, str]]:
        """(name, CREATE INDEX statement) of every index on ``table`` that no constraint needs."""
        if self.connection.vendor == "postgresql":
            sql = """
                SELECT i.relname, pg_get_indexdef(i.oid)
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = %s::regclass
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                ORDER BY i.relname
            """
        else:
            sql = (
                "SELECT name, sql FROM sqlite_master "
                "WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL ORDER BY name"
            )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [table])
            return list(cursor.fetchall())

    def foreign_keys(self, table: str) -> list[tuple[str, str, str]]:
        """(table, name, definition) of the foreign keys of ``table`` on PostgreSQL (SQLite cannot
        drop them; it checks them cheaply enough)."""
        if self.connection.vendor != "postgresql":
            return []
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT %s, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE contype = 'f' AND conrelid = %s::regclass ORDER BY conname",
                [table, table],
            )
            return list(cursor.fetchall())

    def _write(self, table: str, columns: Sequence[str], rows: list[tuple]) -> None:
        quote = self.connection.ops.quote_name
        names = ", ".join(quote(column) for column in columns)
        raw = self.connection.connection
        if self.connection.vendor == "postgresql":
            with raw.cursor() as cursor, cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join("?" for _ in columns)
            raw.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({placeholders})", rows)


def write_dossiers(
    sites: Sequence[Site],
    persons: int,
    *,
    seed: int,
    bsn_prefix: int | None = None,
    chunk_size: int = 10_000,
    large: bool | None = None,
    progress: Callable[[Progress], None] | None = None,
    announce: Callable[[str], None] | None = None,
    using: str = "default",
) -> Progress:
    """Generate ``persons`` dossiers over ``sites`` and write them; returns the final figures.

    ``large`` (by default: from ``LARGE_LOAD`` persons, and no fewer than exist already) generates in
    a second process and sets the indexes aside during the load."""
    began = time.perf_counter()
    writer = BulkWriter(using)
    writer.prepare()
    if large is None:
        large = persons >= max(LARGE_LOAD, Person.objects.using(using).count())
    settings = {
        "sites": sites,
        "seed": seed,
        "start": writer.start(bsn_prefix),
        "now": clock.now(),
        "today": clock.today(),
        "timestamp_suffix": writer.timestamp_suffix,
    }
    done = 0
    with writer.set_aside() if large else nullcontext():
        chunks = (
            generated_in_process(settings, persons, chunk_size)
            if large
            else DossierGenerator(**settings).chunks(persons, chunk_size)
        )
        for chunk in chunks:
            writer.write(chunk)
            done += len(chunk.persons)
            if progress is not None:
                progress(Progress(done, persons, time.perf_counter() - began))
        if large and announce is not None:
            announce("Indexen en sleutels herstellen…")
    writer.finish()
    if announce is not None:
        announce("Feiten voor de monitoring opbouwen…")
    rebuild_monitoring_facts(first_person_id=settings["start"].person)
    return Progress(done, persons, time.perf_counter() - began)


class GenerationFailed(RuntimeError):
    pass


def generated_in_process(settings: dict, persons: int, chunk_size: int) -> Iterator[Chunk]:
    """The generator's chunks, made by a forked process a few chunks ahead of the caller."""
    context = multiprocessing.get_context("fork")
    chunks = context.Queue(maxsize=QUEUED_CHUNKS)
    process = context.Process(target=_generate, args=(chunks, settings, persons, chunk_size), daemon=True)
    process.start()
    try:
        while True:
            try:
                item = chunks.get(timeout=1)
            except queue.Empty:
                if process.is_alive():
                    continue
                raise GenerationFailed(
                    f"The generating process stopped (exit code {process.exitcode})."
                ) from None
            if item is None:
                return
            if isinstance(item, str):
                raise GenerationFailed(item)
            yield item
    finally:
        if process.is_alive():
            process.terminate()
        process.join()


def _generate(chunks: multiprocessing.Queue, settings: dict, persons: int, chunk_size: int) -> None:
    try:
        for chunk in DossierGenerator(**settings).chunks(persons, chunk_size):
            chunks.put(chunk)
    except Exception as error:  # reported to the writing process, which raises it there
        chunks.put(f"{type(error).__name__}: {error}")
    else:
        chunks.put(None)
    chunks.close()
    chunks.join_thread()
