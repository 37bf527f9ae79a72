"""Queries whose best plan depends on their values are planned per call, also when prepared: a name
search (a rare name through the trigram index, a common one along the list's order) and the figures."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.lib.sql import planned_per_call

pytestmark = pytest.mark.django_db

SET = "SET LOCAL plan_cache_mode = force_custom_plan"


def plan_cache_mode() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_inside_the_block_postgresql_plans_for_the_values_and_after_it_as_before():
    if connection.vendor != "postgresql":
        pytest.skip("plan_cache_mode is PostgreSQL's")
    before = plan_cache_mode()
    with planned_per_call():
        assert plan_cache_mode() == "force_custom_plan"
    assert plan_cache_mode() == before


def test_on_sqlite_it_is_only_a_transaction():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite has no plan cache to set")
    with CaptureQueriesContext(connection) as queries, planned_per_call():
        assert connection.in_atomic_block
    assert not any("plan_cache_mode" in q["sql"] for q in queries)


def test_a_name_search_on_the_caseload_is_planned_for_its_name(tenants, client_as):
    with CaptureQueriesContext(connection) as queries:
        page = client_as(tenants.a.consultant).get("/personen/", {"q": tenants.a.person.family_name})
    assert tenants.a.person.full_name in page.content.decode()
    sqls = [q["sql"] for q in queries]
    search = next(i for i, sql in enumerate(sqls) if "total_found" in sql)
    assert (SET in sqls[search - 1]) == (connection.vendor == "postgresql")

