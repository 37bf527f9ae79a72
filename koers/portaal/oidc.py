"""Logging in with DigiD through an OpenID Connect broker, when the installation configures one:

    KOERS_PORTAAL_OIDC_DISCOVERY_URL   the broker's .well-known/openid-configuration
    KOERS_PORTAAL_OIDC_CLIENT_ID       this portal's client id at the broker
    KOERS_PORTAAL_OIDC_CLIENT_SECRET   and its secret
    KOERS_PORTAAL_OIDC_BSN_CLAIM       the claim holding the BSN (default "bsn")
    KOERS_PORTAAL_OIDC_SCOPE           the scopes asked for (default "openid")

The redirect and the callback (state, nonce, token exchange, ID token checks) are Authlib's; the
portal only matches the BSN of the verified claims to a person."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from koers.people.models import Person
from koers.people.validators import validate_bsn

CLIENT_NAME = "digid"


def setting(name: str, default: str = "") -> str:
    return getattr(settings, f"KOERS_PORTAAL_OIDC_{name}", "") or default


def is_configured() -> bool:
    return all(setting(name) for name in ("DISCOVERY_URL", "CLIENT_ID", "CLIENT_SECRET"))


def bsn_from_claims(claims: Mapping[str, object]) -> str | None:
    """The BSN in the configured claim: nine digits, also when the broker writes it as a URN
    (urn:nl-eid-gdi:1.0:id:BSN:123456789); None when it is missing or fails the elfproef."""
    raw = str(claims.get(setting("BSN_CLAIM", "bsn")) or "").strip()
    bsn = raw.rsplit(":", 1)[-1]
    try:
        validate_bsn(bsn)
    except ValidationError:
        return None
    return bsn


def person_for_claims(claims: Mapping[str, object]) -> Person | None:
    bsn = bsn_from_claims(claims)
    return Person.objects.filter(bsn=bsn).first() if bsn else None


def client():
    from authlib.integrations.django_client import OAuth

    registry = OAuth()
    registry.register(CLIENT_NAME, client_id=setting("CLIENT_ID"), client_secret=setting("CLIENT_SECRET"),
                      server_metadata_url=setting("DISCOVERY_URL"),
                      client_kwargs={"scope": setting("SCOPE", "openid")})
    return registry.create_client(CLIENT_NAME)


def start(request: HttpRequest) -> HttpResponse:
    if not is_configured():
        raise Http404
    return client().authorize_redirect(request, request.build_absolute_uri(reverse("portaal:digid_callback")))


def finish(request: HttpRequest) -> Person | None:
    """The person whose BSN the broker vouched for, or None (refused, broken off, or no dossier)."""
    if not is_configured():
        raise Http404
    from authlib.integrations.base_client import OAuthError

    try:
        token = client().authorize_access_token(request)
    except OAuthError:
        return None
    return person_for_claims(token.get("userinfo") or {})
