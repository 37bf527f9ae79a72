"""Queries whose best plan depends on their values are planned per call, also when prepared: a name
search (a rare name through the trigram index, a common one along the list's order) and the figures."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.lib.sql import planned_per_call
from koers.people.models import Person
from tests.prepared import prepared_statements

pytestmark = pytest.mark.django_db

NEEDS_POSTGRESQL = "prepared statements are PostgreSQL's"


def family_name_of(pk: int) -> str:
    return Person.objects.filter(pk=pk).values_list("family_name", flat=True).get()


def reads_family_name(statement: str) -> bool:
    return '"people_person"."family_name"' in statement


def test_inside_the_block_a_repeated_query_is_not_prepared(tenants):
    if connection.vendor != "postgresql":
        pytest.skip(NEEDS_POSTGRESQL)
    with planned_per_call():
        for _ in range(8):
            assert family_name_of(tenants.a.person.pk) == tenants.a.person.family_name
    assert not any(reads_family_name(statement) for statement in prepared_statements())


def test_after_the_block_the_connection_prepares_again(tenants):
    if connection.vendor != "postgresql":
        pytest.skip(NEEDS_POSTGRESQL)
    with planned_per_call():
        family_name_of(tenants.a.person.pk)
    for _ in range(6):
        family_name_of(tenants.a.person.pk)
    assert any(reads_family_name(statement) for statement in prepared_statements())


def test_an_error_inside_the_block_leaves_the_connection_preparing_as_before():
    if connection.vendor != "postgresql":
        pytest.skip(NEEDS_POSTGRESQL)
    connection.ensure_connection()
    before = connection.connection.prepare_threshold
    with pytest.raises(ZeroDivisionError), planned_per_call():
        1 / 0
    assert connection.connection.prepare_threshold == before


def test_it_sends_no_statement_of_its_own():
    with CaptureQueriesContext(connection) as queries, planned_per_call():
        pass
    assert not queries


def test_a_name_search_on_the_caseload_is_not_prepared_however_often_it_is_asked(tenants, client_as):
    if connection.vendor != "postgresql":
        pytest.skip(NEEDS_POSTGRESQL)
    client = client_as(tenants.a.consultant)
    for _ in range(7):
        page = client.get("/personen/", {"q": tenants.a.person.family_name})
        assert tenants.a.person.full_name in page.content.decode()
    assert not any("total_found" in statement for statement in prepared_statements())
