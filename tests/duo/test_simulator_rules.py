"""The simulator keeps to DUO's rules of duo-m2m/README.md for each service that takes a message: it
refuses with 403 and DUO's fouttekst (an answer that itself follows the specification), and what it
refuses changes nothing in its state."""

from __future__ import annotations

import json
import uuid

import pytest
from werkzeug.datastructures import Headers

from koers.duo import specs
from koers.duo.client import DuoError


pytestmark = pytest.mark.django_db

INSTELLING = {"instellingsnummer": "1234567890", "naam": "Taalhuis", "postcode": "1011AB", "huisnummer": 1,
              "plaatsnaam": "Aadorp", "indicatieBowKeurmerk": True}
PIP = {"dagtekeningPip": "2026-04-01", "leerroute": "B", "niveau": "B1"}
TERM = {"startdatum": "2026-04-01", "einddatum": "2029-04-01"}
CONTACT = {"naam": "Anne de Vries", "email": "inburgering@gemeente.nl", "telefoonnummer": "0201234567"}


def refusal(world, operation_id: str, *, body=None, path_params=None, **state) -> list[str]:
    person = world.koers.a.person
    sim_person = world.add(person, **state)
    before = repr(sim_person)
    with pytest.raises(DuoError) as caught:
        world.client(person.municipality.oin).call(operation_id, bsn=person.bsn, body=body, path_params=path_params)
    assert caught.value.status == 403
    assert repr(sim_person) == before
    return caught.value.fouten


def test_a_pip_is_not_deleted_once_the_term_is_set(duo_world):
    fouten = refusal(duo_world, "deletePipByBsn", pip=PIP, pip_gemeentecode="0001", termijn=TERM)
    assert any("inburgeringstermijn" in fout for fout in fouten)


def test_an_offer_for_a_family_migrant_is_refused(duo_world):
    duo_world.simulator.add_instelling(INSTELLING)
    fouten = refusal(
        duo_world, "postInburgeringsaanbodByBsnAndInstellingsnummer",
        path_params={"instellingsnummer": "1234567890"},
        body={"datumInburgeringsaanbod": "2026-05-01", "indicatorAlfabetiseringsonderwijs": "NVT"},
        doelgroep={"indeling": "Gezinsmigrant en overige migrant", "gedetailleerdeDoelgroep": "Gezinsvormer"},
        pip=PIP, pip_gemeentecode="0001", termijn=TERM,
    )
    assert any("asielmigrant" in fout for fout in fouten)


def test_an_offer_at_an_institution_duo_does_not_know_is_refused(duo_world):
    fouten = refusal(
        duo_world, "postInburgeringsaanbodByBsnAndInstellingsnummer",
        path_params={"instellingsnummer": "9999999999"},
        body={"datumInburgeringsaanbod": "2026-05-01", "indicatorAlfabetiseringsonderwijs": "NVT"},
        pip=PIP, pip_gemeentecode="0001", termijn=TERM,
    )
    assert fouten


def test_a_map_date_in_the_future_is_refused(duo_world):
    fouten = refusal(duo_world, "updateMapByBsn", body={"datumEindgesprekMap": "2026-12-01"},
                     pip=PIP, pip_gemeentecode="0001", termijn=TERM)
    assert any("toekomst" in fout for fout in fouten)


def test_a_pvt_of_a_municipality_without_the_current_pip_is_refused(duo_world):
    fouten = refusal(duo_world, "updatePvtByBsn", body={"datumOndertekeningPvt": "2026-11-02"},
                     pip=PIP, pip_gemeentecode="0002", termijn=TERM)
    assert any("actueel PIP" in fout for fout in fouten)


def test_deleting_a_contactpersoon_removes_its_links(duo_world):
    person = duo_world.koers.a.person
    sim_person = duo_world.add(person)
    client = duo_world.client(person.municipality.oin)
    contact_id = str(client.call("createContactpersoon", body=CONTACT).data["id"])
    client.call("postContactpersoonByBsn", bsn=person.bsn, path_params={"id": contact_id})
    assert sim_person.contactpersoon_id == int(contact_id)

    client.call("deleteContactpersoonById", path_params={"id": contact_id})

    assert sim_person.contactpersoon_id is None


def test_a_refusal_answer_follows_the_specification(duo_world):
    person = duo_world.koers.a.person
    duo_world.add(person, pip=PIP, pip_gemeentecode="0002", termijn=TERM)
    headers = {"bron": person.municipality.oin, "doel": "00000001800866472000", "berichtId": str(uuid.uuid4()),
               "Content-Type": "application/json"}
    body = json.dumps({"datumOndertekeningPvt": "2026-11-02"}).encode()
    path = f"/personen/{person.bsn}/pvt"

    status, response_headers, payload = duo_world.simulator.handle("PUT", f"/v1{path}", headers, body)

    assert status == 403 and json.loads(payload)[0]["fouttekst"]
    request = specs.SpecRequest("put", path, headers, body)
    answer = specs.SpecResponse(status, Headers(response_headers), payload)
    assert specs.response_errors("map_pvt_zroute", request, answer) == []
