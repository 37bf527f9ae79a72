"""Data that all the tests of a module read, made once for the module instead of once per test.

``made_once(name, make)`` is a module-scoped fixture ``name`` (Django's ``TestCase.setUpTestData`` for pytest
functions): ``make()`` runs on the suite's fixed day inside a transaction that stays open while the
module's tests run and is rolled back after the last of them. Each test runs in a savepoint inside
it (pytest-django nests its transaction there), so every test starts from the same data and what a
test changes is gone before the next. Only for modules whose tests are not transactional (no
``live_server``, no ``transaction=True``); the tests still need the ``django_db`` mark (or ``db``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

import pytest
from django.db import transaction

from koers.lib import clock

from .conftest import TODAY

T = TypeVar("T")

_made: list[str] = []
"""The data made once that is there now: one at a time, or one would be made on top of the other."""


def made_once(name: str, make: Callable[[], T]) -> Callable[..., Iterator[T]]:
    @pytest.fixture(scope="module", name=name)
    def fixture(django_db_setup, django_db_blocker) -> Iterator[T]:
        if _made:
            raise RuntimeError(f"{name!r} asked for while {_made[0]!r} is there: a module uses one made_once dataset")
        _made.append(name)
        with django_db_blocker.unblock():
            kept = transaction.atomic()
            kept.__enter__()
            try:
                with clock.frozen(TODAY):
                    value = make()
            except BaseException:
                transaction.set_rollback(True)
                kept.__exit__(None, None, None)
                _made.remove(name)
                raise
        try:
            yield value
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                kept.__exit__(None, None, None)
            _made.remove(name)

    return fixture
