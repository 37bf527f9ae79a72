"""The team lead's caseload view: trajectories per worker and phase against the policy's norm, with the
overdue items highlighted."""

import datetime as dt

from koers.access.constants import Role
from koers.begeleiding import services
from koers.begeleiding.policy import PolicySettings
from koers.people.constants import Phase
from tests.factories import PersonFactory

from .factories import PURPOSE, trajectory_in, use_preset


def test_it_counts_per_worker_and_phase_and_flags_a_worker_over_the_norm(tenants, client_as):
    tenant = tenants.a
    base = use_preset(tenant.municipality, "den_haag").settings
    services.save_policy(actor=tenant.admin, municipality=tenant.municipality,
                         settings=PolicySettings(**{**base.__dict__, "capacity_per_worker": 2}))
    for state in (Phase.KOPPELING, Phase.OPSTARTFASE, Phase.OPSTARTFASE):
        trajectory_in(state, PersonFactory(municipality=tenant.municipality), tenant.mb_worker)
    trajectory_in(Phase.KOPPELING, PersonFactory(municipality=tenants.b.municipality), tenants.b.mb_worker)
    response = client_as(tenant.team_lead).get("/begeleiding/caseload/")
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == 1
    row = rows[0]
    assert (row["worker"], row["total"], row["norm"], row["over"]) == (tenant.mb_worker, 3, 2, True)
    assert row["phases"][list(Phase).index(Phase.OPSTARTFASE)] == 2
    # The opstartfase (target 120 days from 4 March 2026) is overdue on 25 November 2026.
    assert row["overdue"] >= 2
    assert "mb-overdue" in response.content.decode()
    assert "Opstartfase duurt langer dan de streefduur" in response.content.decode()


def test_only_the_team_lead_opens_the_caseload_view(tenants, client_as):
    for role in (Role.MB_BEGELEIDER, Role.VRIJWILLIGER, Role.TAALAANBIEDER, Role.CONSULTANT):
        assert client_as(tenants.a.user(role)).get("/begeleiding/caseload/").status_code == 403


def test_the_team_lead_does_not_see_overdue_tasks_by_name(tenants, client_as):
    trajectory = trajectory_in(Phase.VERDERE_BEGELEIDING, tenants.a.person, tenants.a.mb_worker)
    services.add_task(actor=tenants.a.mb_worker, trajectory=trajectory, title="Schuldhulp bellen",
                      owner=tenants.a.mb_worker, due=dt.date(2026, 11, 1), purpose=PURPOSE)
    page = client_as(tenants.a.team_lead).get("/begeleiding/caseload/").content.decode()
    assert "Schuldhulp bellen" not in page
    assert "Taak in de begeleiding" not in page
