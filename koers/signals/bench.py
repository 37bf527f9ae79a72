"""The signal engine's benchmark (``koers bench signals``): computing the deadlines, a first and a
repeated bulk recompute over every dossier, and the incremental recompute of single dossiers."""

from __future__ import annotations

import os

from django.db import connection

from koers.lib import clock
from koers.lib.bench import Bench, Benchmark
from koers.lib.deadlines import deadlines_for
from koers.people.models import Person

from .engine import recompute, recompute_person
from .models import Signal

BULK_TARGET_SECONDS = 60.0
"""Issue 5: a bulk recompute over 1,000,000 dossiers within a minute."""
CHANGED_TARGET_MS = 5.0
"""Per changed dossier, the incremental recompute."""


def _load() -> str:
    return "/".join(f"{value:.2f}" for value in os.getloadavg())


def run(bench: Bench) -> None:
    dossiers = Person.objects.count()
    bench.note(f"Database: {connection.vendor}; {dossiers:,} dossiers; {Signal.objects.count():,} signalen vooraf; "
               f"belasting (load average 1/5/15 min) {_load()}")
    if not dossiers:
        bench.note("Geen dossiers: maak ze eerst met `koers generate --persons N`.")
        return
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
    ids = list(Person.objects.order_by("?").values_list("pk", flat=True)[: bench.options.get("sample", 200)])
    with bench.measure("herberekenen per dossier (incrementeel)", len(ids)):
        for pk in ids:
            recompute_person(pk)
    per_dossier = bench.measurements[-1].seconds * 1000 / len(ids)
    bench.note(f"  {per_dossier:.1f} ms per gewijzigd dossier (doel ≤ {CHANGED_TARGET_MS:g} ms)")
    bench.note(f"Signalen na afloop: {Signal.objects.count():,}; belasting {_load()}")


def _against_bulk_target(bench: Bench, dossiers: int) -> None:
    seconds = bench.measurements[-1].seconds * 1_000_000 / dossiers
    bench.note(f"  {seconds:.1f} s per 1.000.000 dossiers (doel ≤ {BULK_TARGET_SECONDS:g} s)")


BENCHMARK = Benchmark("signals", "signalen en termijnen herberekenen over alle dossiers", run)
