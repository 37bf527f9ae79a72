"""The call list: people supported on demand get a call every N months per their policy; a result moves
the next call."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from koers.begeleiding import services
from koers.begeleiding.constants import CallOutcome, SupportMode
from koers.lib import clock
from koers.people.constants import Phase

from .factories import PURPOSE, trajectory_in, use_preset


@pytest.fixture
def on_demand(tenants):
    use_preset(tenants.a.municipality, "groningen")
    trajectory = trajectory_in(Phase.VERDERE_BEGELEIDING, tenants.a.person, tenants.a.mb_worker)
    with clock.frozen(dt.date(2026, 7, 31)):
        services.set_support_mode(actor=tenants.a.mb_worker, trajectory=trajectory, mode=SupportMode.ON_DEMAND,
                                  purpose=PURPOSE)
    return trajectory


def test_someone_on_demand_is_due_after_the_interval_of_the_policy(on_demand):
    assert services.next_call_due(on_demand, None) == dt.date(2026, 10, 31)


def test_the_list_shows_who_is_due_and_a_result_moves_the_next_call(tenants, client_as, on_demand):
    client = client_as(tenants.a.mb_worker)
    page = client.get("/begeleiding/bellijst/").content.decode()
    assert tenants.a.person.full_name in page and "nu bellen" in page
    response = client.post(f"/personen/{tenants.a.person.pk}/begeleiding/bellen/",
                           {"outcome": CallOutcome.REACHED_FINE, "remark": "Alles goed"})
    assert response.status_code == 302
    assert services.next_call_due(on_demand, on_demand.calls.get().called_on) == dt.date(2027, 2, 25)
    assert "nu bellen" not in client.get("/begeleiding/bellijst/").content.decode()


def test_someone_in_active_support_is_not_called(tenants):
    use_preset(tenants.a.municipality, "groningen")
    trajectory = trajectory_in(Phase.VERDERE_BEGELEIDING, tenants.a.person, tenants.a.mb_worker)
    assert services.next_call_due(trajectory, None) is None
    with pytest.raises(ValidationError, match="bellijst"):
        services.record_call(actor=tenants.a.mb_worker, trajectory=trajectory, outcome=CallOutcome.NOT_REACHED,
                             purpose=PURPOSE)


def test_a_policy_without_a_call_list_calls_nobody(tenants):
    trajectory = trajectory_in(Phase.VERDERE_BEGELEIDING, tenants.a.person, tenants.a.mb_worker)
    services.set_support_mode(actor=tenants.a.mb_worker, trajectory=trajectory, mode=SupportMode.ON_DEMAND,
                              purpose=PURPOSE)
    assert services.next_call_due(trajectory, None) is None


def test_the_call_list_of_b_does_not_show_a(tenants, client_as, on_demand):
    assert tenants.a.person.full_name not in client_as(tenants.b.mb_worker).get("/begeleiding/bellijst/").content.decode()
    assert client_as(tenants.a.volunteer).get("/begeleiding/bellijst/").status_code == 403
