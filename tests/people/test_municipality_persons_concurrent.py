"""Dossiers added, moved and removed by several writers at once are each counted once, and no writer
waits for another's count: the triggers only append (PostgreSQL, where writers do not wait for the
whole database). Half the writers go through the municipalities in the other order: with a count
per municipality that writers update, that order deadlocks."""

import threading

import pytest
from django.db import connection, transaction

from koers.people.models import Person
from koers.people.totals import compact
from tests.factories import PersonFactory

from .conftest import counted, kept

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: run on PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def test_four_writers_adding_moving_and_removing_at_once_leave_the_counts_exact(tenants):
    places = [tenants.a.municipality, tenants.b.municipality]
    start = threading.Barrier(4)
    raised: list[BaseException] = []

    def write(number: int) -> None:
        try:
            start.wait()
            for round_ in range(10):
                with transaction.atomic():
                    for place in places if number % 2 else reversed(places):
                        Person.objects.bulk_create(PersonFactory.build_batch(2, municipality=place))
                    if round_ % 3 == 0:
                        bare = Person.objects.filter(municipality=places[number % 2], consultant__isnull=True,
                                                     household_membership__isnull=True)
                        Person.objects.filter(pk__in=bare.values("pk")[:1]).delete()
                    if round_ % 4 == 1:
                        moving = Person.objects.filter(municipality=places[number % 2]).order_by("-pk")[:1]
                        Person.objects.filter(pk__in=list(moving.values_list("pk", flat=True))).update(
                            municipality=places[(number + 1) % 2]
                        )
                    if number == 0 and round_ % 4 == 0:
                        compact()
        except BaseException as error:  # reported to the test thread
            raised.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(number,)) for number in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert raised == []
    assert kept() == counted()
    assert sum(counted().values()) > 4 + 4 * 10 * 4 - 4 * 4 * 2
