"""Hand-written SQL: names quoted for the database in use, and queries planned for their own values."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, models, transaction


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def table(model: type[models.Model]) -> str:
    return quote(model._meta.db_table)


def columns(*names: str) -> str:
    return ", ".join(quote(name) for name in names)


@contextmanager
def planned_per_call() -> Iterator[None]:
    """Queries inside are planned for their own values, also when prepared (``KOERS_DB_PREPARED``):
    for a query whose best plan depends on them, such as a name search (a rare name is found through
    the trigram index, a common one faster along the list's order) or a figure over a chosen period.
    One read transaction, on PostgreSQL with ``plan_cache_mode`` set for it alone."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL plan_cache_mode = force_custom_plan")
        yield
