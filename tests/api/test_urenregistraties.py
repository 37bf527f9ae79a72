"""``/api/v1/urenregistraties``: a language provider reports hours of its own students; a repeat for
the same person, offer and period replaces the figures (and is on the timeline); bad input is a
problem+json with nothing stored."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from koers.access.constants import DataCategory
from koers.audit.models import Action, AuditEntry, Channel
from koers.inburgering.models import Urenregistratie
from koers.people.constants import EventSource
from tests.inburgering.route_factories import AanbodFactory

from .helpers import assert_problem, invalid_names

URL = "/api/v1/urenregistraties"

pytestmark = pytest.mark.django_db


@pytest.fixture
def aanbod(tenants):
    return AanbodFactory(person=tenants.a.person, instelling__organisation=tenants.a.school)


def report(person, **overrides) -> dict:
    return {
        "person": person.pk,
        "periodStart": "2026-10-01",
        "periodEnd": "2026-10-31",
        "hoursOffered": "32.0",
        "hoursAttended": "24.5",
        "hoursAbsentExcused": "4",
        "absenceNote": "Ziek, met briefje.",
    } | overrides


def test_a_provider_reports_hours_of_its_student(tenants, api_as, aanbod):
    response = api_as(tenants.a.provider).post(URL, report(tenants.a.person), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["aanbod"], body["hoursAttended"], body["periodEnd"]) == (aanbod.pk, "24.5", "2026-10-31")
    registration = Urenregistratie.objects.get()
    assert registration.reported_by == tenants.a.school
    event = tenants.a.person.timeline.get(title="Gevolgde uren doorgegeven")
    assert (event.source, event.category) == (EventSource.API, DataCategory.EDUCATION_WORK)
    entry = AuditEntry.objects.get(person_id=tenants.a.person.pk)
    assert (entry.action, entry.channel) == (Action.CREATE, Channel.API)


def test_a_repeat_for_the_same_period_replaces_the_figures_and_is_logged(tenants, api_as, aanbod):
    client = api_as(tenants.a.provider)
    client.post(URL, report(tenants.a.person), format="json")
    response = client.post(URL, report(tenants.a.person, hoursAttended="28"), format="json")
    assert response.status_code == 200
    registration = Urenregistratie.objects.get()
    assert registration.hours_attended == Decimal(28)
    replaced = tenants.a.person.timeline.get(title="Gevolgde uren vervangen")
    assert replaced.data["previous"]["hours_attended"] == "24.5"
    assert AuditEntry.objects.filter(action=Action.UPDATE, person_id=tenants.a.person.pk).count() == 1


def test_attended_and_excused_hours_may_not_exceed_the_offered_hours(tenants, api_as, aanbod):
    response = api_as(tenants.a.provider).post(
        URL, report(tenants.a.person, hoursAttended="30", hoursAbsentExcused="4"), format="json"
    )
    body = assert_problem(response, 400)
    assert invalid_names(body) == {"hoursAttended"}
    assert not Urenregistratie.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"periodEnd": "2026-09-30"}, "periodEnd"),
        ({"periodEnd": "2026-12-31"}, "periodEnd"),
        ({"periodStart": "2026-12-01", "periodEnd": "2026-12-31"}, "periodStart"),
        ({"hoursOffered": "-1"}, "hoursOffered"),
        ({"hoursOffered": "12.25"}, "hoursOffered"),
        ({"periodStart": "2026-02-30"}, "periodStart"),
        ({"colour": "blue"}, "colour"),
        ({"aanbod": 999999}, "aanbod"),
    ],
)
def test_bad_input_is_refused_with_the_field_at_fault(tenants, api_as, aanbod, overrides, field):
    response = api_as(tenants.a.provider).post(URL, report(tenants.a.person, **overrides), format="json")
    assert field in invalid_names(assert_problem(response, 400))
    assert not Urenregistratie.objects.exists()


def test_a_person_without_an_offer_at_the_providers_school_is_refused(tenants, api_as):
    AanbodFactory(person=tenants.a.person)
    response = api_as(tenants.a.provider).post(URL, report(tenants.a.person), format="json")
    assert invalid_names(assert_problem(response, 400)) == {"aanbod"}


def test_the_list_shows_hours_with_a_period_and_is_logged(tenants, api_as, aanbod):
    Urenregistratie.objects.create(person=tenants.a.person, aanbod=aanbod, period_start=dt.date(2026, 9, 1),
                                   period_end=dt.date(2026, 9, 30), hours_offered=Decimal(30),
                                   hours_attended=Decimal(30))
    body = api_as(tenants.a.consultant).get(URL, {"person": tenants.a.person.pk}).json()
    assert [row["periodStart"] for row in body["results"]] == ["2026-09-01"]
    assert AuditEntry.objects.get().action == Action.LIST


@pytest.mark.parametrize("value", ["-4008519795749661179904", "0", "99999999999999999999999", "abc"])
def test_an_impossible_person_filter_is_a_bad_request(tenants, api_as, value):
    assert "person" in invalid_names(assert_problem(api_as(tenants.a.consultant).get(URL, {"person": value}), 400))
