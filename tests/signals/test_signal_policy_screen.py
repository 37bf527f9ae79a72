"""The functional administrator edits the municipality's signal policy: each save is a new version
with a reason, logged in the audit log, and the signals follow the new thresholds. Bad input is a
Dutch error with nothing stored; another municipality's policy is a 404 (logged); other roles are
refused."""

from __future__ import annotations

import datetime as dt

import pytest

from koers.access.constants import Role
from koers.audit.models import Action, AuditEntry, Outcome
from koers.inburgering.deadlines import OFFER_MISSING
from koers.lib import jobs
from koers.signals.engine import recompute
from koers.signals.models import Signal, SignalPolicy, SignalPolicyVersion

from ..inburgering.route_factories import PIP_DATE, CurrentPipFactory, PlichtFactory
from ..inburgering.screens import logged_in

pytestmark = pytest.mark.django_db

VALID = {"hours_min_percent": "70", "hours_window_weeks": "6", "no_contact_weeks": "8", "offer_weeks": "6",
         "reason": "Besluit teamoverleg november"}


def url(tenant) -> str:
    return f"/aandacht/beleid/{tenant.municipality.pk}/"


def test_the_administrator_saves_the_thresholds_as_a_new_version_with_a_reason(tenants):
    admin = logged_in(tenants.a.admin)
    assert admin.get(url(tenants.a)).status_code == 200

    response = admin.post(url(tenants.a), VALID)

    assert response.status_code == 302
    policy = SignalPolicy.objects.get(municipality=tenants.a.municipality)
    assert (policy.hours_min_percent, policy.hours_window_weeks, policy.no_contact_weeks, policy.offer_weeks) == (
        70, 6, 8, 6
    )
    version = SignalPolicyVersion.objects.get(municipality=tenants.a.municipality)
    assert (version.version, version.reason, version.created_by) == (1, "Besluit teamoverleg november", tenants.a.admin)
    entry = AuditEntry.objects.get(purpose="Scherm: signaalbeleid", outcome=Outcome.ALLOWED)
    assert (entry.action, entry.municipality_id, entry.user_id) == (
        Action.UPDATE, tenants.a.municipality.pk, tenants.a.admin.pk
    )
    assert "Versie 1" in entry.detail


def test_every_earlier_version_stays_and_is_listed(tenants):
    admin = logged_in(tenants.a.admin)
    admin.post(url(tenants.a), VALID)
    admin.post(url(tenants.a), {**VALID, "offer_weeks": "10", "reason": "Aanbod komt later in deze regio"})

    assert list(SignalPolicyVersion.objects.filter(municipality=tenants.a.municipality)
                .values_list("version", "offer_weeks")) == [(2, 10), (1, 6)]
    assert SignalPolicy.objects.get(municipality=tenants.a.municipality).offer_weeks == 10
    content = admin.get(url(tenants.a)).content.decode()
    assert "Aanbod komt later in deze regio" in content and "Besluit teamoverleg november" in content


def test_the_signals_follow_the_new_thresholds(tenants):
    PlichtFactory(person=tenants.a.person)
    CurrentPipFactory(person=tenants.a.person)
    recompute()
    assert Signal.objects.get(kind=OFFER_MISSING).due == PIP_DATE + dt.timedelta(weeks=4)

    logged_in(tenants.a.admin).post(url(tenants.a), VALID)
    jobs.run_queued("test")

    assert Signal.objects.get(kind=OFFER_MISSING, status="open").due == PIP_DATE + dt.timedelta(weeks=6)


def test_an_advisory_committee_for_objections_gives_twelve_weeks_to_decide(tenants):
    from koers.inburgering.constants import BezwaarUitkomst
    from koers.inburgering.deadlines import PIP_OBJECTION_DECISION

    PlichtFactory(person=tenants.a.person)
    CurrentPipFactory(person=tenants.a.person, dagtekening=dt.date(2026, 10, 5),
                      objection_filed_on=dt.date(2026, 11, 2), objection_outcome=BezwaarUitkomst.IN_BEHANDELING)
    recompute()
    assert Signal.objects.get(kind=PIP_OBJECTION_DECISION).due == dt.date(2026, 12, 28)

    admin = logged_in(tenants.a.admin)
    admin.post(url(tenants.a), {**VALID, "objection_committee": "on", "reason": "Bezwaarcommissie ingesteld"})
    jobs.run_queued("test")

    assert SignalPolicyVersion.objects.get(municipality=tenants.a.municipality).objection_committee is True
    assert Signal.objects.get(kind=PIP_OBJECTION_DECISION, status="open").due == dt.date(2027, 2, 8)
    assert "objection_committee=True" in AuditEntry.objects.get(purpose="Scherm: signaalbeleid").detail
    assert "Bezwaarcommissie ingesteld" in admin.get(url(tenants.a)).content.decode()


@pytest.mark.parametrize(
    "field, value",
    [("hours_min_percent", "0"), ("hours_min_percent", "101"), ("offer_weeks", "53"), ("no_contact_weeks", "veel"),
     ("hours_window_weeks", ""), ("reason", "   ")],
)
def test_a_wrong_value_is_a_dutch_error_and_nothing_is_stored(tenants, field, value):
    response = logged_in(tenants.a.admin).post(url(tenants.a), {**VALID, field: value})

    assert response.status_code == 400
    content = response.content.decode()
    assert "Fout:" in content and 'href="#id_' in content
    assert not SignalPolicy.objects.exists() and not SignalPolicyVersion.objects.exists()


def test_an_administrator_of_another_municipality_gets_a_404_and_the_attempt_is_logged(tenants):
    other = logged_in(tenants.b.admin)

    assert other.get(url(tenants.a)).status_code == 404
    assert other.post(url(tenants.a), VALID).status_code == 404

    assert not SignalPolicy.objects.exists()
    refused = AuditEntry.objects.filter(outcome=Outcome.REFUSED, user_id=tenants.b.admin.pk)
    assert refused.count() == 2
    assert set(refused.values_list("municipality_id", flat=True)) == {tenants.a.municipality.pk}


def test_a_municipality_that_does_not_exist_is_a_404(tenants):
    assert logged_in(tenants.a.admin).get("/aandacht/beleid/999999/").status_code == 404


@pytest.mark.parametrize(
    "role", [Role.CONSULTANT, Role.TEAM_LEAD, Role.MB_BEGELEIDER, Role.VRIJWILLIGER, Role.TAALAANBIEDER,
             Role.POLICY_ANALYST],
)
def test_other_roles_may_not_change_the_policy(tenants, role):
    client = logged_in(tenants.a.user(role))

    assert client.get("/aandacht/beleid/").status_code == 403
    assert client.get(url(tenants.a)).status_code == 403
    assert client.post(url(tenants.a), VALID).status_code == 403
    assert not SignalPolicy.objects.exists()


def test_the_administrator_of_one_municipality_goes_straight_to_its_policy(tenants):
    response = logged_in(tenants.a.admin).get("/aandacht/beleid/")

    assert response.status_code == 302 and response.url == url(tenants.a)
