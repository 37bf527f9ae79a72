import pytest

from koers.inburgering.constants import IntakeStatus, Niveau, PipStatus
from koers.lib import clock

from .factories import BredeIntakeFactory, InburgeringsplichtFactory
from .screens import logged_in as client_for


def url(person) -> str:
    return f"/personen/{person.pk}/plan/pip/"


B1 = {
    "dagtekening": "01-10-2026",
    "leerroute": "B",
    "niveau": "",
    "geschatte_intensiteit": "600",
    "alfabetisering": "NVT",
    "map": "on",
    "pvt": "on",
    "goals": "Werk in de zorg",
}


@pytest.fixture
def person(tenants):
    InburgeringsplichtFactory(person=tenants.a.person)
    return tenants.a.person


def test_deciding_a_pip_on_the_screen_goes_to_the_version_with_its_objection_deadline(tenants, person):
    client = client_for(tenants.a.consultant)
    response = client.post(url(person), {**B1, "action": "vaststellen"}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/personen/{person.pk}/plan/pip/1/"
    assert "PIP versie 1 is vastgesteld. Bezwaar is mogelijk tot en met 12-11-2026." in page
    pip = person.pip_versies.get()
    assert (pip.status, pip.niveau, pip.goals) == (PipStatus.VASTGESTELD, Niveau.B1, "Werk in de zorg")


def test_duos_rules_show_as_dutch_errors_at_their_fields_and_nothing_is_stored(tenants, person):
    client = client_for(tenants.a.consultant)
    response = client.post(
        url(person),
        {**B1, "action": "vaststellen", "dagtekening": "01-01-2025", "leerroute": "Z", "niveau": "B1"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Er zijn 4 fouten gevonden" in page
    assert "ligt vóór de start van de inburgeringsplicht (3 maart 2025)" in page
    assert "ligt vóór de vestiging in de gemeente (2 maart 2026)" in page
    assert "Niveau B1 kan niet samen met de Z-route worden vastgesteld." in page
    assert (
        "Een geschatte intensiteit kan alleen worden opgegeven bij de B1-route voor een asielmigrant." in page
    )
    assert 'href="#id_dagtekening"' in page and 'href="#id_niveau_0"' in page
    assert not person.pip_versies.exists()


def test_deciding_needs_a_dagtekening(tenants, person):
    response = client_for(tenants.a.consultant).post(
        url(person), {**B1, "action": "vaststellen", "dagtekening": ""}
    )
    assert "Vul de dagtekening in om het PIP vast te stellen." in response.content.decode()
    assert not person.pip_versies.exists()


def test_a_concept_is_saved_and_resumed_without_rules(tenants, person):
    client = client_for(tenants.a.consultant)
    response = client.post(url(person), {**B1, "action": "opslaan", "dagtekening": "01-01-2020"})
    assert response["Location"] == url(person)
    pip = person.pip_versies.get()
    assert pip.status == PipStatus.CONCEPT
    page = client.get(url(person)).content.decode()
    assert "concept versie 1" in page and "Werk in de zorg" in page
    client.post(url(person), {**B1, "action": "vaststellen"})
    pip.refresh_from_db()
    assert pip.status == PipStatus.VASTGESTELD and person.pip_versies.count() == 1


def test_a_revision_starts_from_the_current_version(tenants, person):
    client = client_for(tenants.a.consultant)
    client.post(url(person), {**B1, "action": "vaststellen"})
    page = client.get(url(person)).content.decode()
    assert "PIP herzien" in page
    assert "Werk in de zorg" in page and 'value="600"' in page


def test_a_first_pip_starts_from_the_brede_intake(tenants, person):
    BredeIntakeFactory(person=person, status=IntakeStatus.AFGEROND, completed_at=clock.now())
    page = client_for(tenants.a.consultant).get(url(person)).content.decode()
    assert "Wil snel aan het werk in de zorg." in page
    assert "Werken als verpleegkundige</textarea>" in page
    assert '<option value="AA" selected>' in page


def test_without_an_inburgeringsplicht_the_screen_explains_why_there_is_no_pip(tenants):
    person = tenants.a.person
    client = client_for(tenants.a.consultant)
    message = "geen inburgeringsplicht geregistreerd. Een PIP kan pas worden opgesteld"
    assert message in client.get(url(person)).content.decode()
    response = client.post(url(person), {**B1, "action": "vaststellen"})
    assert message in response.content.decode()
    assert not person.pip_versies.exists()


def test_an_impossible_number_of_hours_is_refused(tenants, person):
    response = client_for(tenants.a.consultant).post(
        url(person), {**B1, "action": "opslaan", "geschatte_intensiteit": "99999999999"}
    )
    assert response.status_code == 200
    assert "Er is 1 fout gevonden" in response.content.decode()
    assert not person.pip_versies.exists()
