from __future__ import annotations

import json
import uuid

import pytest

from koers.duo import specs
from koers.duo.client import DuoClient, DuoConfig, DuoError

from .clients import client_for
from .conftest import BRON_OIN, DUO_OIN, Reply

BSN = "999990019"


def test_a_consult_carries_bron_doel_and_a_fresh_bericht_id(stub_duo):
    pip = {"dagtekeningPip": "2026-01-05", "leerroute": "B"}
    stub_duo.answer(Reply(200, {"gemeentecode": "0363", "pip": pip}))
    client, _ = client_for(stub_duo.url)

    response = client.call("getPipByBsn", bsn=BSN)

    [received] = stub_duo.received
    assert (received.method, received.path) == ("GET", f"/v1/personen/{BSN}/PIP")
    assert received.headers["bron"] == BRON_OIN
    assert received.headers["doel"] == DUO_OIN
    assert uuid.UUID(received.headers["berichtId"]).version == 4
    assert response.data["pip"]["leerroute"] == "B"
    assert response.bericht_id == received.headers["berichtId"]
    assert response.api_version == "1.2.0"


def test_every_message_gets_its_own_bericht_id(stub_duo):
    stub_duo.answer(*[Reply(200, {"indicatorInburgeringsplicht": True})] * 2)
    client, _ = client_for(stub_duo.url)
    client.call("getInburgeringsplichtByBsn", bsn=BSN)
    client.call("getInburgeringsplichtByBsn", bsn=BSN)
    first, second = (r.headers["berichtId"] for r in stub_duo.received)
    assert first != second


def test_a_delivery_sends_the_body_as_json_to_the_specified_path(stub_duo):
    stub_duo.answer(Reply(201))
    client, _ = client_for(stub_duo.url)
    pip = {"dagtekeningPip": "2026-11-20", "leerroute": "B", "niveau": "B1"}

    response = client.call("postPipByBsn", bsn=BSN, body=pip)

    [received] = stub_duo.received
    assert (received.method, received.path) == ("POST", f"/v1/personen/{BSN}/PIP")
    assert received.headers["Content-Type"] == "application/json"
    assert json.loads(received.body) == pip
    assert response.status == 201


def test_put_and_delete_go_out_with_their_own_methods(stub_duo):
    stub_duo.answer(Reply(200), Reply(200))
    client, _ = client_for(stub_duo.url)
    client.call("updateMapByBsn", bsn=BSN, body={})
    client.call("deletePipByBsn", bsn=BSN)
    assert [(r.method, r.path) for r in stub_duo.received] == [
        ("PUT", f"/v1/personen/{BSN}/map"),
        ("DELETE", f"/v1/personen/{BSN}/PIP"),
    ]


def test_what_the_client_sends_validates_against_the_spec(stub_duo):
    stub_duo.answer(Reply(201))
    client, _ = client_for(stub_duo.url)
    client.call("postPipByBsn", bsn=BSN, body={"dagtekeningPip": "2026-11-20", "leerroute": "Z"})
    [received] = stub_duo.received
    sent = specs.SpecRequest(
        "post", received.path.removeprefix("/v1"), received.headers, received.body,
        content_type=received.headers["Content-Type"],
    )
    specs.validate_request("pip", sent)


def test_it_refuses_to_send_a_message_that_breaks_the_spec(stub_duo):
    client, _ = client_for(stub_duo.url)
    with pytest.raises(DuoError, match="voldoet niet aan de specificatie") as caught:
        client.call("postPipByBsn", bsn=BSN, body={"leerroute": "X"})
    assert "dagtekeningPip" in str(caught.value)
    assert stub_duo.received == []


def test_it_refuses_an_invalid_bsn_before_sending(stub_duo):
    client, _ = client_for(stub_duo.url)
    with pytest.raises(DuoError):
        client.call("getPipByBsn", bsn="12345")
    assert stub_duo.received == []


def test_it_sets_up_mutual_tls_from_the_environment(monkeypatch):
    monkeypatch.setenv("KOERS_DUO_URL", "https://duo.example/v1")
    monkeypatch.setenv("KOERS_DUO_OIN", DUO_OIN)
    monkeypatch.setenv("KOERS_DUO_CERT", "/etc/koers/duo.crt")
    monkeypatch.setenv("KOERS_DUO_KEY", "/etc/koers/duo.key")
    monkeypatch.setenv("KOERS_DUO_CA", "/etc/koers/pkio-private.pem")
    client = DuoClient(DuoConfig.from_env(), bron_oin=BRON_OIN)

    assert client.session.cert == ("/etc/koers/duo.crt", "/etc/koers/duo.key")
    assert client.session.verify == "/etc/koers/pkio-private.pem"


def test_it_refuses_an_answer_that_breaks_the_spec(stub_duo):
    stub_duo.answer(Reply(200, {"gemeentecode": "Amsterdam"}))
    client, _ = client_for(stub_duo.url)
    with pytest.raises(DuoError, match="antwoord van DUO voldoet niet aan de specificatie"):
        client.call("getPipByBsn", bsn=BSN)


def test_it_refuses_a_status_the_spec_does_not_name(stub_duo):
    stub_duo.answer(Reply(200))
    client, _ = client_for(stub_duo.url)
    with pytest.raises(DuoError, match="voldoet niet aan de specificatie"):
        client.call("postPipByBsn", bsn=BSN, body={"dagtekeningPip": "2026-11-20", "leerroute": "Z"})
