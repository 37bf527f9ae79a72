import datetime as dt
import re

import pytest

from koers.people.constants import Phase, TargetGroup
from tests.factories import PersonFactory


def listed_ids(response) -> set[int]:
    return {
        int(pk)
        for pk in re.findall(r'<th scope="row"><a href="/personen/(\d+)/">', response.content.decode())
    }


@pytest.fixture
def ozturk(tenants):
    return PersonFactory(
        municipality=tenants.a.municipality,
        given_names="Elif",
        family_name="Öztürk",
        date_of_birth=dt.date(1985, 1, 9),
    )


def test_it_finds_a_person_by_part_of_the_name_without_accents_or_capitals(tenants, client_as, ozturk):
    client = client_as(tenants.a.consultant)
    assert listed_ids(client.get("/personen/", {"q": "ozturk"})) == {ozturk.pk}
    assert listed_ids(client.get("/personen/", {"q": "ELIF  Öz"})) == {ozturk.pk}
    assert listed_ids(client.get("/personen/", {"q": "nobody-by-this-name"})) == set()


def test_it_finds_a_person_by_exact_bsn(tenants, client_as, ozturk):
    response = client_as(tenants.a.consultant).get("/personen/", {"q": ozturk.bsn})
    assert listed_ids(response) == {ozturk.pk}


def test_it_finds_a_bsn_written_with_dots_or_spaces(tenants, client_as, ozturk):
    written = f"{ozturk.bsn[:4]}.{ozturk.bsn[4:6]} {ozturk.bsn[6:]}"
    assert listed_ids(client_as(tenants.a.consultant).get("/personen/", {"q": written})) == {ozturk.pk}


def test_a_bsn_search_does_not_reach_another_municipality(tenants, client_as):
    response = client_as(tenants.a.consultant).get("/personen/", {"q": tenants.b.person.bsn})
    assert listed_ids(response) == set()


def test_a_role_that_may_not_see_the_bsn_cannot_find_a_person_by_it(tenants, client_as):
    for user in (tenants.a.team_lead, tenants.a.volunteer):
        response = client_as(user).get("/personen/", {"q": tenants.a.person.bsn})
        assert listed_ids(response) == set()
        assert "BSN (9 cijfers)" not in response.content.decode()


def test_it_finds_persons_by_date_of_birth(tenants, client_as, ozturk):
    client = client_as(tenants.a.consultant)
    assert listed_ids(client.get("/personen/", {"q": "09-01-1985"})) == {ozturk.pk}
    assert listed_ids(client.get("/personen/", {"q": "9/1/1985"})) == {ozturk.pk}
    assert listed_ids(client.get("/personen/", {"q": "17-05-1990"})) == {
        tenants.a.person.pk,
        tenants.a.other_person.pk,
    }


def test_a_date_that_does_not_exist_gets_a_dutch_message_and_no_error_page(tenants, client_as):
    response = client_as(tenants.a.consultant).get("/personen/", {"q": "31-02-1990"})
    assert response.status_code == 200
    assert "Dit is geen bestaande datum." in response.content.decode()
    assert listed_ids(response) == set()


def test_it_filters_by_phase_and_target_group(tenants, client_as):
    regeldag = PersonFactory(
        municipality=tenants.a.municipality, phase=Phase.REGELDAG, target_group=TargetGroup.GEZIN
    )
    PersonFactory(municipality=tenants.a.municipality, phase=Phase.REGELDAG, target_group=TargetGroup.ASIEL)
    client = client_as(tenants.a.consultant)
    assert len(listed_ids(client.get("/personen/", {"phase": Phase.REGELDAG}))) == 2
    assert listed_ids(
        client.get("/personen/", {"phase": Phase.REGELDAG, "target_group": TargetGroup.GEZIN})
    ) == {regeldag.pk}


def test_it_filters_by_consultant_mine_and_without(tenants, client_as):
    colleague_case = PersonFactory(municipality=tenants.a.municipality, consultant=tenants.a.team_lead)
    client = client_as(tenants.a.consultant)
    assert listed_ids(client.get("/personen/", {"consultant": "mijn"})) == {tenants.a.person.pk}
    assert listed_ids(client.get("/personen/", {"consultant": "geen"})) == {tenants.a.other_person.pk}
    assert listed_ids(client.get("/personen/", {"consultant": str(tenants.a.team_lead.pk)})) == {
        colleague_case.pk
    }


def test_the_consultant_filter_offers_only_consultants_of_the_own_municipality(tenants, client_as):
    content = client_as(tenants.a.consultant).get("/personen/").content.decode()
    assert f'<option value="{tenants.a.consultant.pk}">' in content
    assert f'<option value="{tenants.b.consultant.pk}">' not in content


def test_an_unknown_filter_value_is_refused_without_an_error_page(tenants, client_as):
    response = client_as(tenants.a.consultant).get(
        "/personen/", {"consultant": str(tenants.b.consultant.pk), "phase": "bestaat-niet"}
    )
    assert response.status_code == 200
    assert listed_ids(response) == {tenants.a.person.pk, tenants.a.other_person.pk}
    assert "Selecteer een geldige keuze" in response.content.decode()
