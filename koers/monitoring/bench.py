"""The dashboards' benchmark (``koers bench monitoring``): every figure over all municipalities for
the last year, without a breakdown and broken down by age band (the costliest expression); then the
whole dashboard (all figures, as one page computes them) for the largest municipality and for all
of them, and the evaluation report comparing all municipalities."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Count

from koers.access.models import Municipality
from koers.lib import clock
from koers.lib.bench import Bench, Benchmark
from koers.people.models import Person

from .evaluation import evaluation_report
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
    largest = (
        Person.objects.values("municipality_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("municipality_id", flat=True)[:1]
    )
    start = today - dt.timedelta(days=365)
    for label, scope in (("één gemeente", frozenset(largest)), ("alle gemeenten", municipalities)):
        selection = Selection(scope, start, today, today, "gender")
        with bench.measure(f"dashboard, {label} (gender)", dossiers):
            for figure in registry.values():
                rows_of(figure, selection)
    with bench.measure("evaluatierapport, alle gemeenten", dossiers):
        evaluation_report(municipalities, start, today, today)


BENCHMARK = Benchmark("monitoring", "alle cijfers van de dashboards over alle dossiers", run)
