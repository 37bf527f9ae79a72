import datetime as dt

import pytest

from koers.audit.models import Action, AuditEntry
from koers.people.constants import EventKind, HouseholdRelation
from koers.people.models import Household, HouseholdMember, Person, TimelineEvent


def form_data(tenant, **overrides) -> dict[str, str]:
    data = {
        "municipality": str(tenant.municipality.pk),
        "koppeling_date": "01-10-2026",
        "target_group": "asiel",
        "phase": "koppeling",
        "consultant": str(tenant.consultant.pk),
        "bsn": "111222333",
        "date_of_birth": "11-02-1994",
        "given_names": "Merhawit",
        "family_name_prefix": "",
        "family_name": "Tesfamariam",
        "gender": "v",
        "country_of_origin": "ER",
        "nationality": "ER",
        "literacy": "ander_schrift",
        "languages": ["ti", "ar"],
        "postcode": "",
        "members-TOTAL_FORMS": "2",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "12",
    }
    return data | overrides


def stored() -> tuple[int, int, int, int, int]:
    return (
        Person.objects.count(),
        Household.objects.count(),
        HouseholdMember.objects.count(),
        TimelineEvent.objects.count(),
        AuditEntry.objects.filter(action=Action.CREATE).count(),
    )


def test_the_form_offers_only_municipalities_the_user_may_register_in_with_the_user_as_consultant(
    tenants, client_as
):
    content = client_as(tenants.a.consultant).get("/personen/nieuw/").content.decode()
    assert f'<option value="{tenants.a.municipality.pk}" selected>Aadorp</option>' in content
    assert "Beekdal" not in content
    assert f'<option value="{tenants.a.consultant.pk}" selected>' in content


@pytest.mark.parametrize("role", ["volunteer", "team_lead", "mb_worker", "analyst"])
def test_roles_that_may_not_register_are_refused(tenants, client_as, role):
    client = client_as(getattr(tenants.a, role))
    assert client.get("/personen/nieuw/").status_code == 403
    assert client.post("/personen/nieuw/", form_data(tenants.a)).status_code == 403
    assert Person.objects.filter(bsn="111222333").count() == 0


def test_it_registers_a_person_and_shows_the_dossier_with_a_message(tenants, client_as):
    response = client_as(tenants.a.consultant).post("/personen/nieuw/", form_data(tenants.a), follow=True)
    person = Person.objects.get(bsn="111222333")
    assert response.redirect_chain == [(f"/personen/{person.pk}/", 302)]
    assert "Merhawit Tesfamariam is geregistreerd." in response.content.decode()
    assert person.languages == ["ti", "ar"]
    assert person.date_of_birth == dt.date(1994, 2, 11)
    assert person.consultant == tenants.a.consultant
    assert person.timeline.get().kind == EventKind.REGISTRATION


