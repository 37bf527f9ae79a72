"""The deadline source: set-based, one deadline per running clock, with the right category."""

import datetime as dt

from koers.access.constants import DataCategory
from koers.begeleiding import deadlines, services
from koers.begeleiding.constants import SupportMode
from koers.lib.deadlines import deadline_sources
from koers.people.constants import Phase
from tests.factories import PersonFactory

from .factories import PURPOSE, trajectory_in, use_preset

TODAY = dt.date(2026, 11, 25)


def by_kind(person_ids=None) -> dict:
    found = {}
    for d in deadlines.compute(person_ids, TODAY):
        found.setdefault(d.kind, []).append(d)
    return found


def test_the_source_is_registered():
    assert "begeleiding" in {s.name for s in deadline_sources()}


def test_a_running_trajectory_has_its_measurement_end_overrun_task_and_extension(tenants):
    tenant = tenants.a
    trajectory = trajectory_in(Phase.OPSTARTFASE, tenant.person, tenant.mb_worker)
    services.add_task(actor=tenant.mb_worker, trajectory=trajectory, title="Bel de school", owner=tenant.mb_worker,
                      due=dt.date(2026, 11, 20), purpose=PURPOSE)
    services.request_extension(actor=tenant.mb_worker, trajectory=trajectory, reason="Nodig", purpose=PURPOSE)
    found = by_kind()
    assert [d.due for d in found[deadlines.MEASUREMENT]] == [dt.date(2026, 6, 2)]
    assert found[deadlines.MEASUREMENT][0].category == DataCategory.NOTES
    assert [d.due for d in found[deadlines.MB_END]] == [dt.date(2027, 3, 2)]
    assert [d.due for d in found[deadlines.OPSTART_OVERRUN]] == [dt.date(2026, 3, 4) + dt.timedelta(days=120)]
    assert [d.due for d in found[deadlines.TASK]] == [dt.date(2026, 11, 20)]
    assert [d.due for d in found[deadlines.EXTENSION]] == [TODAY + dt.timedelta(days=14)]


def test_a_measured_moment_gives_way_to_the_next(tenants):
    trajectory = trajectory_in(Phase.VERDERE_BEGELEIDING, tenants.a.person, tenants.a.mb_worker)
    services.record_measurement(actor=tenants.a.mb_worker, trajectory=trajectory, month=3,
                                scores={d.key: 3 for d in trajectory.policy.settings.domains}, purpose=PURPOSE)
    assert [d.due for d in by_kind()[deadlines.MEASUREMENT]] == [dt.date(2026, 11, 2)]


def test_a_call_is_due_for_someone_on_demand_and_the_filter_on_persons_works(tenants):
    use_preset(tenants.a.municipality, "groningen")
    trajectory = trajectory_in(Phase.VERDERE_BEGELEIDING, tenants.a.person, tenants.a.mb_worker)
    services.set_support_mode(actor=tenants.a.mb_worker, trajectory=trajectory, mode=SupportMode.ON_DEMAND,
                              purpose=PURPOSE)
    other = trajectory_in(Phase.KOPPELING, PersonFactory(municipality=tenants.a.municipality), tenants.a.mb_worker)
    assert [d.due for d in by_kind()[deadlines.CALL]] == [dt.date(2027, 2, 25)]
    assert by_kind([other.person_id]) == {}


def test_a_closed_trajectory_has_no_deadlines(tenants):
    trajectory_in(Phase.AFGESLOTEN, tenants.a.person, tenants.a.mb_worker)
    assert by_kind() == {}
