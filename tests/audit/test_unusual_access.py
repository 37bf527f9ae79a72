"""The unusual-access report lists, per municipality, users who opened many dossiers, refused
attempts, reads outside the werkgebied or the assignment, and reads at night."""

import datetime as dt

import pytest
from django.utils import timezone

from koers.access.constants import Role
from koers.access.models import Membership
from koers.audit.models import AuditEntry, UnusualAccessPolicy
from tests.factories import PersonFactory

from .entries import read, refused_attempt

pytestmark = pytest.mark.django_db

URL = "/privacy/ongebruikelijke-toegang/"


def report_of(client, tenant, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    [report] = [r for r in response.context["reports"] if r.municipality == tenant.municipality]
    return report


def names(findings) -> list[str]:
    return [f.username for f in findings]


def test_a_user_opening_as_many_dossiers_as_the_threshold_is_listed(tenants, client_as):
    UnusualAccessPolicy.objects.create(municipality=tenants.a.municipality, many_dossiers=4)
    persons = PersonFactory.create_batch(4, municipality=tenants.a.municipality)
    read(tenants.a.consultant, persons)
    read(tenants.a.team_lead, persons[:3])
    report = report_of(client_as(tenants.a.admin), tenants.a)
    assert [(f.username, f.count) for f in report.many_dossiers] == [(tenants.a.consultant.username, 4)]


def test_the_period_limits_what_counts(tenants, client_as):
    UnusualAccessPolicy.objects.create(municipality=tenants.a.municipality, many_dossiers=2)
    read(
        tenants.a.consultant,
        PersonFactory.create_batch(2, municipality=tenants.a.municipality),
        at=dt.date(2026, 9, 1),
    )
    client = client_as(tenants.a.admin)
    assert report_of(client, tenants.a).many_dossiers == []
    assert names(report_of(client, tenants.a, start="2026-08-01").many_dossiers) == [
        tenants.a.consultant.username
    ]


def test_refused_attempts_on_the_municipalitys_dossiers_are_listed(tenants, client_as):
    refused_attempt(tenants.b.consultant, tenants.a.person)
    report = report_of(client_as(tenants.a.admin), tenants.a)
    assert names(report.refused) == [tenants.b.consultant.username]
    assert "outcome=geweigerd" in client_as(tenants.a.admin).get(URL).content.decode()


def test_reads_outside_the_werkgebied_are_listed(tenants, client_as):
    read(tenants.a.consultant, [tenants.b.person])
    report = report_of(client_as(tenants.a.admin), tenants.a)
    assert names(report.other_municipality) == [tenants.a.consultant.username]


def test_a_volunteer_reading_a_dossier_without_assignment_is_listed(tenants, client_as):
    read(tenants.a.volunteer, [tenants.a.person])
    read(tenants.a.volunteer, [tenants.a.other_person])
    report = report_of(client_as(tenants.a.admin), tenants.a)
    assert [(f.username, f.person_id) for f in report.outside_assignment] == [
        (tenants.a.volunteer.username, tenants.a.other_person.pk)
    ]


def test_a_volunteer_who_also_reads_totals_only_is_still_listed_outside_an_assignment(tenants, client_as):
    Membership.objects.create(user=tenants.a.volunteer, organisation=tenants.a.team, role=Role.POLICY_ANALYST)
    read(tenants.a.volunteer, [tenants.a.other_person])
    report = report_of(client_as(tenants.a.admin), tenants.a)
    assert [(f.username, f.person_id) for f in report.outside_assignment] == [
        (tenants.a.volunteer.username, tenants.a.other_person.pk)
    ]


def test_a_volunteer_who_also_reaches_the_municipality_is_never_outside_an_assignment(tenants, client_as):
    Membership.objects.create(user=tenants.a.volunteer, organisation=tenants.a.team, role=Role.CONSULTANT)
    read(tenants.a.volunteer, [tenants.a.other_person])
    assert report_of(client_as(tenants.a.admin), tenants.a).outside_assignment == []


def test_reads_at_night_are_listed(tenants, client_as):
    night = timezone.make_aware(dt.datetime(2026, 11, 24, 23, 30))
    read(tenants.a.consultant, [tenants.a.person], at=night)
    read(tenants.a.team_lead, [tenants.a.person])
    report = report_of(client_as(tenants.a.admin), tenants.a)
    assert names(report.at_night) == [tenants.a.consultant.username]


def test_the_report_shows_only_the_admins_municipality(tenants, client_as):
    response = client_as(tenants.b.admin).get(URL)
    assert [r.municipality for r in response.context["reports"]] == [tenants.b.municipality]


def test_the_team_lead_reads_the_report_of_their_municipality(tenants, client_as):
    read(tenants.a.consultant, [tenants.a.person], at=timezone.make_aware(dt.datetime(2026, 11, 24, 23, 30)))
    response = client_as(tenants.a.team_lead).get(URL)
    assert [r.municipality for r in response.context["reports"]] == [tenants.a.municipality]
    assert names(response.context["reports"][0].at_night) == [tenants.a.consultant.username]


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.FUNCTIONAL_ADMIN, Role.TEAM_LEAD)])
def test_other_roles_may_not_see_the_report(tenants, client_as, role):
    assert client_as(tenants.a.user(role)).get(URL).status_code == 403
    assert not AuditEntry.objects.exists()


def test_a_period_that_ends_before_it_starts_is_refused_with_an_explanation(tenants, client_as):
    response = client_as(tenants.a.admin).get(URL, {"start": "2026-11-20", "end": "2026-11-01"})
    assert response.status_code == 400
    assert "De einddatum ligt voor de begindatum." in response.content.decode()
