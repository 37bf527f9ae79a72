"""Contract test: Koers's client drives every operation of DUO's specifications against the
simulator. The client checks each request it sends and each answer it accepts against the spec,
so every call below that returns proves both sides keep to it."""

from __future__ import annotations

import pytest

from koers.duo import specs
from koers.duo.client import DuoError

pytestmark = pytest.mark.django_db

CONTACT = {"naam": "Anne de Vries", "email": "inburgering@gemeente.nl", "telefoonnummer": "0201234567"}


def test_every_operation_keeps_to_the_specification_on_both_sides(duo_world):
    person = duo_world.koers.a.person
    duo_world.add(person)
    simulator = duo_world.simulator
    simulator.add_instelling({"instellingsnummer": "1234567890", "naam": "Taalhuis", "postcode": "1011AB", "huisnummer": 1,
                              "plaatsnaam": "Aadorp", "indicatieBowKeurmerk": True})
    for code in ("SS137", "SS131", "SS199", "SS109", "SS119"):
        simulator.emit(person.bsn, code)
    client = duo_world.client(person.municipality.oin)
    called: set[str] = set()

    def call(operation_id: str, **kwargs):
        called.add(operation_id)
        return client.call(operation_id, **kwargs)

    bsn = {"bsn": person.bsn}
    for operation_id in ("getInburgeringsplichtByBsn", "getInburgeringsplichthistorieByBsn", "getDoelgroepByBsn",
                         "getDoelgroephistorieByBsn", "getVrijstellingenByBsn", "getOntheffingenByBsn",
                         "getExamenresultatenByBsn", "getGratisPogingenTegoedByBsn", "getExamennummerByBsn",
                         "getLbtResultatenByBsn", "getInburgeringstermijnhistorieByBsn"):
        call(operation_id, **bsn)
    call("deleteExamennummerByBsn", **bsn)
    call("getVerlengingsgronden")
    call("getInstellingen")
    call("postPipByBsn", body={"dagtekeningPip": "2026-11-20", "leerroute": "B"}, **bsn)
    assert call("getPipByBsn", **bsn).data["pip"]["niveau"] == "B1"
    call("postInburgeringsaanbodByBsnAndInstellingsnummer", path_params={"instellingsnummer": "1234567890"},
         body={"datumInburgeringsaanbod": "2026-11-23", "indicatorAlfabetiseringsonderwijs": "NVT"}, **bsn)
    call("deleteInburgeringsaanbodByBsnAndInstellingsnumer", path_params={"instellingsnummer": "1234567890"}, **bsn)
    call("deletePipByBsn", **bsn)
    call("postPipByBsn", body={"dagtekeningPip": "2026-11-21", "leerroute": "Z", "niveau": "A2"}, **bsn)
    simulator.emit(person.bsn, "SS102")
    call("getInburgeringstermijnByBsn", **bsn)
    call("updateMapByBsn", body={"datumEindgesprekMap": "2026-11-24"}, **bsn)
    call("getMapByBsn", **bsn)
    call("updatePvtByBsn", body={"datumOndertekeningPvt": "2026-11-24"}, **bsn)
    call("getPvtByBsn", **bsn)
    call("updateZrouteByBsn", body={"datumAfrondingZroute": "2026-11-25"}, **bsn)
    for operation_id in ("updateUrenTaallesEnKnmByBSN", "updateUrenParticipatieactiviteiten",
                         "updateUrenParticipatieAlsTaallesByBsn"):
        call(operation_id, body={"uren": 12}, **bsn)
    call("getGevolgdeUrenByBsn", **bsn)
    contact_id = str(call("createContactpersoon", body=CONTACT).data["id"])
    call("updateContactpersoonById", path_params={"id": contact_id}, body=CONTACT)
    call("postContactpersoonByBsn", path_params={"id": contact_id}, **bsn)
    call("deleteContactpersoonByBsn", path_params={"id": contact_id}, **bsn)
    call("deleteContactpersoonById", path_params={"id": contact_id})

    served = {op for op, operation in specs.operations().items() if operation.service != "notificatie"}
    assert called == served


def test_duos_refusal_keeps_to_the_specification_and_carries_the_fouttekst(duo_world):
    person = duo_world.koers.a.person
    duo_world.add(person)
    client = duo_world.client(person.municipality.oin)
    with pytest.raises(DuoError) as caught:
        client.call("postPipByBsn", bsn=person.bsn, body={"dagtekeningPip": "2026-11-20", "leerroute": "Z",
                                                          "niveau": "B1"})
    assert caught.value.status == 403
    assert caught.value.fouten == ["Niveau B1 kan niet samen met de Z-route worden vastgesteld."]


def test_a_municipality_cannot_consult_someone_elses_inburgeraar(duo_world):
    duo_world.add(duo_world.koers.b.person)
    client = duo_world.client(duo_world.koers.a.municipality.oin)
    with pytest.raises(DuoError) as caught:
        client.call("getInburgeringsplichtByBsn", bsn=duo_world.koers.b.person.bsn)
    assert caught.value.status == 403


def test_an_unknown_sender_and_an_unknown_person_are_refused(duo_world):
    client = duo_world.client("0" * 20)
    with pytest.raises(DuoError) as caught:
        client.call("getVerlengingsgronden")
    assert caught.value.status == 403
    with pytest.raises(DuoError) as caught:
        duo_world.client(duo_world.koers.a.municipality.oin).call("getPipByBsn", bsn="999999990")
    assert caught.value.status == 404


def test_the_previous_pip_municipality_may_consult_for_a_month_after_a_new_pip(duo_world):
    import datetime as dt

    from koers.lib import clock

    old, new = duo_world.koers.a, duo_world.koers.b
    person = old.person
    duo_world.add(person, gemeentecode=new.municipality.cbs_code,
                  pip={"dagtekeningPip": "2026-06-01", "leerroute": "B", "niveau": "B1"},
                  pip_gemeentecode=old.municipality.cbs_code)
    duo_world.client(new.municipality.oin).call(
        "postPipByBsn", bsn=person.bsn, body={"dagtekeningPip": "2026-11-20", "leerroute": "B"})
    old_client = duo_world.client(old.municipality.oin)

    assert old_client.call("getPipByBsn", bsn=person.bsn).data["gemeentecode"] == new.municipality.cbs_code
    with clock.frozen(dt.datetime(2026, 12, 26, 12, tzinfo=dt.UTC)), pytest.raises(DuoError) as caught:
        old_client.call("getPipByBsn", bsn=person.bsn)
    assert caught.value.status == 403
