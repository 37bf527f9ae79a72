"""The signal engine's benchmark (``koers bench signals``): computing the deadlines, a first and a
repeated bulk recompute over every dossier, and the incremental recompute of single dossiers."""

from __future__ import annotations

from django.db import connection

from koers.lib import clock
from koers.lib.bench import Bench, Benchmark
from koers.lib.deadlines import deadlines_for
from koers.people.models import Person

from .engine import recompute, recompute_person
from .models import Signal


def run(bench: Bench) -> None:
    dossiers = Person.objects.count()
    bench.note(f"Database: {connection.vendor}; {dossiers:,} dossiers; {Signal.objects.count():,} signalen vooraf")
    if not dossiers:
        bench.note("Geen dossiers: maak ze eerst met `koers generate --persons N`.")
        return
    with bench.measure("termijnen berekenen (alle bronnen)", dossiers):
        computed = sum(1 for _ in deadlines_for(None, clock.today()))
    bench.note(f"  {computed:,} lopende termijnen")
    with bench.measure("herberekenen, alles", dossiers):
        first = recompute()
    bench.note(f"  nieuw {first.created:,}, gewijzigd {first.updated:,}, vervallen {first.lapsed:,}")
    with bench.measure("herberekenen, alles (niets veranderd)", dossiers):
        again = recompute()
    bench.note(f"  nieuw {again.created:,}, gewijzigd {again.updated:,}, vervallen {again.lapsed:,}")
    ids = list(Person.objects.order_by("?").values_list("pk", flat=True)[: bench.options.get("sample", 200)])
    with bench.measure("herberekenen per dossier (incrementeel)", len(ids)):
        for pk in ids:
            recompute_person(pk)
    bench.note(f"Signalen na afloop: {Signal.objects.count():,}")


BENCHMARK = Benchmark("signals", "signalen en termijnen herberekenen over alle dossiers", run)
