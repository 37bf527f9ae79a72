"""The dashboards' benchmark (``koers bench monitoring``).

First the facts the figures count from: rebuilt for everyone (the nightly job) and refreshed for a
sample of single dossiers (what follows a change). Then every figure over all municipalities for the
last year, without a breakdown and broken down by age band (the costliest expression); then the whole
dashboard (all figures, as one page computes them) for the largest municipality and for all of them,
broken down and filtered, each against the target of issue 8 (under a second): over all
municipalities once counted (nothing kept) and once from the kept figures (``kept``); last the
evaluation report comparing all municipalities, counted, and after the job that counts the standard
wide dashboards ahead. The machine's load is printed with it: on a shared machine the
same work takes longer when others are busy."""

from __future__ import annotations

import argparse
import os
import random

from django.db import connection
from django.db.models import Count

from koers.access.models import Municipality
from koers.lib import clock
from koers.lib.bench import Bench, Benchmark
from koers.people.models import Person

from . import ahead, kept
from .evaluation import evaluation_report
from .facts import rebuild, refresh
from .figures import computed_together, counted, registry, rows_of
from .forms import default_period
from .models import KeptFigure, PersonFacts
from .selection import Selection

DASHBOARD_TARGET_SECONDS = 1.0
"""Issue 8: every dashboard over 1,000,000 dossiers answers within a second."""
SAMPLE = 200
DASHBOARDS = (
    ("gender", {}),
    ("age_band", {"gender": "v", "target_group": "asiel"}),
)


def load() -> str:
    return "/".join(f"{value:.2f}" for value in os.getloadavg())


def arguments(parser: argparse._ActionsContainer) -> None:
    parser.add_argument("--dashboards-only", action="store_true",
                        help="monitoring: alleen de dashboards meten, met de feiten zoals ze er al zijn")


def run(bench: Bench) -> None:
    dossiers = Person.objects.count()
    bench.note(f"Database: {connection.vendor}; {dossiers:,} dossiers; belasting (load average 1/5/15 min) "
               f"{load()}")
    if not dossiers:
        bench.note("Geen dossiers: maak ze eerst met `koers generate --persons N`.")
        return
    if not bench.options.get("dashboards_only"):
        measure_facts(bench, dossiers)
    today = clock.today()
    start = default_period(today)[0]
    municipalities = frozenset(Municipality.objects.values_list("pk", flat=True))
    for breakdown in ("totaal", "age_band"):
        selection = Selection(municipalities, start, today, today, breakdown)
        for figure in registry.values():
            with bench.measure(f"{figure.key} ({breakdown})", dossiers):
                rows = counted(figure, selection)
            bench.note(f"  {len(rows)} rijen")
    largest = frozenset(
        PersonFacts.objects.values("municipality_id")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("municipality_id", flat=True)[:1]
    )
    for label, scope in (("één gemeente", largest), ("alle gemeenten", municipalities)):
        for breakdown, filters in DASHBOARDS:
            selection = Selection(scope, start, today, today, breakdown, filters)
            KeptFigure.objects.all().delete()
            if not kept.is_wide(selection):
                measure_dashboard(bench, dossiers, label, selection)
                continue
            measure_dashboard(bench, dossiers, f"{label}, geteld", selection)
            measure_dashboard(bench, dossiers, f"{label}, bewaard", selection)
    KeptFigure.objects.all().delete()
    with bench.measure("evaluatierapport, alle gemeenten, geteld", dossiers):
        evaluation_report(municipalities, start, today, today)
    with bench.measure("vooruit tellen: alle gemeenten, elke uitsplitsing", dossiers):
        figures = ahead.keep_wide_figures()
    bench.note(f"  {figures} kengetallen geteld en bewaard (taak monitoring.keep_wide_figures)")
    with bench.measure("evaluatierapport, alle gemeenten, bewaard", dossiers):
        evaluation_report(municipalities, start, today, today)
    bench.note(f"Belasting na afloop: {load()}")


def measure_facts(bench: Bench, dossiers: int) -> None:
    with bench.measure("feiten herbouwen, alle dossiers", dossiers):
        outcome = rebuild()
    how = "in lege tabellen geladen" if outcome.bulk_load else "per blok van personen vernieuwd"
    bench.note(f"  {outcome.rows:,} rijen ({how})")
    ids = list(Person.objects.values_list("pk", flat=True)[: SAMPLE * 50])
    sample = random.Random(9).sample(ids, min(SAMPLE, len(ids)))
    with bench.measure("feiten verversen per gewijzigd dossier", len(sample)):
        for pk in sample:
            refresh([pk])
    bench.note(f"  {bench.measurements[-1].seconds * 1000 / len(sample):.1f} ms per dossier")


def measure_dashboard(bench: Bench, dossiers: int, label: str, selection: Selection) -> None:
    filters = "".join(f"; {key}={value}" for key, value in sorted(selection.filters.items()))
    with bench.measure(f"dashboard, {label} ({selection.breakdown}{filters})", dossiers):
        with computed_together():
            for figure in registry.values():
                rows_of(figure, selection)
    seconds = bench.measurements[-1].seconds
    verdict = "gehaald" if seconds < DASHBOARD_TARGET_SECONDS else "NIET gehaald"
    bench.note(f"  hele dashboard {seconds:.2f} s; doel < {DASHBOARD_TARGET_SECONDS:g} s: {verdict}")


BENCHMARK = Benchmark("monitoring", "alle cijfers van de dashboards over alle dossiers", run, arguments)
