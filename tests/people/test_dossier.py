import datetime as dt

from koers.access.constants import DataCategory, Recipient
from koers.audit.models import Action, AuditEntry, Channel, Outcome
from koers.people.constants import EventKind, HouseholdRelation
from koers.people.models import HouseholdMember
from tests.access.factories import ConsentFactory, TransferFactory
from tests.factories import PersonFactory, TimelineEventFactory

from .conftest import htmx_headers


def test_the_dossier_shows_identity_contact_languages_and_assignments(tenants, client_as):
    person = tenants.a.person
    person.languages = ["ti", "ar"]
    person.street, person.house_number, person.postcode, person.city = (
        "Dorpsstraat",
        "12a",
        "1234 AB",
        "Aadorp",
    )
    person.save()
    content = client_as(tenants.a.consultant).get(f"/personen/{person.pk}/").content.decode()
    for text in (
        person.full_name,
        person.bsn,
        "17-05-1990",
        "Tigrinya, Arabisch",
        "Dorpsstraat 12a",
        "Asielmigrant",
        "Koppeling",
        "02-03-2026",
        "Welzijn Aadorp",
        "Taalschool Aadorp",
        tenants.a.volunteer.get_full_name(),
        "Gealfabetiseerd in een ander schrift",
    ):
        assert text in content


def test_the_household_shows_partner_and_children_with_birth_date_and_age(tenants, client_as):
    person = tenants.a.person
    household = person.household
    partner = PersonFactory(municipality=tenants.a.municipality, household=household, given_names="Karim")
    HouseholdMember.objects.create(
        household=household,
        relation=HouseholdRelation.CHILD,
        given_names="Sara",
        family_name="Haddad",
        date_of_birth=dt.date(2018, 11, 26),
    )
    content = client_as(tenants.a.consultant).get(f"/personen/{person.pk}/").content.decode()
    assert f'<a href="/personen/{partner.pk}/">{partner.full_name}</a>' in content
    assert "Sara Haddad" in content
    assert "26-11-2018" in content
    assert "7 jaar" in content


def test_a_household_member_out_of_sight_is_named_but_not_linked(tenants, client_as):
    partner = PersonFactory(
        municipality=tenants.a.municipality,
        household=tenants.a.person.household,
        date_of_birth=dt.date(1970, 2, 3),
    )
    content = client_as(tenants.a.volunteer).get(f"/personen/{tenants.a.person.pk}/").content.decode()
    assert partner.full_name in content
    assert f"/personen/{partner.pk}/" not in content
    assert "03-02-1970" not in content


def test_a_household_member_in_another_municipality_is_linked_once_transferred_there(tenants, client_as):
    member = PersonFactory(municipality=tenants.b.municipality, household=tenants.a.person.household)
    client = client_as(tenants.a.consultant)
    url = f"/personen/{tenants.a.person.pk}/"
    assert member.full_name in client.get(url).content.decode()
    assert f"/personen/{member.pk}/" not in client.get(url).content.decode()
    consent = ConsentFactory(person=member, recipients=[Recipient.NEXT_MUNICIPALITY],
                             categories=[DataCategory.IDENTITY])
    TransferFactory(person=member, to_municipality=tenants.a.municipality, consent=consent)
    assert f"/personen/{member.pk}/" in client.get(url).content.decode()


def test_the_timeline_shows_newest_first(tenants, client_as):
    person = tenants.a.person
    TimelineEventFactory(
        person=person, title="Oud gesprek", occurred_at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC)
    )
    TimelineEventFactory(
        person=person, title="Nieuw gesprek", occurred_at=dt.datetime(2026, 9, 1, 9, tzinfo=dt.UTC)
    )
    content = client_as(tenants.a.consultant).get(f"/personen/{person.pk}/").content.decode()
    assert content.index("Nieuw gesprek") < content.index("Oud gesprek")


def test_the_timeline_filters_by_kind_and_category_in_place(tenants, client_as):
    person = tenants.a.person
    TimelineEventFactory(
        person=person, title="Intakegesprek", kind=EventKind.NOTE, category=DataCategory.NOTES
    )
    TimelineEventFactory(
        person=person, title="Afspraak huisarts", kind=EventKind.APPOINTMENT, category=DataCategory.HEALTH
    )
    client = client_as(tenants.a.consultant)
    response = client.get(
        f"/personen/{person.pk}/", {"kind": EventKind.APPOINTMENT}, **htmx_headers("timeline-results")
    )
    content = response.content.decode()
    assert "<html" not in content
    assert "Afspraak huisarts" in content and "Intakegesprek" not in content
    by_category = client.get(f"/personen/{person.pk}/", {"category": DataCategory.NOTES}).content.decode()
    assert "Intakegesprek" in by_category and "Afspraak huisarts" not in by_category


def test_the_timeline_shows_only_categories_the_role_may_see(tenants, client_as):
    person = tenants.a.person
    TimelineEventFactory(person=person, title="Uitslag screening", category=DataCategory.HEALTH)
    TimelineEventFactory(person=person, title="Taaltoets gehaald", category=DataCategory.EDUCATION_WORK)
    content = client_as(tenants.a.team_lead).get(f"/personen/{person.pk}/").content.decode()
    assert "Taaltoets gehaald" in content
    assert "Uitslag screening" not in content
    asked = client_as(tenants.a.team_lead).get(f"/personen/{person.pk}/", {"category": DataCategory.HEALTH})
    assert "Uitslag screening" not in asked.content.decode()


def test_another_municipalitys_dossier_is_not_found_and_the_attempt_logged(tenants, client_as):
    response = client_as(tenants.a.consultant).get(f"/personen/{tenants.b.person.pk}/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
    assert tenants.b.person.full_name not in response.content.decode()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.outcome, entry.channel) == (Action.READ, Outcome.REFUSED, Channel.UI)
    assert (entry.person_id, entry.user_id) == (tenants.b.person.pk, tenants.a.consultant.pk)


def test_a_dossier_that_does_not_exist_is_not_found(tenants, client_as):
    client = client_as(tenants.a.consultant)
    assert client.get("/personen/987654/").status_code == 404
    assert client.get(f"/personen/{2**70}/").status_code == 404
    entries = AuditEntry.objects.order_by("id")
    assert [(e.person_id, e.outcome) for e in entries] == [(987654, Outcome.REFUSED), (None, Outcome.REFUSED)]
    assert str(2**70) in entries[1].detail
