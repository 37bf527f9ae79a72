"""Hand-written SQL: names quoted for the database in use, and queries planned for their own values."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

from django.db import connection, models

T = TypeVar("T")


def batches(values: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """``values`` in consecutive slices of at most ``size``."""
    for start in range(0, len(values), size):
        yield values[start:start + size]


IN_LIST_SIZE = 10_000
"""The most values one ``__in`` list names. PostgreSQL takes at most 65,535 parameters in one statement
and Django sends each value of a list as one: a query about every arrangement or household in the
country (``koers signals recompute``) names more."""


def in_lists(values: Iterable[T]) -> Iterator[Sequence[T]]:
    """``values`` in lists of at most ``IN_LIST_SIZE``, for one query each."""
    yield from batches(list(values), IN_LIST_SIZE)


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
    On PostgreSQL nothing inside is prepared (psycopg's ``prepare_threshold`` is off for the block):
    each query goes as an unnamed statement, which PostgreSQL plans with the values bound to it. No
    statement is sent for it, and the connection prepares as before after the block."""
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    driver = connection.connection
    threshold = driver.prepare_threshold
    driver.prepare_threshold = None
    try:
        yield
    finally:
        driver.prepare_threshold = threshold
