"""DigiD through an OpenID Connect broker is offered only when configured, and the broker's BSN
claim is matched to exactly the person with that BSN."""

from __future__ import annotations

import pytest
from django.test import Client

from koers.portaal.oidc import bsn_from_claims, is_configured, person_for_claims


@pytest.fixture
def broker(settings):
    settings.KOERS_PORTAAL_OIDC_DISCOVERY_URL = "https://broker.example/.well-known/openid-configuration"
    settings.KOERS_PORTAAL_OIDC_CLIENT_ID = "koers-portaal"
    settings.KOERS_PORTAAL_OIDC_CLIENT_SECRET = "geheim"
    return settings


def test_digid_is_not_offered_without_a_broker(db):
    assert not is_configured()
    assert "Inloggen met DigiD" not in Client().get("/portaal/inloggen/").content.decode()
    assert Client().get("/portaal/inloggen/digid/").status_code == 404


def test_digid_is_offered_with_a_broker(db, broker):
    assert "Inloggen met DigiD" in Client().get("/portaal/inloggen/").content.decode()


def test_the_bsn_claim_finds_the_person(tenants, broker):
    assert person_for_claims({"bsn": tenants.a.person.bsn}) == tenants.a.person
    assert person_for_claims({"bsn": tenants.b.person.bsn}) == tenants.b.person


def test_a_bsn_written_as_a_urn_is_read(tenants, broker):
    claims = {"bsn": f"urn:nl-eid-gdi:1.0:id:BSN:{tenants.a.person.bsn}"}
    assert person_for_claims(claims) == tenants.a.person


def test_the_claim_name_is_configurable(tenants, broker):
    broker.KOERS_PORTAAL_OIDC_BSN_CLAIM = "sub"
    assert person_for_claims({"sub": tenants.a.person.bsn, "bsn": tenants.b.person.bsn}) == tenants.a.person


@pytest.mark.parametrize("claims", [{}, {"bsn": ""}, {"bsn": "123456789"}, {"bsn": "12345678"}, {"bsn": None}])
def test_a_missing_or_invalid_bsn_finds_no_one(tenants, broker, claims):
    assert person_for_claims(claims) is None


def test_a_valid_bsn_without_a_dossier_finds_no_one(tenants, broker):
    assert bsn_from_claims({"bsn": "111222333"}) == "111222333"
    assert person_for_claims({"bsn": "111222333"}) is None
