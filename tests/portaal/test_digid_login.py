"""DigiD through an OpenID Connect broker, the whole way: a small broker run on loopback by the test
publishes its configuration and keys, and answers the token and userinfo requests the portal really
sends over HTTP. The portal logs in exactly the person with the BSN the broker vouched for."""

from __future__ import annotations

import pytest
from django.test import Client

from koers.portaal.session import PERSON_KEY
from tests.oidc_provider import OidcProvider, query_of, running

CLIENT_ID = "koers-portaal"
CLIENT_SECRET = "broker-geheim-voor-de-test"


@pytest.fixture
def broker(settings):
    with running(OidcProvider(CLIENT_ID, CLIENT_SECRET)) as broker:
        settings.KOERS_PORTAAL_OIDC_DISCOVERY_URL = f"{broker.url}/.well-known/openid-configuration"
        settings.KOERS_PORTAAL_OIDC_CLIENT_ID = CLIENT_ID
        settings.KOERS_PORTAAL_OIDC_CLIENT_SECRET = CLIENT_SECRET
        yield broker


def sign_in(client: Client, broker: OidcProvider, bsn: str, state: str | None = None):
    start = client.get("/portaal/inloggen/digid/")
    assert start.status_code == 302 and start.url.startswith(f"{broker.url}/authorize?")
    query = query_of(start.url)
    assert query["code_challenge_method"] == "S256" and query["client_id"] == CLIENT_ID
    code = broker.sign_in(start.url, {"sub": "digid-123", "bsn": f"urn:nl-eid-gdi:1.0:id:BSN:{bsn}"})
    return client.get("/portaal/inloggen/digid/terug/", {"code": code, "state": state or query["state"]})


def test_the_person_with_the_vouched_bsn_is_logged_in(tenants, broker):
    client = Client()
    response = sign_in(client, broker, tenants.a.person.bsn)
    assert response.url == "/portaal/"
    assert client.session[PERSON_KEY] == tenants.a.person.pk
    assert client.get("/portaal/").status_code == 200


def test_a_bsn_without_a_dossier_is_not_logged_in(tenants, broker):
    client = Client()
    response = sign_in(client, broker, "111222333")
    assert response.status_code == 400 and PERSON_KEY not in client.session
    assert "Inloggen met DigiD is niet gelukt" in response.content.decode()


@pytest.mark.parametrize("tamper", ["state", "audience", "nonce"])
def test_a_tampered_sign_in_is_refused(tenants, broker, tamper):
    client = Client()
    if tamper == "audience":
        broker.audience = "een-andere-dienst"
    if tamper == "nonce":
        broker.nonce_override = "een-andere-nonce"
    response = sign_in(client, broker, tenants.a.person.bsn, state="verzonnen" if tamper == "state" else None)
    assert response.status_code == 400 and PERSON_KEY not in client.session


def test_a_callback_without_a_started_sign_in_is_refused(tenants, broker):
    response = Client().get("/portaal/inloggen/digid/terug/", {"code": "x", "state": "y"})
    assert response.status_code == 400
