"""Two workers summing the same day at once (a nightly job taken over after its lease ran out) leave
that day's reads summed once: the second waits for the first and replaces its sums."""

import datetime as dt
import threading

import pytest
from django.db import connection

from koers.audit import rollup
from koers.audit.models import ReadsPerHour, RolledUpDay
from koers.lib import clock
from tests.factories import PersonFactory

from .entries import read

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers: run on PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]

DAY = dt.date(2026, 11, 20)


def test_two_runs_of_one_day_at_once_sum_its_reads_once(tenants):
    persons = PersonFactory.create_batch(30, municipality=tenants.a.municipality)
    zone = clock.now().tzinfo
    for hour in range(8, 18):
        read(tenants.a.consultant, persons, at=dt.datetime.combine(DAY, dt.time(hour), tzinfo=zone))
    expected = rollup.allowed_reads().filter(**clock.on_days("at", DAY, DAY)).count()
    start = threading.Barrier(2)
    raised: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            rollup.roll_up_day(DAY)
        except BaseException as error:  # reported to the test thread
            raised.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert raised == []
    assert sum(ReadsPerHour.objects.filter(day=DAY).values_list("reads", flat=True)) == expected == 300
    assert RolledUpDay.objects.get(day=DAY).entries == expected
