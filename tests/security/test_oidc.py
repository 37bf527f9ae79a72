"""Single sign-on against a real OpenID Connect provider: a small one, run on loopback by the test,
answering the token and userinfo requests that mozilla-django-oidc really sends over HTTP."""

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

from koers.access.models import User
from koers.audit.models import AuditEntry, Outcome
from koers.security.models import TotpDevice

from .factories import policy

pytestmark = pytest.mark.django_db

CLIENT_ID = "koers-test"
CLIENT_SECRET = "provider-geheim-voor-de-test-0123456789"


class Provider:
    """Codes it has issued, each with the nonce, PKCE challenge and claims of one sign-in."""

    def __init__(self) -> None:
        self.grants: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.audience = CLIENT_ID
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def sign_in(self, authorize_url: str, claims: dict) -> str:
        """What the provider does after the user signed in there: a code for Koers's callback."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(authorize_url).query).items()}
        code = secrets.token_urlsafe(16)
        self.grants[code] = {"query": query, "claims": claims}
        return code

    def handler(self):
        provider = self

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

            def do_POST(self) -> None:
                form = {
                    k: v[0]
                    for k, v in parse_qs(
                        self.rfile.read(int(self.headers["Content-Length"])).decode()
                    ).items()
                }
                grant = provider.grants.pop(form.get("code", ""), None)
                if (
                    self.path != "/token"
                    or grant is None
                    or form.get("client_id") != CLIENT_ID
                    or form.get("client_secret") != CLIENT_SECRET
                    or form.get("redirect_uri") != grant["query"]["redirect_uri"]
                    or pkce(form.get("code_verifier", "")) != grant["query"]["code_challenge"]
                ):
                    self.answer(400, {"error": "invalid_grant"})
                    return
                access_token = secrets.token_urlsafe(16)
                provider.tokens[access_token] = grant["claims"]
                id_token = jwt.encode(
                    {
                        "iss": provider.url,
                        "aud": provider.audience,
                        "sub": grant["claims"].get("sub", "onbekend"),
                        "nonce": grant["query"]["nonce"],
                        "iat": int(time.time()),
                        "exp": int(time.time()) + 300,
                    },
                    CLIENT_SECRET,
                    algorithm="HS256",
                )
                self.answer(200, {"access_token": access_token, "id_token": id_token, "token_type": "Bearer"})

            def do_GET(self) -> None:
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                if self.path != "/userinfo" or token not in provider.tokens:
                    self.answer(401, {"error": "invalid_token"})
                    return
                self.answer(200, provider.tokens[token])

        return Handler


def pkce(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")


@pytest.fixture
def provider(settings):
    provider = Provider()
    thread = threading.Thread(target=provider.server.serve_forever, daemon=True)
    thread.start()
    settings.KOERS_TWO_FACTOR_ROLES = "all"
    settings.AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        "koers.security.oidc.ClaimMatchingBackend",
    ]
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider.url}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider.url}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider.url}/userinfo"
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.OIDC_RP_SCOPES = "openid email profile"
    settings.OIDC_USE_PKCE = True
    settings.OIDC_CREATE_USER = False
    settings.OIDC_AUTHENTICATION_CALLBACK_URL = "security:oidc_callback"
    settings.OIDC_TIMEOUT = 5
    settings.KOERS_OIDC_CLAIM = "email"
    settings.KOERS_OIDC_USER_FIELD = "email"
    yield provider
    provider.server.shutdown()
    provider.server.server_close()


def sign_in_with(client, provider: Provider, claims: dict, next_url: str = "/personen/"):
    start = client.get(f"/accounts/oidc/start/?next={next_url}")
    assert start.status_code == 302
    assert start.url.startswith(f"{provider.url}/authorize?")
    query = {k: v[0] for k, v in parse_qs(urlsplit(start.url).query).items()}
    code = provider.sign_in(start.url, claims)
    return client.get("/accounts/oidc/callback/", {"code": code, "state": query["state"]})


def logged_in(client) -> bool:
    return client.get("/personen/").status_code == 200


def test_a_known_user_signs_in_through_the_provider(client, tenants, provider):
    policy(tenants.a.municipality, [])
    user = tenants.a.consultant
    user.email = "Consulent@Aadorp.nl"
    user.save()
    response = sign_in_with(client, provider, {"sub": "abc", "email": "consulent@aadorp.nl"})
    assert response.url == "/personen/"
    assert logged_in(client)
    assert (
        AuditEntry.objects.filter(user_id=user.pk, purpose="Aanmelden", outcome=Outcome.ALLOWED).count() == 1
    )


def test_an_unknown_person_is_refused_and_no_account_is_made(client, tenants, provider):
    users_before = User.objects.count()
    response = sign_in_with(client, provider, {"sub": "x", "email": "nieuw@elders.nl"})
    assert response.status_code == 302
    assert response.url == "/accounts/login/"
    assert not logged_in(client)
    assert User.objects.count() == users_before
    assert AuditEntry.objects.filter(outcome=Outcome.REFUSED, purpose__contains="OpenID Connect").count() == 1


def test_an_inactive_account_is_refused(client, tenants, provider):
    user = tenants.a.consultant
    user.email, user.is_active = "weg@aadorp.nl", False
    user.save()
    sign_in_with(client, provider, {"email": "weg@aadorp.nl"})
    assert not logged_in(client)


def test_an_id_token_for_another_client_is_refused(client, tenants, provider):
    policy(tenants.a.municipality, [])
    tenants.a.consultant.email = "consulent@aadorp.nl"
    tenants.a.consultant.save()
    provider.audience = "een-andere-applicatie"
    sign_in_with(client, provider, {"email": "consulent@aadorp.nl"})
    assert not logged_in(client)


def test_after_the_provider_the_second_factor_policy_still_applies(client, tenants, provider):
    tenants.a.consultant.email = "consulent@aadorp.nl"
    tenants.a.consultant.save()
    response = sign_in_with(client, provider, {"email": "consulent@aadorp.nl"})
    assert response.url == "/accounts/tweestapsverificatie/"
    assert not logged_in(client)
    client.get(response.url)
    assert TotpDevice.objects.filter(user=tenants.a.consultant).exists()


def test_the_claim_may_be_matched_to_the_username(client, tenants, provider, settings):
    policy(tenants.b.municipality, [])
    settings.KOERS_OIDC_CLAIM = "preferred_username"
    settings.KOERS_OIDC_USER_FIELD = "username"
    sign_in_with(client, provider, {"preferred_username": tenants.b.consultant.username})
    assert logged_in(client)


def test_the_login_page_offers_single_sign_on_only_when_configured(client, db, settings):
    assert "Aanmelden via je gemeente" not in client.get("/accounts/login/").content.decode()
    assert client.get("/accounts/oidc/start/").status_code == 404
    assert client.get("/accounts/oidc/callback/?code=x&state=y").status_code == 404
    settings.AUTHENTICATION_BACKENDS = [
        "django.contrib.auth.backends.ModelBackend",
        "koers.security.oidc.ClaimMatchingBackend",
    ]
    assert "Aanmelden via je gemeente" in client.get("/accounts/login/").content.decode()
