from koers.access.constants import Role
from koers.audit.models import Action, AuditEntry, Channel
from koers.people.constants import EventKind, EventSource
from koers.people.models import Household, Person, TimelineEvent

from .helpers import assert_problem, centrumgemeente, invalid_names

URL = "/api/v1/personen"


def payload(municipality, **overrides) -> dict:
    data = {
        "municipality": municipality.cbs_code,
        "bsn": "111222333",
        "givenNames": "Merhawit",
        "familyName": "Tesfamariam",
        "dateOfBirth": "1994-02-11",
        "gender": "v",
        "countryOfOrigin": "ER",
        "targetGroup": "asiel",
        "koppelingDate": "2026-10-01",
        "languages": ["ti"],
    }
    return data | overrides


def stored() -> tuple[int, int, int, int]:
    return (Person.objects.count(), Household.objects.count(), TimelineEvent.objects.count(),
            AuditEntry.objects.count())


def test_a_consultant_registers_a_koppeling(tenants, api_as):
    response = api_as(tenants.a.consultant).post(URL, payload(tenants.a.municipality), format="json")
    assert response.status_code == 201, response.content
    person = Person.objects.get(bsn="111222333")
    assert response["Location"].endswith(f"/api/v1/personen/{person.pk}")
    assert response.json()["familyName"] == "Tesfamariam"
    assert person.municipality == tenants.a.municipality and person.languages == ["ti"]
    event = person.timeline.get()
    assert (event.kind, event.source, event.actor) == (EventKind.REGISTRATION, EventSource.API, tenants.a.consultant)
    entry = AuditEntry.objects.get(person_id=person.pk)
    assert (entry.action, entry.channel) == (Action.CREATE, Channel.API)


def test_a_bsn_written_with_spaces_is_stored_as_nine_digits(tenants, api_as):
    api_as(tenants.a.consultant).post(URL, payload(tenants.a.municipality, bsn="1112 22 333"), format="json")
    assert Person.objects.filter(bsn="111222333").exists()


def test_an_invalid_bsn_is_refused_and_nothing_is_stored(tenants, api_as):
    before = stored()
    response = api_as(tenants.a.consultant).post(URL, payload(tenants.a.municipality, bsn="123456789"), format="json")
    body = assert_problem(response, 400)
    assert body["invalidParams"] == [
        {
            "name": "bsn",
            "code": "invalid_bsn",
            "reason": "Dit is geen geldig BSN: een BSN heeft 9 cijfers en moet voldoen aan de elfproef.",
        }
    ]
    assert stored() == before


def test_a_bsn_already_registered_anywhere_is_refused(tenants, api_as):
    before = stored()
    data = payload(tenants.a.municipality, bsn=tenants.b.person.bsn)
    body = assert_problem(api_as(tenants.a.consultant).post(URL, data, format="json"), 400)
    assert invalid_names(body) == {"bsn"}
    assert stored() == before


def test_missing_and_invalid_fields_are_named_in_camel_case(tenants, api_as):
    data = payload(tenants.a.municipality, dateOfBirth="11-02-1994", languages=["xx"], countryOfOrigin="ZZ")
    del data["givenNames"]
    body = assert_problem(api_as(tenants.a.consultant).post(URL, data, format="json"), 400)
    assert invalid_names(body) == {"givenNames", "dateOfBirth", "languages.0", "countryOfOrigin"}


def test_a_consultant_cannot_register_in_a_municipality_outside_their_werkgebied(tenants, api_as):
    before = stored()
    response = api_as(tenants.a.consultant).post(URL, payload(tenants.b.municipality), format="json")
    body = assert_problem(response, 403)
    assert tenants.b.municipality.name in body["detail"]
    assert stored() == before


def test_roles_that_do_not_register_get_forbidden(tenants, api_as):
    before = stored()
    for role in (Role.TEAM_LEAD, Role.MB_BEGELEIDER, Role.VRIJWILLIGER, Role.TAALAANBIEDER, Role.POLICY_ANALYST):
        response = api_as(tenants.a.user(role)).post(URL, payload(tenants.a.municipality), format="json")
        assert_problem(response, 403)
    assert stored() == before


def test_a_centrumgemeente_team_registers_for_a_municipality_it_serves(db, api_as):
    (_, wassenaar, _), consultant = centrumgemeente()
    response = api_as(consultant).post(URL, payload(wassenaar), format="json")
    assert response.status_code == 201, response.content
    assert Person.objects.get(bsn="111222333").municipality == wassenaar


def test_form_encoded_input_is_refused_with_415(tenants, api_as):
    response = api_as(tenants.a.consultant).post(URL, {"bsn": "111222333"})
    assert_problem(response, 415)


def test_unknown_or_read_only_fields_are_refused_rather_than_ignored(tenants, api_as):
    before = stored()
    data = payload(tenants.a.municipality, consultant=tenants.a.consultant.pk, givenName="typo")
    body = assert_problem(api_as(tenants.a.consultant).post(URL, data, format="json"), 400)
    assert invalid_names(body) == {"consultant", "givenName"}
    assert stored() == before
