from __future__ import annotations

import json

import pytest

from koers.duo import specs


def test_it_loads_every_duo_api_with_openapi_core():
    for service in specs.SERVICES:
        assert specs.openapi(service).spec is not None, service


def test_it_finds_operations_by_their_operation_id():
    operation = specs.operation("getInburgeringsplichtByBsn")
    assert (operation.service, operation.method, operation.path) == (
        "inburgeringsplicht", "get", "/personen/{bsn}/inburgeringsplicht",
    )
    assert specs.operation("postPipByBsn").method == "post"
    assert specs.operation("updateMapByBsn").method == "put"
    assert specs.operation("deletePipByBsn").method == "delete"


def test_it_refuses_an_unknown_operation():
    with pytest.raises(specs.SpecNotFound):
        specs.operation("getEverything")


def test_it_reads_the_spec_folder_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("KOERS_DUO_SPEC_DIR", str(tmp_path))
    assert specs.spec_path("pip") == tmp_path / "API" / "PIP" / "openapi.yml"


def test_it_says_where_it_looked_when_a_spec_is_missing(monkeypatch, tmp_path):
    monkeypatch.setenv("KOERS_DUO_SPEC_DIR", str(tmp_path))
    specs.raw_spec.cache_clear()
    try:
        with pytest.raises(specs.SpecNotFound, match=str(tmp_path)):
            specs.raw_spec("pip")
    finally:
        specs.raw_spec.cache_clear()


def test_it_names_what_is_wrong_in_an_invalid_message():
    request = specs.SpecRequest(
        "post", "/notificaties", {"bron": "kort", "doel": "0" * 20},
        b'{"gebeurtenisId": "ss102", "bsn": "12"}',
    )
    with pytest.raises(specs.SpecViolation) as caught:
        specs.validate_request("notificatie", request)
    names = {param["name"] for param in caught.value.invalid_params}
    assert names == {"bron", "berichtId", "gebeurtenisId", "bsn", "registratieDatumTijd"}


def test_duos_unicode_letter_pattern_works_with_python_regular_expressions():
    contact = {
        "naam": "Anne-Ëlla d‘Oliveira", "email": "inburgering@gemeente.nl", "telefoonnummer": "0201234567",
    }
    headers = {"bron": "0" * 20, "doel": "1" * 20, "berichtId": "6f1c2b8e-3c1d-4e5f-9a7b-1c2d3e4f5a6b"}
    request = specs.SpecRequest("post", "/contactpersonen", headers, json.dumps(contact).encode())
    specs.validate_request("contactpersoon", request)
