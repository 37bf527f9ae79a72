"""Single sign-on against a real OpenID Connect provider: a small one, run on loopback by the test,
answering the token and userinfo requests that mozilla-django-oidc really sends over HTTP."""

from __future__ import annotations

import pytest

from koers.access.models import User
from koers.audit.models import AuditEntry, Outcome
from koers.security.models import TotpDevice

from tests.oidc_provider import OidcProvider, query_of, running

from .factories import policy

pytestmark = pytest.mark.django_db

CLIENT_ID = "koers-test"
CLIENT_SECRET = "provider-geheim-voor-de-test-0123456789"


@pytest.fixture
def provider(settings):
    with running(OidcProvider(CLIENT_ID, CLIENT_SECRET, algorithm="HS256")) as provider:
        configure(settings, provider)
        yield provider


def configure(settings, provider: OidcProvider) -> None:
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


def sign_in_with(client, provider: OidcProvider, claims: dict, next_url: str = "/personen/"):
    start = client.get(f"/accounts/oidc/start/?next={next_url}")
    assert start.status_code == 302
    assert start.url.startswith(f"{provider.url}/authorize?")
    query = query_of(start.url)
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
