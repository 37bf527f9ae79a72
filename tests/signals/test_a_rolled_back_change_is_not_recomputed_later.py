"""The persons a transaction changed are recomputed when it commits; when it rolls back, they are
forgotten, and the next transaction in the same thread does not recompute them as its own changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from koers.signals import engine
from tests.factories import PersonFactory
from tests.inburgering.route_factories import PlichtFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_change_rolled_back_is_not_recomputed_with_the_next_commit(monkeypatch):
    first, second = PersonFactory(), PersonFactory()
    calls: list[list[int]] = []
    original = engine.recompute

    def spy(*args, **kwargs):
        calls.append(list(kwargs["person_ids"]))
        return original(*args, **kwargs)

    monkeypatch.setattr(engine, "recompute", spy)
    with transaction.atomic():
        PlichtFactory(person=first, leerroute_term_start=dt.date(2026, 10, 1))
        transaction.set_rollback(True)
    assert calls == []
    with transaction.atomic():
        PlichtFactory(person=second, leerroute_term_start=dt.date(2026, 10, 1))
    assert calls == [[second.pk]]
