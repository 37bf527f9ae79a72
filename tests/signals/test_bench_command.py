"""``koers bench signals`` runs on a small generated dataset and prints its figures (never asserted)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from koers.begeleiding.models import Trajectory
from koers.inburgering.models import PipVersie
from koers.people.models import TimelineEvent
from koers.signals.engine import recompute
from koers.signals.models import Signal


def test_the_signals_benchmark_runs_and_prints_figures_per_thousand_dossiers(db):
    call_command("generate", "--persons", "40", "--municipalities", "2", stdout=StringIO())
    out = StringIO()
    call_command("bench", "signals", "--sample", "5", stdout=out)
    output = out.getvalue()
    assert "herberekenen, alles" in output and "s/1000" in output and "MiB" in output
    assert "ms per gewijzigd dossier (doel ≤ 5 ms" in output and "per 1.000.000 dossiers (doel ≤ 60 s)" in output
    assert Signal.objects.exists()


def test_the_incremental_part_commits_each_realistic_change_and_leaves_the_data_as_it_was(db):
    call_command("generate", "--persons", "40", "--municipalities", "2", stdout=StringIO())
    recompute()
    before = list(Signal.objects.order_by("pk").values_list("pk", "status", "due", "closed_at"))
    pips = list(PipVersie.objects.order_by("pk").values_list("pk", "dagtekening"))
    trajectories = list(Trajectory.objects.order_by("pk").values_list("pk", "state", "state_since"))
    events = TimelineEvent.objects.count()
    out = StringIO()
    call_command("bench", "signals", "--only", "incremental", "--sample", "5", stdout=out)
    output = out.getvalue()
    assert "herberekenen, alles" not in output
    assert "queries per dossier — een heel dossier (alle bronnen)" in output
    for label in ("PIP opgeslagen (andere dagtekening)", "uren gemeld door de taalaanbieder", "notitie in de tijdlijn",
                  "stap in het MB-traject"):
        assert f"na wijziging: {label}" in output and f"queries per dossier — {label}" in output
    assert "ingehouden post ontzorgen gewijzigd: geen records in deze database, niet gemeten" in output
    assert list(Signal.objects.order_by("pk").values_list("pk", "status", "due", "closed_at")) == before
    assert list(PipVersie.objects.order_by("pk").values_list("pk", "dagtekening")) == pips
    assert list(Trajectory.objects.order_by("pk").values_list("pk", "state", "state_since")) == trajectories
    assert TimelineEvent.objects.count() == events


def test_the_bench_command_lists_benchmarks_and_refuses_an_unknown_one(db):
    out = StringIO()
    call_command("bench", "--list", stdout=out)
    assert "signals" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("bench", "nergens", stdout=StringIO())
