"""DigiD through an OpenID Connect broker, the whole way: a small broker run on loopback by the test
publishes its configuration and keys, and answers the token and userinfo requests the portal really
sends over HTTP. The portal logs in exactly the person with the BSN the broker vouched for."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client

from koers.portaal.session import PERSON_KEY

CLIENT_ID = "koers-portaal"
CLIENT_SECRET = "broker-geheim-voor-de-test"


class Broker:
    """Issues a code per sign-in; signs ID tokens with its own RSA key, published as a JWKS."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.grants: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.audience = CLIENT_ID
        self.nonce_override: str | None = None
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def configuration(self) -> dict:
        return {
            "issuer": self.url,
            "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token",
            "userinfo_endpoint": f"{self.url}/userinfo",
            "jwks_uri": f"{self.url}/jwks",
        }

    def jwks(self) -> dict:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [public | {"kid": "broker-1", "alg": "RS256", "use": "sig"}]}

    def sign_in(self, authorize_url: str, userinfo: dict) -> str:
        query = {k: v[0] for k, v in parse_qs(urlsplit(authorize_url).query).items()}
        code = secrets.token_urlsafe(16)
        self.grants[code] = {"query": query, "userinfo": userinfo}
        return code

    def id_token(self, grant: dict) -> str:
        now = int(time.time())
        claims = {"iss": self.url, "aud": self.audience, "sub": grant["userinfo"]["sub"], "iat": now,
                  "exp": now + 300, "nonce": self.nonce_override or grant["query"]["nonce"]}
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": "broker-1"})

    def handler(self):
        broker = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def answer(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path == "/.well-known/openid-configuration":
                    self.answer(200, broker.configuration())
                elif self.path == "/jwks":
                    self.answer(200, broker.jwks())
                elif self.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token in broker.tokens:
                        self.answer(200, broker.tokens[token])
                    else:
                        self.answer(401, {"error": "invalid_token"})
                else:
                    self.answer(404, {})

            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                grant = broker.grants.pop(form.get("code", ""), None)
                if (
                    self.path != "/token"
                    or grant is None
                    or (form.get("client_id"), form.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET)
                    or form.get("redirect_uri") != grant["query"]["redirect_uri"]
                    or challenge(form.get("code_verifier", "")) != grant["query"]["code_challenge"]
                ):
                    self.answer(400, {"error": "invalid_grant"})
                    return
                access_token = secrets.token_urlsafe(16)
                broker.tokens[access_token] = grant["userinfo"]
                self.answer(200, {"access_token": access_token, "id_token": broker.id_token(grant),
                                  "token_type": "Bearer"})

        return Handler


def challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")


@pytest.fixture
def broker(settings):
    broker = Broker()
    thread = threading.Thread(target=broker.server.serve_forever, daemon=True)
    thread.start()
    settings.KOERS_PORTAAL_OIDC_DISCOVERY_URL = f"{broker.url}/.well-known/openid-configuration"
    settings.KOERS_PORTAAL_OIDC_CLIENT_ID = CLIENT_ID
    settings.KOERS_PORTAAL_OIDC_CLIENT_SECRET = CLIENT_SECRET
    yield broker
    broker.server.shutdown()
    broker.server.server_close()


def sign_in(client: Client, broker: Broker, bsn: str, state: str | None = None):
    start = client.get("/portaal/inloggen/digid/")
    assert start.status_code == 302 and start.url.startswith(f"{broker.url}/authorize?")
    query = {k: v[0] for k, v in parse_qs(urlsplit(start.url).query).items()}
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
