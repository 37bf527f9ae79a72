"""The refresh of one person's facts after a change sends the same statements whoever the person is,
selecting the person by equality: PostgreSQL then keeps one plan for them on a connection (on a million
dossiers it kept a generic plan after five refreshes), where over an array it planned every refresh."""

import pytest
from django.db import connection

from koers.monitoring.facts import Scope, refresh
from koers.monitoring.models import PersonFacts
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_one_person_is_selected_by_equality_and_several_by_a_list():
    assert Scope(person_ids=(7,)).where("person_id") == ("person_id = %s", [7])
    sql, params = Scope(person_ids=(7, 8)).where("person_id")
    assert sql != "person_id = %s" and "%s" in sql


def statements_of_refresh(person_id: int) -> list[str]:
    """The SQL sent, before parameters are bound (savepoints left out: they are numbered)."""
    sent = []

    def keep(execute, sql, params, many, context):
        sent.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        refresh([person_id])
    return [sql for sql in sent if "SAVEPOINT" not in sql]


def test_the_refresh_of_one_person_sends_the_same_statements_for_everyone(tenants):
    first = statements_of_refresh(tenants.a.person.pk)
    other = statements_of_refresh(PersonFactory(municipality=tenants.b.municipality).pk)
    assert first == other
    assert not any("ANY(" in sql for sql in first)


def test_the_refreshed_facts_are_those_of_the_person(tenants):
    person = tenants.a.person
    refresh([person.pk])
    facts = PersonFacts.objects.get(person_id=person.pk)
    assert (facts.municipality_id, facts.gender, facts.date_of_birth) == (
        person.municipality_id, person.gender, person.date_of_birth
    )
