from koers.access.constants import DataCategory, Role
from koers.access.query import can_register_in, categories_for, visible_persons
from tests.factories import MunicipalityFactory, OrganisationFactory, PersonFactory, user_with_role


def centrumgemeente():
    leidschendam = MunicipalityFactory(cbs_code="1916", name="Leidschendam-Voorburg")
    wassenaar = MunicipalityFactory(cbs_code="0629", name="Wassenaar")
    voorschoten = MunicipalityFactory(cbs_code="0626", name="Voorschoten")
    team = OrganisationFactory(
        name="Team inburgering Leidschendam-Voorburg",
        municipality=leidschendam,
        serves=[leidschendam, wassenaar, voorschoten],
    )
    return leidschendam, wassenaar, voorschoten, user_with_role(Role.CONSULTANT, team)


def test_the_centrumgemeente_team_works_in_dossiers_of_the_municipalities_it_serves(db):
    leidschendam, wassenaar, voorschoten, consultant = centrumgemeente()
    persons = [PersonFactory(municipality=m) for m in (leidschendam, wassenaar, voorschoten)]
    assert set(visible_persons(consultant)) == set(persons)
    assert DataCategory.BSN in categories_for(consultant, persons[1])


def test_the_centrumgemeente_team_registers_people_for_the_municipality_they_belong_to(db):
    leidschendam, wassenaar, voorschoten, consultant = centrumgemeente()
    assert can_register_in(consultant) == {leidschendam.pk, wassenaar.pk, voorschoten.pk}


def test_dossiers_keep_their_own_municipality_for_reporting(db):
    _, wassenaar, _, consultant = centrumgemeente()
    person = PersonFactory(municipality=wassenaar)
    assert visible_persons(consultant).get().municipality == wassenaar == person.municipality


def test_a_neighbouring_municipality_not_served_stays_out_of_reach(db):
    *_, consultant = centrumgemeente()
    outsider = PersonFactory(municipality=MunicipalityFactory(cbs_code="0518", name="'s-Gravenhage"))
    assert outsider not in visible_persons(consultant)
    assert categories_for(consultant, outsider) == frozenset()
