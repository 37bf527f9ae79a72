"""On PostgreSQL the tables read through their indexes alone while they change during the day are
vacuumed after a small share of changed rows (``koers.lib.autovacuum``), so that the caseload's count and
the figures keep reading their indexes without visiting the tables."""

import pytest
from django.db import connection

from koers.lib.autovacuum import ROWS

pytestmark = pytest.mark.django_db

NEEDS_POSTGRESQL = "autovacuum is PostgreSQL's"


def storage_settings(table: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = %s", [table])
        options = cursor.fetchone()[0] or []
    return dict(option.split("=", 1) for option in options)


@pytest.mark.parametrize(
    ("table", "share"),
    [
        ("people_person", "0.002"),
        ("monitoring_personfacts", "0.005"),
        ("monitoring_eventfacts", "0.005"),
        ("monitoring_hoursfacts", "0.005"),
        ("monitoring_assignmentfacts", "0.005"),
    ],
)
def test_autovacuum_comes_after_a_small_share_of_the_rows_changed(table, share):
    if connection.vendor != "postgresql":
        pytest.skip(NEEDS_POSTGRESQL)
    assert storage_settings(table) == {
        "autovacuum_vacuum_scale_factor": share,
        "autovacuum_vacuum_threshold": str(ROWS),
        "autovacuum_vacuum_insert_scale_factor": share,
        "autovacuum_vacuum_insert_threshold": str(ROWS),
    }


def test_other_tables_keep_postgresqls_defaults():
    if connection.vendor != "postgresql":
        pytest.skip(NEEDS_POSTGRESQL)
    assert storage_settings("signals_signal") == {}
