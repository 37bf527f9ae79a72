"""A dashboard over many municipalities shows figures counted a short while ago (kept), says when they
were counted, and counts again once they are older than the keeping time; a dashboard over fewer
municipalities is always counted live. The background job counts the standard wide dashboards ahead."""

from __future__ import annotations

import datetime as dt

import pytest

from koers.lib import clock, jobs
from koers.monitoring import ahead
from koers.monitoring.dimensions import DIMENSIONS
from koers.monitoring.figures import registry, rows_of
from koers.monitoring.kept import selection_key
from koers.monitoring.models import KeptFigure
from koers.monitoring.selection import Selection

from ..conftest import TODAY
from .conftest import selection, women_and_men
from .test_dashboard_access import koppelingen

pytestmark = pytest.mark.django_db


@pytest.fixture
def wide_from_two(settings):
    settings.KOERS_MONITORING_WIDE_FROM = 2
    settings.KOERS_MONITORING_KEEP_MINUTES = 60


def both(tenants) -> frozenset[int]:
    return frozenset({tenants.a.municipality.pk, tenants.b.municipality.pk})


def test_a_wide_dashboard_shows_the_kept_figures_until_they_are_too_old(tenants, tenants_of, client_as, wide_from_two):
    analyst = tenants_of(both(tenants))
    women_and_men(tenants.a.municipality, 0, 6)
    assert koppelingen(client_as(analyst)) == ["Totaal", "", "10", "10"]
    women_and_men(tenants.b.municipality, 0, 5)
    assert koppelingen(client_as(analyst)) == ["Totaal", "", "10", "10"]
    with clock.frozen(clock.now() + dt.timedelta(minutes=61)):
        assert koppelingen(client_as(analyst)) == ["Totaal", "", "15", "15"]


def test_a_narrow_dashboard_is_counted_live(tenants, client_as, wide_from_two):
    client = client_as(tenants.a.analyst)
    assert koppelingen(client) == ["Totaal", "", "x", ""]
    women_and_men(tenants.a.municipality, 0, 4)
    assert koppelingen(client) == ["Totaal", "", "6", "6"]
    assert not KeptFigure.objects.exists()


def test_kept_rows_are_suppressed_when_shown_like_counted_rows(tenants, wide_from_two):
    women_and_men(tenants.a.municipality, 1, 7, 6)
    counted = rows_of(registry["koppelingen"], selection(both(tenants)))
    shown_from_kept = rows_of(registry["koppelingen"], selection(both(tenants)))
    assert KeptFigure.objects.filter(figure="koppelingen").count() == 1
    assert shown_from_kept == counted
    assert any(row.suppressed for row in counted) and any(not row.suppressed for row in counted)


def test_another_selection_is_counted_and_kept_apart(tenants, wide_from_two):
    women_and_men(tenants.a.municipality, 0, 6)
    rows_of(registry["koppelingen"], selection(both(tenants), "gender"))
    rows_of(registry["koppelingen"], selection(both(tenants), "gender", gender="m"))
    rows_of(registry["koppelingen"], selection(both(tenants), "age_band"))
    assert KeptFigure.objects.filter(figure="koppelingen").values("selection_key").distinct().count() == 3


def test_the_wide_dashboard_says_when_its_figures_were_counted(tenants, tenants_of, client_as, wide_from_two):
    page = client_as(tenants_of(both(tenants))).get("/monitoring/").content.decode()
    assert "Cijfers over 2 gemeenten, berekend op 25 november 2026 12:00" in page
    narrow = client_as(tenants.a.analyst).get("/monitoring/").content.decode()
    assert "berekend op" not in narrow


def test_the_job_counts_every_figure_of_each_breakdown_over_every_municipality(tenants, wide_from_two):
    women_and_men(tenants.a.municipality, 0, 6)
    KeptFigure.objects.create(selection_key="oud", figure="koppelingen", rows=[], computed_at=clock.now() - dt.timedelta(days=2))
    assert ahead.keep_wide_figures() == len(DIMENSIONS) * len(registry)
    assert not KeptFigure.objects.filter(selection_key="oud").exists()
    standard = Selection(both(tenants), dt.date(2025, 11, 26), TODAY, TODAY, "totaal")
    kept = KeptFigure.objects.get(selection_key=selection_key(standard), figure="koppelingen")
    assert kept.computed_at == clock.now()
    assert [row[2] for row in kept.rows] == [10]


def test_the_job_recounts_what_is_kept_already(tenants, wide_from_two):
    ahead.keep_wide_figures()
    women_and_men(tenants.a.municipality, 0, 6)
    ahead.keep_wide_figures()
    standard = Selection(both(tenants), dt.date(2025, 11, 26), TODAY, TODAY, "totaal")
    assert KeptFigure.objects.get(selection_key=selection_key(standard), figure="koppelingen").rows[0][2] == 10


def test_below_the_wide_threshold_the_job_counts_nothing(tenants, settings):
    settings.KOERS_MONITORING_WIDE_FROM = 3
    assert ahead.keep_wide_figures() == 0
    assert not KeptFigure.objects.exists()


def test_the_worker_counts_the_wide_dashboards_twice_within_the_keeping_time():
    task = jobs.task("monitoring.keep_wide_figures")
    assert task.func is ahead.keep_wide_figures and task.every == dt.timedelta(minutes=30)
