"""The first bulk recompute into an empty signals table loads the signals directly (PostgreSQL) and
ends with exactly the signals, indexes and foreign keys the merge gives."""

from __future__ import annotations

import pytest
from django.db import connection

from koers.signals import engine
from koers.signals.models import Signal

from ..inburgering.route_factories import CurrentPipFactory, PlichtFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="the bulk load is PostgreSQL's COPY path"),
]

FIELDS = ("person_id", "municipality_id", "kind", "reference", "due", "category", "detail", "status",
          "snoozed_until", "snooze_reason", "resolved_reason", "first_seen", "last_computed", "closed_at")


def signals() -> list[tuple]:
    return sorted(Signal.objects.values_list(*FIELDS))


def table_shape() -> tuple[list, list]:
    """The names of the secondary indexes (PostgreSQL rewrites the text of a recreated partial
    index's condition) and the foreign keys in full."""
    with connection.cursor() as cursor:
        return ([name for name, _definition in engine._secondary_indexes(cursor, Signal._meta.db_table)],
                engine._foreign_keys(cursor, Signal._meta.db_table))


@pytest.fixture
def dossiers(tenants):
    for tenant in (tenants.a, tenants.b):
        for person in (tenant.person, tenant.other_person):
            PlichtFactory(person=person)
        CurrentPipFactory(person=tenant.person)
    return tenants


def test_the_first_bulk_run_loads_the_same_signals_as_the_merge(dossiers):
    shape = table_shape()
    first = engine.recompute()
    loaded = signals()
    Signal.objects.all().delete()

    merged = engine._recompute_pass(None, allow_bulk_load=False)

    assert loaded and loaded == signals()
    assert first.created == merged.created == len(loaded)
    assert table_shape() == shape


def test_the_bulk_load_keeps_the_unique_live_signal_per_key(dossiers):
    engine.recompute()
    duplicate = Signal.objects.first()
    duplicate.pk = None

    with pytest.raises(Exception, match="signal_one_live_per_key"):
        duplicate.save()


def test_a_table_with_history_is_merged_not_loaded(dossiers):
    engine.recompute()
    Signal.objects.update(status="afgehandeld")
    kept = signals()

    outcome = engine.recompute()

    assert outcome.created == 0
    assert signals() == kept
