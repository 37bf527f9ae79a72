"""On PostgreSQL the facts tables are vacuumed after a small share of changed rows, so that the figures
keep reading their covering indexes without visiting the tables during the day (migration 0005)."""

import pytest
from django.db import connection

from koers.monitoring.models import AssignmentFacts, EventFacts, HoursFacts, PersonFacts

pytestmark = pytest.mark.django_db


def storage_settings(table: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = %s", [table])
        options = cursor.fetchone()[0] or []
    return dict(option.split("=", 1) for option in options)


@pytest.mark.parametrize("model", [PersonFacts, EventFacts, HoursFacts, AssignmentFacts])
def test_autovacuum_comes_after_half_a_percent_of_the_rows_changed(model):
    if connection.vendor != "postgresql":
        pytest.skip("autovacuum is PostgreSQL's")
    settings = storage_settings(model._meta.db_table)
    assert settings["autovacuum_vacuum_scale_factor"] == "0.005"
    assert settings["autovacuum_vacuum_insert_scale_factor"] == "0.005"
    assert settings["autovacuum_vacuum_threshold"] == "1000"


def test_other_tables_keep_postgresqls_defaults():
    if connection.vendor != "postgresql":
        pytest.skip("autovacuum is PostgreSQL's")
    assert storage_settings("people_person") == {}
