"""The team lead's caseload view: trajectories per worker and phase against the policy's norm, with the
overdue points of begeleiding (the signals still to be acted on whose day has passed), counted per
worker and listed page by page, by name only where the team lead may read the point."""

import datetime as dt

from koers.access.constants import DataCategory, Role
from koers.audit.models import Action, AuditEntry
from koers.begeleiding import services
from koers.begeleiding.deadlines import MB_END, OPSTART_OVERRUN, TASK
from koers.begeleiding.policy import PolicySettings
from koers.people.constants import Phase
from koers.signals.engine import recompute
from koers.signals.models import SignalStatus
from tests.factories import PersonFactory
from tests.signals.factories import SignalFactory

from .factories import PURPOSE, trajectory_in, use_preset

URL = "/begeleiding/caseload/"
PHASES = [phase for phase in Phase if phase != Phase.AFGESLOTEN]


def test_it_counts_per_worker_and_phase_and_flags_a_worker_over_the_norm(tenants, client_as):
    tenant = tenants.a
    base = use_preset(tenant.municipality, "den_haag").settings
    services.save_policy(actor=tenant.admin, municipality=tenant.municipality,
                         settings=PolicySettings(**{**base.__dict__, "capacity_per_worker": 2}))
    for state in (Phase.KOPPELING, Phase.OPSTARTFASE, Phase.OPSTARTFASE):
        trajectory_in(state, PersonFactory(municipality=tenant.municipality), tenant.mb_worker)
    trajectory_in(Phase.KOPPELING, PersonFactory(municipality=tenants.b.municipality), tenants.b.mb_worker)
    recompute()
    response = client_as(tenant.team_lead).get(URL)
    assert response.status_code == 200
    [row] = response.context["rows"]
    assert (row.worker, row.total, row.norm, row.over) == (tenant.mb_worker, 3, 2, True)
    assert row.phases[PHASES.index(Phase.OPSTARTFASE)] == 2
    # The opstartfase (target 120 days from 4 March 2026) is overdue on 25 November 2026.
    assert row.overdue >= 2
    assert response.context["phase_totals"][PHASES.index(Phase.KOPPELING)] == 1
    assert "mb-overdue" in response.content.decode()
    assert "Opstartfase duurt langer dan de streefduur" in response.content.decode()


def test_a_trajectory_without_a_worker_has_a_row_of_its_own(tenants, client_as):
    trajectory = trajectory_in(Phase.KOPPELING, tenants.a.person, tenants.a.mb_worker)
    trajectory.worker = None
    trajectory.save(update_fields=["worker"])
    [row] = client_as(tenants.a.team_lead).get(URL).context["rows"]
    assert (row.worker, row.total) == (None, 1)


def test_only_active_points_whose_day_has_passed_are_overdue(tenants, client_as):
    trajectory_in(Phase.OPSTARTFASE, tenants.a.person, tenants.a.mb_worker)
    point = {"person": tenants.a.person, "kind": MB_END, "category": DataCategory.IDENTITY}
    SignalFactory(**point, due=dt.date(2026, 11, 24))
    SignalFactory(**point, due=dt.date(2026, 11, 25))
    SignalFactory(**point, due=dt.date(2026, 11, 1), status=SignalStatus.RESOLVED)
    SignalFactory(**point, due=dt.date(2026, 11, 1), status=SignalStatus.SNOOZED, snoozed_until=dt.date(2026, 12, 1))
    SignalFactory(**point, due=dt.date(2026, 11, 1), status=SignalStatus.SNOOZED, snoozed_until=dt.date(2026, 11, 25))
    SignalFactory(**{**point, "kind": "inburgering.leerroute"}, due=dt.date(2026, 11, 1))
    response = client_as(tenants.a.team_lead).get(URL)
    [row] = response.context["rows"]
    assert row.overdue == 2
    assert [item["signal"].due for item in response.context["overdue"]] == [dt.date(2026, 11, 1), dt.date(2026, 11, 24)]


def test_the_overdue_points_come_fifty_a_page_and_only_the_shown_persons_are_logged(tenants, client_as):
    trajectory_in(Phase.OPSTARTFASE, tenants.a.person, tenants.a.mb_worker)
    persons = PersonFactory.create_batch(51, municipality=tenants.a.municipality)
    for day, person in enumerate(persons, start=1):
        SignalFactory(person=person, kind=OPSTART_OVERRUN, category=DataCategory.IDENTITY,
                      due=dt.date(2026, 1, 1) + dt.timedelta(days=day))
    client = client_as(tenants.a.team_lead)
    first = client.get(URL)
    assert len(first.context["overdue"]) == 50 and first.context["page"].paginator.num_pages == 2
    assert "Pagina 1 van 2" in first.content.decode()
    second = client.get(URL, {"page": 2})
    assert [item["signal"].person for item in second.context["overdue"]] == [persons[-1]]
    logged = AuditEntry.objects.filter(action=Action.LIST, username=tenants.a.team_lead.username).order_by("id")
    assert list(logged.values_list("person_id", flat=True))[-1] == persons[-1].pk
    assert logged.count() == 51


def test_another_municipalitys_overdue_points_are_not_listed(tenants, client_as):
    SignalFactory(person=tenants.b.person, kind=MB_END, category=DataCategory.IDENTITY, due=dt.date(2026, 11, 1))
    response = client_as(tenants.a.team_lead).get(URL)
    assert response.context["overdue"] == [] and response.context["rows"] == []


def test_only_the_team_lead_opens_the_caseload_view(tenants, client_as):
    for role in (Role.MB_BEGELEIDER, Role.VRIJWILLIGER, Role.TAALAANBIEDER, Role.CONSULTANT):
        assert client_as(tenants.a.user(role)).get(URL).status_code == 403


def test_the_team_lead_does_not_see_overdue_tasks_by_name(tenants, client_as):
    trajectory = trajectory_in(Phase.VERDERE_BEGELEIDING, tenants.a.person, tenants.a.mb_worker)
    services.add_task(actor=tenants.a.mb_worker, trajectory=trajectory, title="Schuldhulp bellen",
                      owner=tenants.a.mb_worker, due=dt.date(2026, 11, 1), purpose=PURPOSE)
    recompute()
    response = client_as(tenants.a.team_lead).get(URL)
    page = response.content.decode()
    assert "Schuldhulp bellen" not in page
    assert "Taak in de begeleiding" not in page
    assert response.context["rows"][0].overdue >= 1
    assert TASK not in {item["signal"].kind for item in response.context["overdue"]}
