"""The contents of the database, to prove that a refused request changed nothing.

The audit log is left out (a refusal is logged, by design), and so are the sessions and the record
of failed logins, which a refused request may write as well."""

from __future__ import annotations

import hashlib

from django.apps import apps
from django.db import models

WRITTEN_BY_REFUSALS = frozenset(
    {
        "audit.AuditEntry",
        "audit.ChainHead",
        "sessions.Session",
        "security.LoginFailure",
        "security.LoginLockout",
    }
)


def stored_models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models()
        if m._meta.managed and not m._meta.proxy and m._meta.label not in WRITTEN_BY_REFUSALS
    ]


def database_state() -> dict[str, str]:
    """Per model: the number of rows and a digest of every value, ordered by primary key."""
    state = {}
    for model in stored_models():
        fields = [f.attname for f in model._meta.concrete_fields]
        rows = list(model._base_manager.order_by("pk").values_list(*fields))
        state[model._meta.label] = f"{len(rows)}:{hashlib.sha256(repr(rows).encode()).hexdigest()}"
    return state


def changed_between(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(label for label in before.keys() | after.keys() if before.get(label) != after.get(label))
