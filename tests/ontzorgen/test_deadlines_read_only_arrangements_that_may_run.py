"""Over everyone, the ontzorgen deadlines read only the arrangements that can still run in the months
they look at (the late payments look back to the first of last month): after years of ontzorgen most
arrangements ended long ago."""

import datetime as dt

from koers.ontzorgen.deadlines import ENDING, _arrangements, compute
from koers.ontzorgen.models import Extension

from ..factories import HouseholdFactory
from .factories import ArrangementFactory

TODAY = dt.date(2026, 11, 25)


def extend(arrangement, *months: int, by) -> None:
    for count in months:
        Extension.objects.create(arrangement=arrangement, months=count, reason="Schulden", approved_by=by)


def test_an_arrangement_extended_for_a_year_is_still_read_and_signalled(tenants):
    arrangement = ArrangementFactory(household=tenants.a.person.household, start=dt.date(2025, 7, 1))
    extend(arrangement, 6, 6, by=tenants.a.consultant)
    assert arrangement.end == dt.date(2027, 1, 1)
    assert arrangement in _arrangements(None, TODAY)
    assert (ENDING, tenants.a.person.pk, dt.date(2026, 12, 31)) in {
        (d.kind, d.person_id, d.due) for d in compute(None, TODAY)
    }


def test_one_still_running_on_the_first_of_last_month_is_read(tenants):
    running_then = ArrangementFactory(household=tenants.a.person.household, start=dt.date(2026, 4, 5))
    assert running_then.end > dt.date(2026, 10, 1)
    assert running_then in _arrangements(None, TODAY)


def test_one_that_ended_before_last_month_is_not_read_over_everyone_but_is_for_its_person(tenants):
    ended = ArrangementFactory(household=tenants.a.person.household, start=dt.date(2025, 10, 1))
    extend(ended, 3, by=tenants.a.consultant)
    assert ended.end <= dt.date(2026, 10, 1)
    ArrangementFactory(household=HouseholdFactory(municipality=tenants.a.municipality), start=dt.date(2025, 1, 1))
    assert _arrangements(None, TODAY) == []
    assert _arrangements([tenants.a.person.pk], TODAY) == [ended]
