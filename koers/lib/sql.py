"""Names in hand-written SQL, quoted for the database in use."""

from __future__ import annotations

from django.db import connection, models


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def table(model: type[models.Model]) -> str:
    return quote(model._meta.db_table)


def columns(*names: str) -> str:
    return ", ".join(quote(name) for name in names)
