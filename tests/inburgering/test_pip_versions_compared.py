import datetime as dt

import pytest

from koers.inburgering.constants import Leerroute, Niveau, PipStatus
from koers.inburgering.pip_diff import diff_versions

from .factories import InburgeringsplichtFactory, PipVersieFactory
from .screens import logged_in as client_for


@pytest.fixture
def two_versions(tenants):
    person = tenants.a.person
    InburgeringsplichtFactory(person=person)
    old = PipVersieFactory(
        person=person,
        number=1,
        status=PipStatus.VERVANGEN,
        dagtekening=dt.date(2026, 10, 1),
        niveau=Niveau.B1,
    )
    new = PipVersieFactory(
        person=person,
        number=2,
        status=PipStatus.VASTGESTELD,
        dagtekening=dt.date(2026, 11, 20),
        leerroute=Leerroute.Z_ROUTE,
        niveau="",
        geschatte_intensiteit=None,
        ontzorgen=True,
    )
    return old, new


def test_the_diff_names_each_changed_field_with_its_old_and_new_value(two_versions):
    changes = diff_versions(*two_versions)
    assert [(c.label, c.old, c.new) for c in changes] == [
        ("Dagtekening", "1 oktober 2026", "20 november 2026"),
        ("Leerroute", "B1-route", "Z-route"),
        ("Niveau", "B1", "—"),
        ("Geschatte intensiteit B1-route (uren)", "600", "—"),
        ("Financieel ontzorgen", "Nee", "Ja"),
    ]


def test_equal_versions_have_no_diff(two_versions):
    old, _ = two_versions
    assert diff_versions(old, old) == []


def test_the_compare_screen_shows_the_changes_in_a_table(tenants, two_versions):
    person = tenants.a.person
    response = client_for(tenants.a.consultant).get(
        f"/personen/{person.pk}/plan/pip/vergelijk/", {"van": 2, "naar": 1}
    )
    page = response.content.decode()
    assert "Wat is gewijzigd van versie 1 naar versie 2" in page
    assert '<th scope="row">Leerroute</th>' in page
    assert (
        '<td class="plan-diff__old">B1-route</td>' in page
        and '<td class="plan-diff__new">Z-route</td>' in page
    )


@pytest.mark.parametrize("query", [{"van": 1, "naar": 1}, {"van": 1, "naar": 7}, {"van": "x", "naar": 2}])
def test_a_wrong_choice_of_versions_is_explained_not_crashed(tenants, two_versions, query):
    person = tenants.a.person
    response = client_for(tenants.a.consultant).get(f"/personen/{person.pk}/plan/pip/vergelijk/", query)
    assert response.status_code == 200
    assert "plan-diff__new" not in response.content.decode()


def test_the_plan_shows_the_current_version_and_the_history(tenants, two_versions):
    person = tenants.a.person
    page = client_for(tenants.a.consultant).get(f"/personen/{person.pk}/plan/").content.decode()
    assert "Versie 2: Z-route" in page
    assert "Vervangen door een nieuwere versie" in page
    assert "Bezwaar mogelijk tot en met" in page and "04-01-2027" in page
