"""Refreshes of the facts after changes to different dossiers run side by side; two refreshes of one
person, or a refresh beside the rebuild of a range of persons, take turns (PostgreSQL's locks)."""

import threading

import pytest
from django.db import OperationalError, connection, transaction

from koers.monitoring.facts import LOCKED_ONE_BY_ONE, Scope, lock_for, refresh, refresh_scope
from koers.monitoring.models import PersonFacts
from tests.factories import PersonFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="locks: run with DATABASE_URL on PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

WAIT = "300ms"


def in_another_connection(work) -> BaseException | None:
    """Run ``work`` in a thread of its own (its own connection), which gives up on a lock after
    ``WAIT``; answers what it raised, if anything."""
    raised: list[BaseException] = []

    def run() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"SET lock_timeout = '{WAIT}'")
            work()
        except BaseException as error:  # reported to the test thread
            raised.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return raised[0] if raised else None


def test_a_refresh_does_not_wait_for_the_refresh_of_another_person(tenants):
    other = PersonFactory(municipality=tenants.b.municipality)
    with transaction.atomic():
        lock_for(Scope(person_ids=(tenants.a.person.pk,)))
        assert in_another_connection(lambda: refresh([other.pk])) is None
    assert PersonFacts.objects.filter(person_id=other.pk).exists()


def test_a_refresh_waits_for_the_refresh_of_the_same_person(tenants):
    with transaction.atomic():
        lock_for(Scope(person_ids=(tenants.a.person.pk,)))
        waited = in_another_connection(lambda: refresh([tenants.a.person.pk]))
    assert isinstance(waited, OperationalError) and "lock timeout" in str(waited)
    assert in_another_connection(lambda: refresh([tenants.a.person.pk])) is None


def test_the_rebuild_of_a_range_waits_for_a_refresh_and_a_refresh_for_the_rebuild(tenants):
    everyone = Scope(id_range=(1, 2**62))
    with transaction.atomic():
        lock_for(Scope(person_ids=(tenants.a.person.pk,)))
        waited = in_another_connection(lambda: refresh_scope(everyone))
    assert isinstance(waited, OperationalError)
    with transaction.atomic():
        lock_for(everyone)
        waited = in_another_connection(lambda: refresh([tenants.b.person.pk]))
    assert isinstance(waited, OperationalError)


def test_many_persons_at_once_lock_the_tables_as_a_range_does(tenants):
    many = Scope(person_ids=tuple(range(1, LOCKED_ONE_BY_ONE + 2)))
    with transaction.atomic():
        lock_for(many)
        waited = in_another_connection(lambda: refresh([tenants.b.person.pk]))
    assert isinstance(waited, OperationalError)


def test_refreshes_at_the_same_moment_leave_each_persons_facts_once(tenants):
    persons = [PersonFactory(municipality=tenants.a.municipality) for _ in range(6)]
    shared = tenants.a.person.pk
    start = threading.Barrier(len(persons))
    errors: list[BaseException] = []

    def refresh_with_the_shared_person(person_id: int) -> None:
        try:
            start.wait()
            for _ in range(3):
                refresh([person_id, shared])
        except BaseException as error:  # reported to the test thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=refresh_with_the_shared_person, args=(p.pk,)) for p in persons]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    ids = [p.pk for p in persons] + [shared]
    assert sorted(PersonFacts.objects.filter(person_id__in=ids).values_list("person_id", flat=True)) == sorted(ids)
