"""The dashboards' benchmark (``koers bench monitoring``): every figure over all municipalities for
the last year, without a breakdown and broken down by age band (the costliest expression)."""

from __future__ import annotations

import datetime as dt

from django.db import connection

from koers.access.models import Municipality
from koers.lib import clock
from koers.lib.bench import Bench, Benchmark
from koers.people.models import Person

from .figures import registry, rows_of
from .selection import Selection


def run(bench: Bench) -> None:
    dossiers = Person.objects.count()
    bench.note(f"Database: {connection.vendor}; {dossiers:,} dossiers")
    if not dossiers:
        bench.note("Geen dossiers: maak ze eerst met `koers generate --persons N`.")
        return
    today = clock.today()
    municipalities = frozenset(Municipality.objects.values_list("pk", flat=True))
    for breakdown in ("totaal", "age_band"):
        selection = Selection(municipalities, today - dt.timedelta(days=365), today, today, breakdown)
        for figure in registry.values():
            with bench.measure(f"{figure.key} ({breakdown})", dossiers):
                rows = rows_of(figure, selection)
            bench.note(f"  {len(rows)} rijen")


BENCHMARK = Benchmark("monitoring", "alle cijfers van de dashboards over alle dossiers", run)
