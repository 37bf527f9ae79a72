"""Retention periods for the demo municipalities, so the anonymisation job and its report have
something to work with."""

from __future__ import annotations

from koers.access.models import Municipality

from .models import RetentionPolicy

DEMO_RETENTION_YEARS = 5


def add_demo_avg(municipality: Municipality) -> RetentionPolicy:
    policy, _ = RetentionPolicy.objects.get_or_create(
        municipality=municipality, defaults={"years_after_closing": DEMO_RETENTION_YEARS}
    )
    return policy