def test_it_refuses_an_invalid_bsn_with_a_dutch_message_and_stores_nothing(tenants, client_as):
    before = stored()
    response = client_as(tenants.a.consultant).post("/personen/nieuw/", form_data(tenants.a, bsn="123456789"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Er is 1 fout gevonden" in content
    message = "Dit is geen geldig BSN: een BSN heeft 9 cijfers en moet voldoen aan de elfproef."
    assert f'<a href="#id_bsn">BSN: {message}' in content
    assert 'aria-invalid="true" aria-describedby="id_bsn_helptext id_bsn_error"' in content
    assert "<title>Fout: Persoon registreren – Koers</title>" in content
    assert stored() == before


def test_it_refuses_a_bsn_that_already_has_a_dossier(tenants, client_as):
    response = client_as(tenants.a.consultant).post(
        "/personen/nieuw/", form_data(tenants.a, bsn=tenants.b.person.bsn)
    )
    assert "Er bestaat al een dossier met dit BSN." in response.content.decode()


def test_the_error_summary_follows_the_order_of_the_page(tenants, client_as):
    data = form_data(tenants.a, koppeling_date="", given_names="", postcode="12345")
    content = client_as(tenants.a.consultant).post("/personen/nieuw/", data).content.decode()
    anchors = ['href="#id_koppeling_date"', 'href="#id_given_names"', 'href="#id_postcode"']
    positions = [content.index(anchor) for anchor in anchors]
    assert positions == sorted(positions)
    assert "Vul de voornamen in." in content
    assert "Een postcode bestaat uit vier cijfers en twee letters" in content


def test_it_refuses_a_municipality_outside_the_users_reach(tenants, client_as):
    before = stored()
    data = form_data(tenants.a, municipality=str(tenants.b.municipality.pk))
    content = client_as(tenants.a.consultant).post("/personen/nieuw/", data).content.decode()
    assert "Je mag in deze gemeente geen personen registreren." in content
    assert stored() == before


def test_it_refuses_a_consultant_who_does_not_work_for_the_municipality(tenants, client_as):
    data = form_data(tenants.a, consultant=str(tenants.b.consultant.pk))
    response = client_as(tenants.a.consultant).post("/personen/nieuw/", data)
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Person.objects.filter(bsn="111222333").exists()


def test_it_registers_a_household_with_a_partner_and_children(tenants, client_as):
    data = form_data(
        tenants.a,
        **{
            "members-TOTAL_FORMS": "3",
            "members-0-relation": "partner",
            "members-0-given_names": "Yonas",
            "members-0-family_name": "Tesfamariam",
            "members-1-relation": "kind",
            "members-1-given_names": "Selam",
            "members-1-date_of_birth": "03-04-2019",
            "members-1-gender": "v",
            "members-2-relation": "kind",
            "members-2-given_names": "Dawit",
            "members-2-date_of_birth": "2022-08-15",
        },
    )
    response = client_as(tenants.a.consultant).post("/personen/nieuw/", data)
    assert response.status_code == 302
    person = Person.objects.get(bsn="111222333")
    members = {m.given_names or m.person.given_names: m for m in person.household.members.all()}
    assert members["Merhawit"].relation == HouseholdRelation.APPLICANT
    assert members["Yonas"].relation == HouseholdRelation.PARTNER
    assert (members["Selam"].relation, members["Selam"].date_of_birth) == (
        HouseholdRelation.CHILD,
        dt.date(2019, 4, 3),
    )
    assert members["Dawit"].date_of_birth == dt.date(2022, 8, 15)
    content = client_as(tenants.a.consultant).get(response["Location"]).content.decode()
    assert "Selam" in content and "03-04-2019" in content and "7 jaar" in content


def test_a_child_without_a_birth_date_is_refused_and_nothing_stored(tenants, client_as):
    before = stored()
    data = form_data(tenants.a, **{"members-0-relation": "kind", "members-0-given_names": "Selam"})
    content = client_as(tenants.a.consultant).post("/personen/nieuw/", data).content.decode()
    message = "Gezinslid 1, geboortedatum: Vul de geboortedatum van het kind in."
    assert f'<a href="#id_members-0-date_of_birth">{message}' in content
    assert stored() == before


def test_a_household_has_at_most_one_partner(tenants, client_as):
    data = form_data(
        tenants.a,
        **{
            "members-0-relation": "partner",
            "members-0-given_names": "Yonas",
            "members-1-relation": "partner",
            "members-1-given_names": "Filmon",
        },
    )
    content = client_as(tenants.a.consultant).post("/personen/nieuw/", data).content.decode()
    assert "Een huishouden heeft hooguit één partner." in content
    assert not Person.objects.filter(bsn="111222333").exists()


def test_a_tampered_formset_is_refused_without_an_error_page(tenants, client_as):
    data = form_data(tenants.a, **{"members-TOTAL_FORMS": "abc"})
    response = client_as(tenants.a.consultant).post("/personen/nieuw/", data)
    assert response.status_code == 200
    assert not Person.objects.filter(bsn="111222333").exists()


def test_htmx_adds_one_numbered_row_for_a_family_member(tenants, client_as):
    client = client_as(tenants.a.consultant)
    content = client.get("/personen/nieuw/gezinslid/", {"members-TOTAL_FORMS": "2"}).content.decode()
    assert 'name="members-2-given_names"' in content
    assert "Gezinslid 3" in content
    assert 'id="id_members-TOTAL_FORMS" value="3" hx-swap-oob="true"' in content
    assert client.get("/personen/nieuw/gezinslid/", {"members-TOTAL_FORMS": "12"}).status_code == 204
    assert client.get("/personen/nieuw/gezinslid/", {"members-TOTAL_FORMS": "x"}).status_code == 204
