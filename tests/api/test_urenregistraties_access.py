"""Who may report and read hours: only a language provider reports, only for persons with an active
assignment of its organisation; another municipality never reaches them (404, logged as refused)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from koers.access.constants import Role
from koers.audit.models import AuditEntry, Outcome
from koers.inburgering.models import Urenregistratie
from tests.inburgering.route_factories import AanbodFactory

from .helpers import assert_problem
from .test_urenregistraties import URL, report

pytestmark = pytest.mark.django_db


@pytest.fixture
def aanbod(tenants):
    return AanbodFactory(person=tenants.a.person, instelling__organisation=tenants.a.school)


def test_a_provider_cannot_report_for_a_person_without_an_assignment_of_its_organisation(tenants, api_as, aanbod):
    other = tenants.a.other_person
    AanbodFactory(person=other, instelling=aanbod.instelling)
    assert_problem(api_as(tenants.a.provider).post(URL, report(other), format="json"), 404)
    assert not Urenregistratie.objects.exists()
    assert AuditEntry.objects.get().person_id == other.pk
    assert AuditEntry.objects.get().outcome == Outcome.REFUSED


def test_an_ended_assignment_no_longer_allows_reporting(tenants, api_as, aanbod):
    tenants.a.person.assignments.filter(organisation=tenants.a.school).update(end_date=dt.date(2026, 11, 1))
    assert_problem(api_as(tenants.a.provider).post(URL, report(tenants.a.person), format="json"), 404)


def test_a_provider_of_another_municipality_gets_404(tenants, api_as, aanbod):
    assert_problem(api_as(tenants.b.provider).post(URL, report(tenants.a.person), format="json"), 404)
    assert AuditEntry.objects.get().outcome == Outcome.REFUSED


@pytest.mark.parametrize("role", [Role.CONSULTANT, Role.MB_BEGELEIDER, Role.VRIJWILLIGER, Role.POLICY_ANALYST])
def test_only_a_language_provider_reports_hours(tenants, api_as, aanbod, role):
    assert_problem(api_as(tenants.a.user(role)).post(URL, report(tenants.a.person), format="json"), 403)
    assert not Urenregistratie.objects.exists()


@pytest.mark.parametrize("role", [Role.VRIJWILLIGER, Role.POLICY_ANALYST])
def test_roles_without_education_data_list_no_hours(tenants, api_as, aanbod, role):
    Urenregistratie.objects.create(person=tenants.a.person, aanbod=aanbod, period_start=dt.date(2026, 9, 1),
                                   period_end=dt.date(2026, 9, 30), hours_offered=Decimal(30),
                                   hours_attended=Decimal(30))
    assert api_as(tenants.a.user(role)).get(URL).json()["results"] == []


def test_another_municipality_lists_none_of_the_hours(tenants, api_as, aanbod):
    Urenregistratie.objects.create(person=tenants.a.person, aanbod=aanbod, period_start=dt.date(2026, 9, 1),
                                   period_end=dt.date(2026, 9, 30), hours_offered=Decimal(30),
                                   hours_attended=Decimal(30))
    for role in (Role.CONSULTANT, Role.TAALAANBIEDER):
        assert api_as(tenants.b.user(role)).get(URL).json()["results"] == []
