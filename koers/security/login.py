"""The steps of a login: password (or single sign-on), then the second factor when the user has one
or the policy demands one, then the session. Until the last step the user is not logged in; the
session only holds who is half-way, for a few minutes."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest

from koers.access.models import User
from koers.audit.log import record
from koers.audit.models import Action, Channel, Outcome
from koers.lib import clock

from . import lockout, totp
from .policy import two_factor_required

PENDING_USER = "security_pending_user"
PENDING_BACKEND = "security_pending_backend"
PENDING_SINCE = "security_pending_since"
PENDING_NEXT = "security_pending_next"
LOGIN_AT = "security_login_at"
LAST_SEEN = "security_last_seen"
NEW_RECOVERY_CODES = "security_new_recovery_codes"
PENDING_SECONDS = 5 * 60

# The audit log has no action of its own for logging in; a login creates a session.
LOGIN_ACTION = Action.CREATE


class NextStep:
    DONE = "done"
    VERIFY = "verify"
    ENROL = "enrol"


def audit_login(
    request: HttpRequest,
    *,
    user: User | None,
    username: str,
    outcome: Outcome,
    purpose: str,
    detail: str = "",
) -> None:
    """One audit entry for a login step, successful or not, with the username that was tried."""
    text = f"gebruikersnaam: {username}" + (f"; {detail}" if detail else "")
    record(
        user=user,
        action=LOGIN_ACTION,
        purpose=purpose,
        channel=Channel.UI,
        request=request,
        outcome=outcome,
        detail=text,
        aggregate=True,
    )


def begin_second_step(request: HttpRequest, user: User, next_url: str) -> str:
    """After the first factor: log in at once, or remember the user as half-way and say which step
    comes next (a code, or setting up an authenticator app because the policy demands it)."""
    if totp.confirmed_device(user) is None and not two_factor_required(user):
        complete_login(request, user, user.backend)
        return NextStep.DONE
    request.session.cycle_key()
    request.session[PENDING_USER] = user.pk
    request.session[PENDING_BACKEND] = user.backend
    request.session[PENDING_SINCE] = clock.now().isoformat()
    request.session[PENDING_NEXT] = next_url
    return NextStep.VERIFY if totp.confirmed_device(user) else NextStep.ENROL


def pending_user(request: HttpRequest) -> User | None:
    """The half-way user, if the first step was taken less than a few minutes ago."""
    pk = request.session.get(PENDING_USER)
    since = request.session.get(PENDING_SINCE)
    if pk is None or since is None:
        return None
    if clock.now() - dt.datetime.fromisoformat(since) > dt.timedelta(seconds=PENDING_SECONDS):
        forget_pending(request)
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def pending_next(request: HttpRequest) -> str:
    return request.session.get(PENDING_NEXT) or ""


def forget_pending(request: HttpRequest) -> None:
    for key in (PENDING_USER, PENDING_BACKEND, PENDING_SINCE, PENDING_NEXT):
        request.session.pop(key, None)


def complete_login(request: HttpRequest, user: User, backend: str | None = None) -> None:
    backend = backend or request.session.get(PENDING_BACKEND) or settings.AUTHENTICATION_BACKENDS[0]
    forget_pending(request)
    login(request, user, backend=backend)
    lockout.forget_failures(user.username)
    audit_login(request, user=user, username=user.username, outcome=Outcome.ALLOWED, purpose="Aanmelden")


def start_session_clock_on_login(sender, request: HttpRequest | None, user: User, **kwargs) -> None:
    """On every login (whichever way), mark when the session began, for the session timeouts."""
    if request is None or not hasattr(request, "session"):
        return
    now = clock.now().isoformat()
    request.session[LOGIN_AT] = now
    request.session[LAST_SEEN] = now


def register_failure(request: HttpRequest, *, username: str, user: User | None, purpose: str) -> bool:
    """Count and log a failed attempt; log the lockout it starts. True when now locked out."""
    ip_address = request.META.get("REMOTE_ADDR") or None
    audit_login(request, user=user, username=username, outcome=Outcome.REFUSED, purpose=purpose)
    started = lockout.register_failure(username, ip_address)
    for lock in started:
        audit_login(
            request,
            user=user,
            username=username,
            outcome=Outcome.REFUSED,
            purpose="Blokkade na mislukte aanmeldingen",
            detail=f"{lock.get_kind_display()} {lock.key} geblokkeerd tot {lock.until.isoformat()}",
        )
    return bool(started)


def locked_until(request: HttpRequest, username: str) -> dt.datetime | None:
    return lockout.locked_until(username, request.META.get("REMOTE_ADDR") or None)
