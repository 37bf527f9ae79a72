"""The "Participatie en werk" tab: the consultant records a work goal, participation, a barrier and what
was done about it, and a scheme the newcomer was told about; each read and change is in the audit log.
A team lead reads without the finance and health parts and may not record; roles outside the plan and
another municipality get a 404 that is logged; bad input is a Dutch error with nothing stored."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from koers.access.constants import DataCategory, Role
from koers.audit.models import Action, AuditEntry, Outcome
from koers.inburgering.constants import BelemmeringSoort, Leerroute, ParticipatieSoort
from koers.inburgering.models import Belemmering, BelemmeringActie, Participatie, Voorlichting, Werkdoel
from koers.inburgering.participatie import Change, record_belemmering, record_participatie

from .route_factories import CurrentPipFactory, PlichtFactory
from .screens import logged_in

pytestmark = pytest.mark.django_db

POSTS = {
    "werkdoel": {"wanted_job": "Kok", "first_job": "Keukenhulp in het verpleeghuis", "steps": "",
                 "set_on": "20-11-2026"},
    "uren": {"soort": "vrijwilligerswerk", "period_start": "01-11-2026", "period_end": "21-11-2026", "hours": "18",
             "description": "Voedselbank Aadorp", "success": "Zelf met de bus gekomen"},
    "belemmering": {"soort": "vervoer", "description": "Reiskosten naar de taalschool te hoog",
                    "since": "01-10-2026", "follow_up_on": "01-12-2026"},
    "regeling": {"regeling": "reiskosten", "informed_on": "18-11-2026", "how": "gesprek", "language": "ar",
                 "interpreter": "on", "outcome": "aangevraagd"},
}


def tab(person) -> str:
    return f"/personen/{person.pk}/participatie/"


def form_url(person, key: str) -> str:
    return f"{tab(person)}{key}/"


def health_barrier(tenant) -> Belemmering:
    return record_belemmering(Change(tenant.consultant), tenant.person, soort=BelemmeringSoort.GEZONDHEID,
                              description="Slaapt slecht na de vlucht", since=dt.date(2026, 9, 1))


def test_the_consultant_records_each_part_and_finds_it_on_the_tab(tenants):
    person = tenants.a.person
    PlichtFactory(person=person, termijn_start=dt.date(2025, 11, 25), termijn_end=dt.date(2028, 11, 25))
    CurrentPipFactory(person=person, leerroute=Leerroute.Z_ROUTE, dagtekening=dt.date(2025, 11, 25))
    client = logged_in(tenants.a.consultant)
    for key, data in POSTS.items():
        response = client.post(form_url(person, key), data)
        assert response.status_code == 302 and response.url == tab(person), key

    page = client.get(tab(person)).content.decode()
    for text in ("Keukenhulp in het verpleeghuis", "Voedselbank Aadorp", "Zelf met de bus gekomen",
                 "Reiskosten naar de taalschool te hoog", "Vergoeding reiskosten", "Arabisch",
                 "Uren tegen de norm van de Z-route"):
        assert text in page, text
    assert Werkdoel.objects.get().recorded_by == tenants.a.consultant
    assert Participatie.objects.get().hours == Decimal(18)
    assert Voorlichting.objects.get().interpreter is True
    read = AuditEntry.objects.filter(action=Action.READ, purpose="Scherm: participatie en werk").last()
    assert set(read.categories.split(",")) == {"identiteit", "opleiding_werk", "financien"}
    changes = AuditEntry.objects.filter(action=Action.CREATE, person_id=person.pk, user_id=tenants.a.consultant.pk)
    assert sorted(changes.values_list("categories", flat=True)) == sorted(
        [DataCategory.EDUCATION_WORK] * 3 + [DataCategory.FINANCE]
    )


def test_what_was_done_about_a_barrier_is_recorded_by_the_mb_worker(tenants):
    barrier = record_belemmering(Change(tenants.a.consultant), tenants.a.person, soort=BelemmeringSoort.KINDEROPVANG,
                                 description="Geen opvang op dinsdag", since=dt.date(2026, 10, 1))
    url = f"{tab(tenants.a.person)}belemmeringen/{barrier.pk}/actie/"
    response = logged_in(tenants.a.mb_worker).post(
        url, {"done_on": "24-11-2026", "description": "Oma past op dinsdag op", "solved": "on"}
    )

    assert response.status_code == 302
    barrier.refresh_from_db()
    assert barrier.status == "opgelost"
    page = logged_in(tenants.a.consultant).get(tab(tenants.a.person)).content.decode()
    assert "Oma past op dinsdag op" in page and "Opgelost" in page


def test_bad_input_is_a_dutch_error_and_nothing_is_stored(tenants):
    client = logged_in(tenants.a.consultant)
    bad = {**POSTS["uren"], "period_end": "31-10-2026"}
    response = client.post(form_url(tenants.a.person, "uren"), bad)

    assert response.status_code == 400
    assert "Het einde van de periode ligt vóór het begin." in response.content.decode()
    response = client.post(form_url(tenants.a.person, "regeling"), {**POSTS["regeling"], "regeling": "gemeentelijk"})
    assert response.status_code == 400 and "Geef de naam van de regeling van de gemeente." in response.content.decode()
    assert not Participatie.objects.exists() and not Voorlichting.objects.exists()


def test_a_team_lead_reads_without_finance_and_health_and_may_not_record(tenants):
    person = tenants.a.person
    health_barrier(tenants.a)
    record_participatie(Change(tenants.a.consultant), person, soort=ParticipatieSoort.INFORMEEL,
                        period_start=dt.date(2026, 11, 1), period_end=dt.date(2026, 11, 7), hours=Decimal(4),
                        description="Koffieochtend in de wijk")
    client = logged_in(tenants.a.team_lead)

    page = client.get(tab(person)).content.decode()
    assert "Koffieochtend in de wijk" in page
    assert "Slaapt slecht" not in page and "Regelingen besproken" not in page
    assert client.post(form_url(person, "werkdoel"), POSTS["werkdoel"]).status_code == 403
    assert not Werkdoel.objects.exists()
    assert AuditEntry.objects.filter(outcome=Outcome.REFUSED, user_id=tenants.a.team_lead.pk,
                                     person_id=person.pk, action=Action.UPDATE).exists()


def test_the_consultant_sees_the_health_barrier_and_the_read_is_logged_with_health(tenants):
    health_barrier(tenants.a)
    page = logged_in(tenants.a.consultant).get(tab(tenants.a.person)).content.decode()

    assert "Slaapt slecht na de vlucht" in page
    read = AuditEntry.objects.get(action=Action.READ, purpose="Scherm: participatie en werk")
    assert "gezondheid" in read.categories.split(",")


@pytest.mark.parametrize("role", [Role.VRIJWILLIGER, Role.TAALAANBIEDER, Role.POLICY_ANALYST])
def test_roles_outside_the_plan_get_a_404_and_the_attempt_is_logged(tenants, role):
    person = tenants.a.person
    client = logged_in(tenants.a.user(role))

    assert client.get(tab(person)).status_code == 404
    assert client.post(form_url(person, "werkdoel"), POSTS["werkdoel"]).status_code == 404
    assert AuditEntry.objects.filter(outcome=Outcome.REFUSED, user_id=tenants.a.user(role).pk).count() == 2
    assert not Werkdoel.objects.exists()


def test_another_municipality_reaches_nothing_and_every_attempt_is_logged(tenants):
    person = tenants.a.person
    barrier = health_barrier(tenants.a)
    client = logged_in(tenants.b.consultant)
    urls = [tab(person), *(form_url(person, key) for key in POSTS), f"{tab(person)}belemmeringen/{barrier.pk}/actie/"]

    for url in urls:
        assert client.get(url).status_code == 404, url
    for key, data in POSTS.items():
        assert client.post(form_url(person, key), data).status_code == 404, key
    refused = AuditEntry.objects.filter(outcome=Outcome.REFUSED, user_id=tenants.b.consultant.pk)
    assert refused.count() == len(urls) + len(POSTS)
    assert set(refused.values_list("person_id", flat=True)) == {person.pk}
    assert not Werkdoel.objects.exists() and not Participatie.objects.exists() and not Voorlichting.objects.exists()
    assert Belemmering.objects.count() == 1 and not BelemmeringActie.objects.exists()


def test_a_barrier_of_someone_else_is_not_reached_through_this_dossier(tenants):
    other = record_belemmering(Change(tenants.a.consultant), tenants.a.other_person, soort=BelemmeringSoort.VERVOER,
                               description="Geen fiets", since=dt.date(2026, 11, 1))
    url = f"{tab(tenants.a.person)}belemmeringen/{other.pk}/actie/"

    assert logged_in(tenants.a.consultant).post(url, {"done_on": "24-11-2026", "description": "x"}).status_code == 404
    assert not BelemmeringActie.objects.exists()


def test_the_tab_is_in_the_dossier_for_the_plan_roles(tenants):
    assert "Participatie en werk" in logged_in(tenants.a.consultant).get(f"/personen/{tenants.a.person.pk}/").content.decode()
    assert "Participatie en werk" not in logged_in(tenants.a.volunteer).get(
        f"/personen/{tenants.a.person.pk}/"
    ).content.decode()
