import datetime as dt

import pytest

from koers.access.constants import Role
from koers.audit.models import Action, AuditEntry, Outcome
from koers.inburgering.constants import Leerroute, PipStatus
from koers.inburgering.models import BredeIntake, Leerbaarheidstoets

from .factories import InburgeringsplichtFactory, PipVersieFactory
from .screens import logged_in as client_for


def plan_urls(person_pk: int, intake_pk: int = 1) -> list[str]:
    base = f"/personen/{person_pk}/plan/"
    return [
        base,
        f"{base}brede-intake/",
        f"{base}brede-intake/{intake_pk}/",
        f"{base}leerbaarheidstoets/",
        f"{base}pip/",
        f"{base}pip/vergelijk/",
        f"{base}pip/1/",
        f"{base}pip/1/brief.pdf",
    ]


@pytest.fixture
def decided(tenants):
    InburgeringsplichtFactory(person=tenants.a.person)
    return PipVersieFactory(
        person=tenants.a.person,
        number=1,
        status=PipStatus.VASTGESTELD,
        dagtekening=dt.date(2026, 10, 1),
        leerroute=Leerroute.B1_ROUTE,
    )


def refused_entries():
    return AuditEntry.objects.filter(action=Action.READ, outcome=Outcome.REFUSED)


@pytest.mark.parametrize("role", [Role.VRIJWILLIGER, Role.TAALAANBIEDER, Role.POLICY_ANALYST])
def test_roles_outside_the_plan_get_a_404_and_the_attempt_is_logged(tenants, decided, role):
    person = tenants.a.person
    client = client_for(tenants.a.user(role))
    for url in plan_urls(person.pk):
        assert client.get(url).status_code == 404, url
    assert refused_entries().count() == len(plan_urls(person.pk))
    assert set(refused_entries().values_list("person_id", flat=True)) == {person.pk}


def test_the_other_municipalitys_consultant_gets_a_404_and_the_attempt_is_logged(tenants, decided):
    person = tenants.a.person
    client = client_for(tenants.b.consultant)
    for url in plan_urls(person.pk):
        assert client.get(url).status_code == 404, url
    posts = [
        (f"/personen/{person.pk}/plan/brede-intake/", {"action": "opslaan"}),
        (f"/personen/{person.pk}/plan/leerbaarheidstoets/", {"taken_on": "01-11-2026", "instrument": "DUO"}),
        (
            f"/personen/{person.pk}/plan/pip/",
            {"action": "vaststellen", "leerroute": "Z", "dagtekening": "20-11-2026"},
        ),
        (
            f"/personen/{person.pk}/plan/pip/1/bezwaar/",
            {"filed_on": "02-10-2026", "outcome": "in_behandeling"},
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert refused_entries().count() == len(plan_urls(person.pk)) + len(posts)
    assert not BredeIntake.objects.exists() and not Leerbaarheidstoets.objects.exists()
    assert list(person.pip_versies.values_list("number", "status")) == [(1, PipStatus.VASTGESTELD)]
    decided.refresh_from_db()
    assert decided.objection_filed_on is None


def test_the_team_lead_reads_the_plan_but_changes_nothing(tenants, decided):
    person = tenants.a.person
    client = client_for(tenants.a.team_lead)
    assert client.get(f"/personen/{person.pk}/plan/").status_code == 200
    assert client.get(f"/personen/{person.pk}/plan/pip/1/").status_code == 200
    assert client.get(f"/personen/{person.pk}/plan/pip/1/brief.pdf").status_code == 200
    assert client.post(f"/personen/{person.pk}/plan/brede-intake/", {"action": "opslaan"}).status_code == 403
    assert (
        client.post(
            f"/personen/{person.pk}/plan/leerbaarheidstoets/", {"taken_on": "01-11-2026", "instrument": "DUO"}
        ).status_code
        == 403
    )
    assert (
        client.post(f"/personen/{person.pk}/plan/pip/", {"action": "opslaan", "leerroute": "Z"}).status_code
        == 403
    )
    assert not BredeIntake.objects.exists() and not Leerbaarheidstoets.objects.exists()
    assert person.pip_versies.count() == 1


def test_the_mb_worker_takes_part_in_the_intake_but_does_not_decide_a_pip(tenants, decided):
    person = tenants.a.person
    client = client_for(tenants.a.mb_worker)
    response = client.post(
        f"/personen/{person.pk}/plan/leerbaarheidstoets/",
        {"taken_on": "01-11-2026", "instrument": "DUO-toets"},
    )
    assert response.status_code == 302
    assert client.get(f"/personen/{person.pk}/plan/pip/").status_code == 403
    response = client.post(
        f"/personen/{person.pk}/plan/pip/",
        {"action": "vaststellen", "leerroute": "Z", "dagtekening": "20-11-2026"},
    )
    assert response.status_code == 403
    assert (
        client.post(
            f"/personen/{person.pk}/plan/pip/1/bezwaar/",
            {"filed_on": "02-10-2026", "outcome": "in_behandeling"},
        ).status_code
        == 403
    )
    assert person.pip_versies.count() == 1


def test_the_tab_shows_for_the_consultant_and_not_for_the_volunteer(tenants):
    person = tenants.a.person
    tab = f'href="/personen/{person.pk}/plan/"'
    assert tab in client_for(tenants.a.consultant).get(f"/personen/{person.pk}/").content.decode()
    assert tab not in client_for(tenants.a.volunteer).get(f"/personen/{person.pk}/").content.decode()


def test_every_plan_screen_logs_one_read_of_what_it_showed(tenants, decided):
    person = tenants.a.person
    client = client_for(tenants.a.consultant)
    client.get(f"/personen/{person.pk}/plan/")
    [entry] = AuditEntry.objects.filter(action=Action.READ, outcome=Outcome.ALLOWED)
    assert (entry.person_id, entry.categories) == (person.pk, "identiteit,opleiding_werk")


def test_the_team_lead_reads_an_intake_without_the_health_and_finance_answers(tenants):
    from koers.inburgering.constants import IntakeStatus

    from .factories import BredeIntakeFactory

    person = tenants.a.person
    intake = BredeIntakeFactory(
        person=person,
        status=IntakeStatus.AFGEROND,
        answers={
            "werk": {"beroepen": "Lasser"},
            "gezondheid": {"psychisch": "Slaapt slecht"},
            "financien": {"schulden": "ja"},
        },
    )
    url = f"/personen/{person.pk}/plan/brede-intake/{intake.pk}/"
    lead_page = client_for(tenants.a.team_lead).get(url).content.decode()
    assert "Lasser" in lead_page
    assert "Slaapt slecht" not in lead_page and "Schulden" not in lead_page
    [entry] = AuditEntry.objects.filter(action=Action.READ, outcome=Outcome.ALLOWED)
    assert entry.categories == "identiteit,opleiding_werk"
    consultant_page = client_for(tenants.a.consultant).get(url).content.decode()
    assert "Slaapt slecht" in consultant_page and "Schulden" in consultant_page
