"""Extension: the worker asks, the consultant decides; approval moves the end date by the policy's
months (calendar months: 29 February becomes 28 February)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from koers.begeleiding import services
from koers.begeleiding.constants import ExtensionStatus
from koers.lib import clock
from koers.people.constants import Phase
from tests.factories import PersonFactory

from .factories import PURPOSE, start, trajectory_in, use_preset


def ask(trajectory, actor):
    return services.request_extension(actor=actor, trajectory=trajectory, reason="Nog niet zelfredzaam",
                                      purpose=PURPOSE)


def test_an_approved_extension_adds_six_months_to_the_end(tenants):
    trajectory = trajectory_in(Phase.VERDERE_BEGELEIDING, tenants.a.person, tenants.a.mb_worker)
    assert trajectory.planned_end == dt.date(2027, 3, 2)
    extension = ask(trajectory, tenants.a.mb_worker)
    services.decide_extension(actor=tenants.a.consultant, extension=extension, approve=True, purpose=PURPOSE)
    trajectory.refresh_from_db()
    assert trajectory.planned_end == dt.date(2027, 9, 2)


def test_a_refused_extension_leaves_the_end_alone(tenants):
    trajectory = trajectory_in(Phase.VERDERE_BEGELEIDING, tenants.a.person, tenants.a.mb_worker)
    extension = ask(trajectory, tenants.a.mb_worker)
    services.decide_extension(actor=tenants.a.consultant, extension=extension, approve=False, purpose=PURPOSE)
    trajectory.refresh_from_db()
    assert trajectory.planned_end == dt.date(2027, 3, 2)
    assert extension.status == ExtensionStatus.REFUSED


def test_the_end_of_an_mb_started_on_29_february_is_the_last_day_of_february(tenants):
    with clock.frozen(dt.date(2024, 2, 29)):
        trajectory = start(PersonFactory(municipality=tenants.a.municipality), tenants.a.mb_worker,
                           on=dt.date(2024, 2, 29))
        for step in (Phase.HUISVESTING, Phase.REGELDAG):
            services.transition(actor=tenants.a.mb_worker, trajectory=trajectory, to_state=step, purpose=PURPOSE)
    trajectory.refresh_from_db()
    assert trajectory.planned_end == dt.date(2025, 2, 28)


def test_the_worker_who_asks_cannot_decide(tenants):
    trajectory = trajectory_in(Phase.VERDERE_BEGELEIDING, tenants.a.person, tenants.a.mb_worker)
    extension = ask(trajectory, tenants.a.consultant)
    with pytest.raises(ValidationError, match="niet zelf"):
        services.decide_extension(actor=tenants.a.consultant, extension=extension, approve=True, purpose=PURPOSE)


def test_the_policy_limits_the_number_of_extensions(tenants):
    trajectory = trajectory_in(Phase.VERDERE_BEGELEIDING, tenants.a.person, tenants.a.mb_worker)
    services.decide_extension(actor=tenants.a.consultant, extension=ask(trajectory, tenants.a.mb_worker),
                              approve=True, purpose=PURPOSE)
    with pytest.raises(ValidationError, match="maximum"):
        ask(trajectory, tenants.a.mb_worker)


def test_a_policy_without_extensions_refuses_a_request(tenants):
    use_preset(tenants.a.municipality, "tholen")
    trajectory = trajectory_in(Phase.VERDERE_BEGELEIDING, tenants.a.person, tenants.a.mb_worker)
    with pytest.raises(ValidationError, match="geen verlenging"):
        ask(trajectory, tenants.a.mb_worker)


def test_only_the_consultant_decides_on_the_screen(tenants, client_as):
    trajectory = trajectory_in(Phase.VERDERE_BEGELEIDING, tenants.a.person, tenants.a.mb_worker)
    extension = ask(trajectory, tenants.a.mb_worker)
    url = f"/personen/{tenants.a.person.pk}/begeleiding/verlenging/{extension.pk}/besluit/"
    assert client_as(tenants.a.mb_worker).post(url, {"decision": "goedkeuren"}).status_code == 403
    assert client_as(tenants.b.consultant).post(url, {"decision": "goedkeuren"}).status_code == 404
    assert client_as(tenants.a.consultant).post(url, {"decision": "goedkeuren"}).status_code == 302
    extension.refresh_from_db()
    assert (extension.status, extension.decided_by) == (ExtensionStatus.APPROVED, tenants.a.consultant)
