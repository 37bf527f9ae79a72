"""``koers bench monitoring`` times every figure on a small generated dataset (speed never asserted)."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from koers.monitoring.figures import registry


def test_the_monitoring_benchmark_prints_a_timing_per_figure(db):
    call_command("generate", "--persons", "40", "--municipalities", "2", stdout=StringIO())
    out = StringIO()
    call_command("bench", "monitoring", stdout=out)
    output = out.getvalue()
    for key in registry:
        assert f"{key} (totaal)" in output and f"{key} (age_band)" in output
    assert "dashboard, één gemeente (gender)" in output and "evaluatierapport, alle gemeenten" in output
    assert "s/1000" in output


def test_without_dossiers_the_benchmark_says_how_to_make_them(db):
    out = StringIO()
    call_command("bench", "monitoring", stdout=out)
    assert "koers generate" in out.getvalue()
