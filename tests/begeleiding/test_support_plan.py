"""The support plan: goals per life domain and self-reliance scores (1–5) at the policy's measurement
moments, shown as an inline SVG trend with a table that says the same."""

import re

import pytest
from django.core.exceptions import ValidationError

from koers.begeleiding import services
from koers.begeleiding.chart import trend_chart
from koers.begeleiding.models import Measurement
from koers.people.constants import Phase

from .factories import PURPOSE, trajectory_in


@pytest.fixture
def trajectory(tenants):
    return trajectory_in(Phase.VERDERE_BEGELEIDING, tenants.a.person, tenants.a.mb_worker)


def scores(trajectory, value: int) -> dict[str, int]:
    return {d.key: value for d in trajectory.policy.settings.domains}


def measure(trajectory, actor, month: int, value: int):
    return services.record_measurement(actor=actor, trajectory=trajectory, month=month,
                                       scores=scores(trajectory, value), purpose=PURPOSE)


def test_measurement_moments_fall_due_counted_from_the_start_of_mb(trajectory):
    # Den Haag: 3, 8 and 12 months after the regeldag of 2 March 2026.
    dues = [services.measurement_due(trajectory, m).isoformat() for m in trajectory.policy.settings.measurement_months]
    assert dues == ["2026-06-02", "2026-11-02", "2027-03-02"]


@pytest.mark.parametrize(
    ("month", "change", "message"),
    [
        (4, {}, "geen meetmoment"),
        (3, {"wonen": 6}, "score van 1 tot en met 5"),
        (3, {"wonen": 0}, "score van 1 tot en met 5"),
        (3, {"onbekend": 3}, "score van 1 tot en met 5"),
    ],
)
def test_it_refuses_bad_scores_and_stores_nothing(tenants, trajectory, month, change, message):
    with pytest.raises(ValidationError, match=message):
        services.record_measurement(actor=tenants.a.mb_worker, trajectory=trajectory, month=month,
                                    scores={**scores(trajectory, 3), **change}, purpose=PURPOSE)
    assert not Measurement.objects.exists()


def test_a_moment_is_measured_once(tenants, trajectory):
    measure(trajectory, tenants.a.mb_worker, 3, 2)
    with pytest.raises(ValidationError, match="al vastgelegd"):
        measure(trajectory, tenants.a.mb_worker, 3, 4)


def test_the_trend_has_one_line_per_domain_through_every_moment(tenants, trajectory):
    measure(trajectory, tenants.a.mb_worker, 3, 2)
    measure(trajectory, tenants.a.mb_worker, 8, 4)
    chart = trend_chart(trajectory.policy.settings.domains, list(trajectory.measurements.all()))
    assert len(chart.lines) == 6
    assert all(len(line.dots) == 2 for line in chart.lines)
    low, high = chart.lines[0].dots
    assert low[1] > high[1]  # score 4 is drawn higher than score 2
    assert [label for _, label in chart.x_ticks] == ["3 mnd", "8 mnd"]


def test_the_plan_page_shows_the_chart_and_the_table(tenants, client_as, trajectory):
    services.add_goal(actor=tenants.a.mb_worker, trajectory=trajectory, domain="wonen", goal="Zelf de huur betalen",
                      actions="", responsible="Deelnemer", purpose=PURPOSE)
    measure(trajectory, tenants.a.mb_worker, 3, 2)
    page = client_as(tenants.a.mb_worker).get(f"/personen/{tenants.a.person.pk}/begeleiding/plan/").content.decode()
    svg = page[page.index("<svg role=\"img\""):page.index("</svg>")]
    assert "<polyline" in svg
    assert not re.search(r'="[0-9]+,[0-9]', svg), "SVG coordinates must not use a decimal comma"
    assert 'id="mb-scores"' in page
    assert "Zelf de huur betalen" in page


def test_a_goal_outside_the_pinned_domains_is_refused(tenants, trajectory):
    with pytest.raises(ValidationError, match="leefgebied"):
        services.add_goal(actor=tenants.a.mb_worker, trajectory=trajectory, domain="juridisch", goal="x",
                          actions="", responsible="y", purpose=PURPOSE)
