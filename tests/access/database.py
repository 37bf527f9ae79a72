"""The contents of the database, to prove that a refused request changed nothing.

The audit log is left out (a refusal is logged, by design), and so are the sessions and the record
of failed logins, which a refused request may write as well."""

from __future__ import annotations

import functools
import hashlib

from django.apps import apps
from django.db import connection, models

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


@functools.cache
def _reads(vendor: str) -> tuple[tuple[str, str, tuple], ...]:
    """Per model, the query for all its values in primary key order, compiled once (compiling a
    query costs far more than running it on a test database, and the state is read many times)."""
    reads = []
    for model in stored_models():
        fields = [f.attname for f in model._meta.concrete_fields]
        sql, params = model._base_manager.order_by("pk").values_list(*fields).query.sql_with_params()
        reads.append((model._meta.label, sql, params))
    return tuple(reads)


def database_state() -> dict[str, str]:
    """Per model: the number of rows and a digest of every value, ordered by primary key."""
    state = {}
    with connection.cursor() as cursor:
        for label, sql, params in _reads(connection.vendor):
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            state[label] = f"{len(rows)}:{hashlib.sha256(repr(rows).encode()).hexdigest()}"
    return state


def changed_between(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(label for label in before.keys() | after.keys() if before.get(label) != after.get(label))
