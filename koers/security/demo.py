"""Two-factor policy for the demo: demo users log in with the printed password alone; each may still
set up an authenticator app from the "Beveiliging" page. Safe to run any number of times."""

from __future__ import annotations

from collections.abc import Iterable

from koers.access.models import Municipality

from .models import TwoFactorPolicy


def add_demo_security(municipalities: Iterable[Municipality]) -> int:
    """A policy that asks no role for a second factor, for each municipality; returns how many were set."""
    count = 0
    for municipality in municipalities:
        TwoFactorPolicy.objects.update_or_create(municipality=municipality, defaults={"required_roles": []})
        count += 1
    return count
