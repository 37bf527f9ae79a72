"""Logging in with DigiD through an OpenID Connect broker, when the installation configures one:

    KOERS_PORTAAL_OIDC_DISCOVERY_URL   the broker's .well-known/openid-configuration
    KOERS_PORTAAL_OIDC_CLIENT_ID       this portal's client id at the broker
    KOERS_PORTAAL_OIDC_CLIENT_SECRET   and its secret
    KOERS_PORTAAL_OIDC_BSN_CLAIM       the claim holding the BSN (default "bsn")
    KOERS_PORTAAL_OIDC_SCOPE           the scopes asked for (default "openid")
    KOERS_PORTAAL_OIDC_SIGN_ALGO       how the broker signs the ID token (default RS256, keys from its JWKS)

The authorization code flow with state, nonce and PKCE; the ID token is checked for its signature,
issuer, audience, expiry and nonce; claims the ID token lacks are asked at the userinfo endpoint. The
portal only matches the verified BSN to a person."""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
from collections.abc import Mapping
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from koers.people.models import Person
from koers.people.validators import validate_bsn

logger = logging.getLogger(__name__)
SESSION_KEY = "portaal_oidc"
TIMEOUT = 10


class BrokerError(Exception):
    """The broker refused, answered nonsense, or its token does not hold."""


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


def broker() -> dict:
    response = requests.get(setting("DISCOVERY_URL"), timeout=TIMEOUT)
    response.raise_for_status()
    return response.json()


def callback_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("portaal:digid_callback"))


def challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).decode().rstrip("=")


def start(request: HttpRequest) -> HttpResponse:
    if not is_configured():
        raise Http404
    pending = {key: secrets.token_urlsafe(32) for key in ("state", "nonce", "verifier")}
    request.session[SESSION_KEY] = pending
    query = urlencode({
        "response_type": "code", "client_id": setting("CLIENT_ID"), "redirect_uri": callback_url(request),
        "scope": setting("SCOPE", "openid"), "state": pending["state"], "nonce": pending["nonce"],
        "code_challenge": challenge(pending["verifier"]), "code_challenge_method": "S256",
    })
    return redirect(f"{broker()['authorization_endpoint']}?{query}")


def signing_key(config: dict, id_token: str):
    algorithm = setting("SIGN_ALGO", "RS256")
    if algorithm.startswith("HS"):
        return setting("CLIENT_SECRET"), algorithm
    keys = jwt.PyJWKClient(config["jwks_uri"], timeout=TIMEOUT)
    return keys.get_signing_key_from_jwt(id_token).key, algorithm


def verified_claims(config: dict, token: dict, nonce: str) -> dict:
    id_token = token.get("id_token") or ""
    key, algorithm = signing_key(config, id_token)
    claims = jwt.decode(id_token, key, algorithms=[algorithm], audience=setting("CLIENT_ID"),
                        issuer=config["issuer"], options={"require": ["exp", "iat", "iss", "aud", "sub"]})
    if claims.get("nonce") != nonce:
        raise BrokerError("nonce")
    if setting("BSN_CLAIM", "bsn") not in claims and config.get("userinfo_endpoint"):
        response = requests.get(config["userinfo_endpoint"], timeout=TIMEOUT,
                                headers={"Authorization": f"Bearer {token.get('access_token', '')}"})
        response.raise_for_status()
        userinfo = response.json()
        if userinfo.get("sub") != claims["sub"]:
            raise BrokerError("userinfo of another subject")
        claims = userinfo | claims
    return claims


def exchange(request: HttpRequest, pending: dict) -> dict:
    config = broker()
    response = requests.post(config["token_endpoint"], timeout=TIMEOUT, data={
        "grant_type": "authorization_code", "code": request.GET.get("code", ""),
        "redirect_uri": callback_url(request), "client_id": setting("CLIENT_ID"),
        "client_secret": setting("CLIENT_SECRET"), "code_verifier": pending["verifier"],
    })
    response.raise_for_status()
    return verified_claims(config, response.json(), pending["nonce"])


def finish(request: HttpRequest) -> Person | None:
    """The person whose BSN the broker vouched for, or None (refused, broken off, tampered with, or
    no dossier)."""
    if not is_configured():
        raise Http404
    pending = request.session.pop(SESSION_KEY, None)
    if not pending or not request.GET.get("code") or request.GET.get("state") != pending["state"]:
        return None
    try:
        claims = exchange(request, pending)
    except (requests.RequestException, ValueError, KeyError, jwt.PyJWTError, BrokerError) as error:
        logger.warning("DigiD-inlog via de broker mislukt: %s", error)
        return None
    return person_for_claims(claims)
