"""The signal engine's benchmark (``koers bench signals``): computing the deadlines, a first and a repeated
bulk recompute over every dossier, and the incremental recompute of single dossiers.

The incremental part measures what a change costs the user who made it: the recompute that runs once the
change commits, for a realistic change (a PIP saved with another dagtekening, hours reported, a note
written, a trajectory step, a withheld item changed), each made on a sample of dossiers and committed,
then undone (the database is left as it was, modification times aside); and the recompute of a whole
dossier from every source (what a change of a record no source watches would cost, and the upper bound).
The changes commit as a user's do: a rollback would make psycopg forget the statements it prepared on
the connection (``KOERS_DB_PREPARED``), which no user's change does. Each against ``CHANGED_TARGET_MS``,
with the queries per dossier: on a shared machine the milliseconds vary with the load, the query counts
do not.
``--only incremental`` skips the bulk part (it recomputes everything first, about a minute at 1,000,000
dossiers)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, models, transaction

from koers.begeleiding.models import Trajectory
from koers.inburgering.constants import PipStatus
from koers.inburgering.models import PipVersie, Urenregistratie
from koers.lib import clock
from koers.lib.bench import Bench, Benchmark, Measurement, peak_memory_mib
from koers.lib.deadlines import deadlines_for
from koers.ontzorgen.models import WithheldItem
from koers.people.constants import EventKind, Phase
from koers.people.models import Person, TimelineEvent

from . import hooks
from .engine import recompute, recompute_person
from .models import Signal

BULK_TARGET_SECONDS = 60.0
"""Issue 5: a bulk recompute over 1,000,000 dossiers within a minute."""
CHANGED_TARGET_MS = 5.0
"""Issue 9: per changed dossier, the incremental recompute."""
INCREMENTAL = "incremental"


def _load() -> str:
    return "/".join(f"{value:.2f}" for value in os.getloadavg())


def arguments(parser: argparse._ActionsContainer) -> None:
    parser.add_argument("--only", choices=[INCREMENTAL, "bulk"],
                        help="signals: alleen de incrementele of alleen de bulkmeting")


def run(bench: Bench) -> None:
    dossiers = Person.objects.count()
    bench.note(f"Database: {connection.vendor}; {dossiers:,} dossiers; {Signal.objects.count():,} signalen vooraf; "
               f"belasting (load average 1/5/15 min) {_load()}")
    if not dossiers:
        bench.note("Geen dossiers: maak ze eerst met `koers generate --persons N`.")
        return
    only = bench.options.get("only")
    if only != INCREMENTAL:
        _bulk(bench, dossiers)
    if only != "bulk":
        _incremental(bench, bench.options.get("sample", 200))
    bench.note(f"Signalen na afloop: {Signal.objects.count():,}; belasting {_load()}")


def _bulk(bench: Bench, dossiers: int) -> None:
    with bench.measure("termijnen berekenen (alle bronnen)", dossiers):
        computed = sum(1 for _ in deadlines_for(None, clock.today()))
    bench.note(f"  {computed:,} lopende termijnen")
    cold = not Signal.objects.exists()
    with bench.measure("herberekenen, alles" + (" (eerste keer, lege tabel)" if cold else ""), dossiers):
        first = recompute()
    bench.note(f"  nieuw {first.created:,}, gewijzigd {first.updated:,}, vervallen {first.lapsed:,}")
    _against_bulk_target(bench, dossiers)
    with bench.measure("herberekenen, alles (niets veranderd)", dossiers):
        again = recompute()
    bench.note(f"  nieuw {again.created:,}, gewijzigd {again.updated:,}, vervallen {again.lapsed:,}")
    _against_bulk_target(bench, dossiers)


def _against_bulk_target(bench: Bench, dossiers: int) -> None:
    seconds = bench.measurements[-1].seconds * 1_000_000 / dossiers
    bench.note(f"  {seconds:.1f} s per 1.000.000 dossiers (doel ≤ {BULK_TARGET_SECONDS:g} s)")


@dataclass(frozen=True)
class Change:
    """A realistic change to a sample of records: what it is called, which records, and what makes
    it (and returns what undoes it)."""

    label: str
    records: Callable[[], models.QuerySet]
    make: Callable[[models.Model], Callable[[], None]]


def _saved(instance: models.Model, values: dict) -> None:
    for name, value in values.items():
        setattr(instance, name, value)
    instance.save()


def _changed(instance: models.Model, **values) -> Callable[[], None]:
    """Save ``instance`` with ``values``; returns what saves it back as it was."""
    before = {name: getattr(instance, name) for name in values}
    _saved(instance, values)
    return lambda: _saved(instance, before)


def _pip_saved(pip: PipVersie) -> Callable[[], None]:
    return _changed(pip, dagtekening=pip.dagtekening + dt.timedelta(days=1))


def _hours_reported(period: Urenregistratie) -> Callable[[], None]:
    return _changed(period, hours_attended=max(period.hours_attended - Decimal(1), Decimal(0)))


def _note_written(person: Person) -> Callable[[], None]:
    note = TimelineEvent.objects.create(person=person, kind=EventKind.NOTE, occurred_at=clock.now(), title="Gebeld")
    return note.delete


def _trajectory_step(trajectory: Trajectory) -> Callable[[], None]:
    return _changed(trajectory, state=Phase.VERDERE_BEGELEIDING, state_since=clock.today())


def _item_changed(item: WithheldItem) -> Callable[[], None]:
    return _changed(item, valid_until=clock.today() + dt.timedelta(days=60))


CHANGES = (
    Change("PIP opgeslagen (andere dagtekening)", lambda: PipVersie.objects.filter(status=PipStatus.VASTGESTELD),
           _pip_saved),
    Change("uren gemeld door de taalaanbieder", lambda: Urenregistratie.objects.filter(
        period_end__gte=clock.today() - dt.timedelta(weeks=8)), _hours_reported),
    Change("notitie in de tijdlijn", lambda: Person.objects.all(), _note_written),
    Change("stap in het MB-traject", lambda: Trajectory.objects.filter(state=Phase.OPSTARTFASE), _trajectory_step),
    Change("ingehouden post ontzorgen gewijzigd", lambda: WithheldItem.objects.all(), _item_changed),
)


@contextmanager
def _counting() -> Iterator[list[int]]:
    """Counts the statements sent to the database inside."""
    count = [0]

    def counted(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        yield count


def _incremental(bench: Bench, sample: int) -> None:
    ids = list(Person.objects.order_by("?").values_list("pk", flat=True)[:sample])
    with _counting() as queries, bench.measure("herberekenen per dossier, alle bronnen", len(ids)):
        for pk in ids:
            recompute_person(pk)
    _against_change_target(bench, "een heel dossier (alle bronnen)", queries[0])
    for change in CHANGES:
        records = list(change.records().order_by("?")[:sample])
        if not records:
            bench.note(f"{change.label}: geen records in deze database, niet gemeten")
            continue
        seconds, count = _after_changes(change, records)
        bench.measurements.append(_measurement(bench, f"na wijziging: {change.label}", len(records), seconds))
        _against_change_target(bench, change.label, count)


def _after_changes(change: Change, records: list[models.Model]) -> tuple[float, int]:
    """Seconds and statements of the recomputes after each change (the change itself not counted).
    The recompute is timed where the change's transaction ends (what waits for the commit then finds
    nothing left to do); the undoing is not timed."""
    seconds, count = 0.0, 0
    for record in records:
        with transaction.atomic():
            undo = change.make(record)
            persons = hooks.pending_persons()
            signals = list(Signal.objects.filter(person_id__in=persons))
            with _counting() as queries:
                started = time.perf_counter()
                hooks.flush()
                seconds += time.perf_counter() - started
            count += queries[0]
        _undo(undo, persons, signals)
    return seconds, count


def _undo(undo: Callable[[], None], persons: set[int], signals: list[Signal]) -> None:
    """The change undone, and the persons' signals put back as they were: undoing alone would leave a
    signal the change lapsed lapsed, beside a new one for the same deadline."""
    with transaction.atomic():
        undo()
        hooks.flush()
        Signal.objects.filter(person_id__in=persons).exclude(pk__in=[signal.pk for signal in signals]).delete()
        fields = [field.name for field in Signal._meta.concrete_fields if not field.primary_key]
        Signal.objects.bulk_update(signals, fields)


def _measurement(bench: Bench, label: str, count: int, seconds: float) -> Measurement:
    """A measurement of work timed in parts (``bench.measure`` times one block)."""
    measurement = Measurement(label, count, "dossiers", seconds, peak_memory_mib())
    bench.write(measurement.line())
    return measurement


def _against_change_target(bench: Bench, what: str, queries: int) -> None:
    last = bench.measurements[-1]
    per_dossier = last.seconds * 1000 / last.count
    verdict = "binnen het doel" if per_dossier <= CHANGED_TARGET_MS else "BOVEN het doel"
    bench.note(f"  {per_dossier:.1f} ms per gewijzigd dossier (doel ≤ {CHANGED_TARGET_MS:g} ms, {verdict}); "
               f"{queries / last.count:.1f} queries per dossier — {what}")


BENCHMARK = Benchmark("signals", "signalen en termijnen herberekenen over alle dossiers", run, arguments)
