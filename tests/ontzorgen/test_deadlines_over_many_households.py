"""Over everyone, the ontzorgen deadlines read the arrangements, their extensions and withheld items and
the households' members in lists of at most ``IN_LIST_SIZE``: a list of every one in the country passed
PostgreSQL's 65,535 parameters per statement and stopped ``koers signals recompute`` at a million dossiers."""

import datetime as dt

from django.db import connection

from koers.lib import sql
from koers.ontzorgen.deadlines import _arrangements, compute
from koers.ontzorgen.models import Arrangement, Extension

from ..factories import PersonFactory
from .factories import ArrangementFactory, WithheldItemFactory

TODAY = dt.date(2026, 11, 25)


def deadlines() -> set[tuple[str, int, dt.date, str]]:
    return {(d.kind, d.person_id, d.due, d.reference) for d in compute(None, TODAY)}


def households(tenant, count: int) -> None:
    """``count`` households of the tenant's municipality, ontzorgd with fixed costs, one in three extended."""
    for number in range(count):
        person = PersonFactory(municipality=tenant.municipality)
        arrangement = ArrangementFactory(household=person.household, start=dt.date(2026, 6, 1))
        WithheldItemFactory(arrangement=arrangement)
        if number % 3 == 0:
            Extension.objects.create(
                arrangement=arrangement, months=2, reason="Schulden", approved_by=tenant.consultant
            )


def test_deadlines_read_in_small_lists_equal_those_read_at_once(tenants, monkeypatch):
    households(tenants.a, 7)
    households(tenants.b, 4)
    at_once = deadlines()
    assert {kind for kind, *_ in at_once} >= {"ontzorgen.einde", "ontzorgen.te_laat"}
    listed: dict[str, list[int]] = {}

    def counted(execute, statement, params, many, context):
        table = statement.split('"')[1]  # the first column's table: the one read
        listed.setdefault(table, []).append(len(params or ()))
        return execute(statement, params, many, context)

    monkeypatch.setattr(sql, "IN_LIST_SIZE", 2)
    with connection.execute_wrapper(counted):
        assert deadlines() == at_once
    for table in ("ontzorgen_extension", "ontzorgen_withhelditem", "people_householdmember"):
        assert len(listed[table]) > 2 and max(listed[table]) <= 2, table


def test_over_everyone_each_arrangements_end_is_read_without_a_query_of_its_own(
    tenants, django_assert_max_num_queries
):
    households(tenants.a, 9)
    with django_assert_max_num_queries(3):
        arrangements = _arrangements(None, TODAY)
        ends = [arrangement.end for arrangement in arrangements]
    assert len(arrangements) == 9
    assert ends == [Arrangement.objects.get(pk=arrangement.pk).end for arrangement in arrangements]
    assert len(set(ends)) == 2
