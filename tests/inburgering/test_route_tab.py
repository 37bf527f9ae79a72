"""The "Inburgering" tab of a dossier: what each role sees of the route, refusals for roles without
the route's data and for another municipality, and one audit entry per read."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from koers.access.constants import DataCategory, Role
from koers.audit.models import Action, AuditEntry, Outcome
from koers.inburgering.models import Urenregistratie

from .route_factories import AanbodFactory, BoeteFactory, PlichtFactory
from .screens import logged_in, route_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def route(tenants):
    person = tenants.a.person
    PlichtFactory(person=person, termijn_end=dt.date(2027, 1, 15))
    aanbod = AanbodFactory(person=person, instelling__naam="Taalschool De Brug",
                           instelling__organisation=tenants.a.school)
    Urenregistratie.objects.create(person=person, aanbod=aanbod, period_start=dt.date(2026, 10, 1),
                                   period_end=dt.date(2026, 10, 31), hours_offered=Decimal(32),
                                   hours_attended=Decimal(20), hours_absent_excused=Decimal(2))
    BoeteFactory(person=person)
    return person


def test_the_consultant_sees_term_offer_hours_and_fines(tenants, route):
    response = logged_in(tenants.a.consultant).get(route_url(route))
    content = response.content.decode()
    for text in ("Inburgeringstermijn", "15-08-2025", "15-01-2027", "14-01-2027", "15-07-2026", "15-11-2026",
                 "binnen twee maanden", "Taalschool De Brug", "oktober 2026", "62%", "achter",
                 "PIP niet nagekomen", "Hoorzitting houden", "Boete: hoorzitting"):
        assert text in content, text
    entry = AuditEntry.objects.get(person_id=route.pk)
    assert entry.action == Action.READ
    assert set(entry.categories.split(",")) == {DataCategory.DUO, DataCategory.EDUCATION_WORK, DataCategory.FINANCE}


def test_a_month_is_behind_by_the_municipalitys_own_norm(tenants, route):
    from tests.signals.factories import SignalPolicyFactory

    client = logged_in(tenants.a.consultant)
    assert "<strong>achter</strong>" in client.get(route_url(route)).content.decode()
    SignalPolicyFactory(municipality=tenants.a.municipality, hours_min_percent=60)
    content = client.get(route_url(route)).content.decode()
    assert "<strong>achter</strong>" not in content and 'low="60"' in content


def test_the_tab_is_in_the_dossier_heading(tenants, route):
    content = logged_in(tenants.a.consultant).get(f"/personen/{route.pk}/").content.decode()
    assert f'href="{route_url(route)}"' in content


def test_the_language_provider_sees_the_offer_and_hours_but_not_term_or_fines(tenants, route):
    content = logged_in(tenants.a.provider).get(route_url(route)).content.decode()
    assert "Taalschool De Brug" in content and "oktober 2026" in content
    assert "Inburgeringstermijn" not in content and "PIP niet nagekomen" not in content
    assert "vastleggen" not in content
    assert AuditEntry.objects.get().categories == DataCategory.EDUCATION_WORK


def test_a_volunteer_is_refused_and_the_attempt_is_logged(tenants, route):
    response = logged_in(tenants.a.volunteer).get(route_url(route))
    assert response.status_code == 403
    entry = AuditEntry.objects.get()
    assert (entry.person_id, entry.outcome) == (route.pk, Outcome.REFUSED)


@pytest.mark.parametrize("role", [Role.CONSULTANT, Role.TEAM_LEAD, Role.MB_BEGELEIDER, Role.TAALAANBIEDER])
def test_another_municipality_gets_404_and_the_attempt_is_logged(tenants, route, role):
    response = logged_in(tenants.b.user(role)).get(route_url(route))
    assert response.status_code == 404
    entry = AuditEntry.objects.get()
    assert (entry.person_id, entry.outcome) == (route.pk, Outcome.REFUSED)


def test_a_person_without_route_records_shows_empty_states(tenants):
    content = logged_in(tenants.a.consultant).get(route_url(tenants.a.other_person)).content.decode()
    assert "Nog geen inburgeringsplicht vastgelegd." in content
    assert "Nog geen uren doorgegeven." in content


def test_a_provider_gets_404_for_a_person_not_assigned_to_its_organisation(tenants, route):
    response = logged_in(tenants.a.provider).get(route_url(tenants.a.other_person))
    assert response.status_code == 404
    entry = AuditEntry.objects.get()
    assert (entry.person_id, entry.outcome) == (tenants.a.other_person.pk, Outcome.REFUSED)
