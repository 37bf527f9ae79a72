"""Audit entries as the screens write them, for the tests of the log's own screens."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from koers.audit.log import record
from koers.audit.models import Action, AuditEntry, Channel, Outcome
from koers.lib import clock


def read(
    user,
    persons: Iterable,
    *,
    at: dt.date | dt.datetime | None = None,
    purpose: str = "Scherm: dossier inzien",
    categories: Iterable[str] = ("identiteit", "contact"),
) -> list[AuditEntry]:
    with clock.frozen(at or clock.now()):
        return record(
            user=user, action=Action.READ, persons=persons, categories=categories, purpose=purpose, channel=Channel.UI
        )


def refused_attempt(user, person) -> list[AuditEntry]:
    return record(
        user=user, action=Action.READ, person_id=person.pk, purpose="Scherm: dossier inzien", channel=Channel.UI,
        outcome=Outcome.REFUSED,
    )
