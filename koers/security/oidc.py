"""Single sign-on with the municipality's OpenID Connect provider (mozilla-django-oidc).

The provider only says who someone is: one claim (KOERS_OIDC_CLAIM) is matched to one field of an
existing, active account (KOERS_OIDC_USER_FIELD: username or email). No account or role is ever
created from claims. After the provider, the same second step applies as after a password."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from koers.access.models import User
from koers.audit.models import Outcome

from . import login as steps
from .redirects import next_step_response

BACKEND = "koers.security.oidc.ClaimMatchingBackend"
USER_FIELDS = {"username", "email"}


def oidc_enabled() -> bool:
    return BACKEND in settings.AUTHENTICATION_BACKENDS


def user_field() -> str:
    field = settings.KOERS_OIDC_USER_FIELD
    if field not in USER_FIELDS:
        raise ImproperlyConfigured(f"KOERS_OIDC_USER_FIELD must be one of {', '.join(sorted(USER_FIELDS))}.")
    return field


class ClaimMatchingBackend(OIDCAuthenticationBackend):
    def verify_token(self, token: str, **kwargs) -> dict:
        """The library checks signature and nonce; the ID token must also be meant for Koers."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("The ID token is meant for another client.")
        return payload

    def verify_claims(self, claims: dict) -> bool:
        return bool(claims.get(settings.KOERS_OIDC_CLAIM))

    def filter_users_by_claims(self, claims: dict):
        value = claims.get(settings.KOERS_OIDC_CLAIM)
        if not value:
            return User.objects.none()
        return User.objects.filter(is_active=True, **{f"{user_field()}__iexact": value})

    def create_user(self, claims: dict) -> None:
        return None


class CallbackView(OIDCAuthenticationCallbackView):
    """The provider's answer: the user goes on to the second step, or back to the login page."""

    @property
    def failure_url(self) -> str:
        return reverse("login")

    def login_success(self) -> HttpResponse:
        next_url = self.request.session.get("oidc_login_next") or ""
        step = steps.begin_second_step(self.request, self.user, next_url)
        return next_step_response(self.request, step, next_url)

    def login_failure(self) -> HttpResponse:
        steps.audit_login(
            self.request,
            user=None,
            username="",
            outcome=Outcome.REFUSED,
            purpose="Aanmelden via de gemeente (OpenID Connect)",
            detail="geen bijpassend account of antwoord van de aanbieder geweigerd",
        )
        messages.error(
            self.request, _("Aanmelden via de gemeente is niet gelukt. Vraag je beheerder om hulp.")
        )
        return super().login_failure()


def start(request: HttpRequest) -> HttpResponse:
    """Off to the provider; there is no such page when single sign-on is not configured."""
    if not oidc_enabled():
        raise Http404
    return OIDCAuthenticationRequestView.as_view()(request)


def callback(request: HttpRequest) -> HttpResponse:
    if not oidc_enabled():
        raise Http404
    return CallbackView.as_view()(request)
