"""Security headers that Django's SecurityMiddleware does not set, and the session timeouts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from koers.lib import clock
from koers.lib.sessions import touch

from .login import LAST_SEEN, LOGIN_AT

# No inline script or style anywhere: htmx is told not to inject its indicator styles (see the
# htmx-config meta tag in base.html). Inline SVG images (QR code, charts) are markup, not script.
CSP_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
CONTENT_SECURITY_POLICY = "; ".join(f"{name} {value}" for name, value in CSP_DIRECTIVES.items())
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
    )
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


def session_expired(session, now: dt.datetime) -> bool:
    """Idle longer than SESSION_COOKIE_AGE, or logged in longer than the absolute limit."""
    login_at = session.get(LOGIN_AT)
    last_seen = session.get(LAST_SEEN)
    if login_at is None or last_seen is None:
        return False
    idle = now - dt.datetime.fromisoformat(last_seen)
    age = now - dt.datetime.fromisoformat(login_at)
    return idle > dt.timedelta(seconds=settings.SESSION_COOKIE_AGE) or age > dt.timedelta(
        seconds=settings.KOERS_SESSION_ABSOLUTE_SECONDS
    )


class SessionTimeoutMiddleware:
    """Ends a session that was idle too long or has lasted too long, on the Koers clock; the request
    then goes on as an anonymous one (a screen sends it to the login, the API answers 401/403)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and hasattr(request, "session"):
            now = clock.now()
            if session_expired(request.session, now):
                logout(request)
                messages.info(request, _("Je sessie is verlopen. Meld je opnieuw aan."))
            else:
                touch(request.session, LAST_SEEN, now)
        return self.get_response(request)
