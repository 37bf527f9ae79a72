"""Lockout after failed logins: per username and per IP address, measured on the Koers clock."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q

from koers.lib import clock

from .models import LockKind, LoginFailure, LoginLockout


def normalise(username: str) -> str:
    return username.strip().lower()[:150]


def keys_of(username: str, ip_address: str | None) -> list[tuple[str, str]]:
    keys = [(LockKind.USERNAME, normalise(username))]
    if ip_address:
        keys.append((LockKind.IP_ADDRESS, ip_address))
    return keys


def locked_until(username: str, ip_address: str | None) -> dt.datetime | None:
    """The end of the latest lockout on this username or address that is still running."""
    condition = Q()
    for kind, key in keys_of(username, ip_address):
        condition |= Q(kind=kind, key=key)
    lock = LoginLockout.objects.filter(condition, until__gt=clock.now()).order_by("-until").first()
    return lock.until if lock else None


def failures_since(kind: str, key: str, since: dt.datetime) -> int:
    field = "username" if kind == LockKind.USERNAME else "ip_address"
    return LoginFailure.objects.filter(**{field: key, "at__gt": since}).count()


def counting_from(kind: str, key: str, now: dt.datetime) -> dt.datetime:
    """Failures count within the window, and never from before the end of the previous lockout."""
    window_start = now - dt.timedelta(seconds=settings.KOERS_LOGIN_FAILURE_WINDOW_SECONDS)
    previous = LoginLockout.objects.filter(kind=kind, key=key, until__lte=now).order_by("-until").first()
    return max(window_start, previous.until) if previous else window_start


def register_failure(username: str, ip_address: str | None) -> list[LoginLockout]:
    """Count one failed attempt; returns the lockouts it started (none, or per username and/or IP)."""
    now = clock.now()
    LoginFailure.objects.create(username=normalise(username), ip_address=ip_address, at=now)
    started = []
    for kind, key in keys_of(username, ip_address):
        if failures_since(kind, key, counting_from(kind, key, now)) >= settings.KOERS_LOGIN_MAX_FAILURES:
            until = now + dt.timedelta(seconds=settings.KOERS_LOGIN_LOCKOUT_SECONDS)
            started.append(LoginLockout.objects.create(kind=kind, key=key, started_at=now, until=until))
    return started


def forget_failures(username: str) -> None:
    """After a successful login the username starts afresh; the address keeps its count."""
    LoginFailure.objects.filter(username=normalise(username)).delete()
