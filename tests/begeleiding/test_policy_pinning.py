"""A trajectory pins the policy version it started with: switching a municipality's preset changes new
trajectories (checklist, measurement moments, duration) and leaves running ones as they were."""

from koers.begeleiding import services
from koers.people.constants import Phase
from tests.factories import PersonFactory

from .factories import PURPOSE, STEP_DATES, trajectory_in, use_preset


def shape(trajectory) -> tuple:
    trajectory.refresh_from_db()
    return (
        trajectory.policy.version,
        [i.label for i in trajectory.checklist.all()],
        trajectory.policy.settings.measurement_months,
        trajectory.planned_end,
    )


def test_switching_the_preset_changes_new_trajectories_and_leaves_running_ones_alone(tenants):
    tenant = tenants.a
    use_preset(tenant.municipality, "roermond", tenant.admin)
    running = trajectory_in(Phase.REGELDAG, PersonFactory(municipality=tenant.municipality), tenant.mb_worker)
    before = shape(running)
    assert before[2] == (1, 2, 3, 4, 5, 6)
    assert running.planned_end == STEP_DATES[Phase.REGELDAG].replace(month=9)  # 6 months after 2 March

    use_preset(tenant.municipality, "groningen", tenant.admin)
    new = trajectory_in(Phase.REGELDAG, PersonFactory(municipality=tenant.municipality), tenant.mb_worker)

    assert shape(running) == before
    after = shape(new)
    assert after[0] == before[0] + 1
    assert "Woning zoeken via WoningNet en urgentie" in after[1]
    assert "Woning zoeken via WoningNet en urgentie" not in before[1]
    assert after[2] == ()
    # Groningen counts 3 years from the koppeling (5 January 2026).
    assert new.mb_start.isoformat() == "2026-01-05"
    assert new.planned_end.isoformat() == "2029-01-05"


def test_a_running_trajectory_keeps_its_rules_for_later_steps(tenants):
    tenant = tenants.a
    use_preset(tenant.municipality, "den_haag", tenant.admin)
    running = trajectory_in(Phase.OPSTARTFASE, PersonFactory(municipality=tenant.municipality), tenant.mb_worker)
    use_preset(tenant.municipality, "tholen", tenant.admin)  # Tholen has no plan at all
    domains = running.policy.settings.domains
    scores = {d.key: 3 for d in domains}
    measurement = services.record_measurement(actor=tenant.mb_worker, trajectory=running, month=3, scores=scores,
                                              purpose=PURPOSE)
    assert measurement.month == 3
    assert services.current_policy(tenant.municipality).settings.has_plan is False


def test_a_municipality_without_a_policy_starts_from_the_default_preset(tenants):
    policy = services.current_policy(tenants.b.municipality)
    assert (policy.version, policy.preset) == (1, "den_haag")
