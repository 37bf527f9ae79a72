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


def test_over_everyone_the_endings_read_fewer_arrangements_and_find_the_same_ones(tenants):
    """The ending source reads, over everyone, only arrangements whose end may fall within six weeks
    (``_may_end_soon``): the endings found are those of reading each dossier's own arrangement, for
    starts on every other week over two years, with and without extensions and early ends."""
    from koers.ontzorgen.deadlines import _may_end_soon, compute_endings

    from ..factories import PersonFactory

    persons = []
    for week in range(0, 104, 2):
        person = PersonFactory(municipality=tenants.a.municipality)
        start = dt.date(2025, 1, 6) + dt.timedelta(weeks=week)
        ended_on = start + dt.timedelta(days=150) if week % 6 == 0 else None
        arrangement = ArrangementFactory(household=person.household, start=start, ended_on=ended_on)
        extend(arrangement, *([3] * (week % 3)), by=tenants.a.consultant)
        persons.append(person.pk)
    ended_early = PersonFactory(municipality=tenants.a.municipality)
    ArrangementFactory(household=ended_early.household, start=dt.date(2026, 10, 1),
                       ended_on=dt.date(2026, 12, 15))
    persons.append(ended_early.pk)
    over_everyone = {(d.person_id, d.due) for d in compute_endings(None, TODAY)}
    per_dossier = {(d.person_id, d.due) for d in compute_endings(persons, TODAY)}
    assert over_everyone == per_dossier and len(over_everyone) >= 3
    assert (ended_early.pk, dt.date(2026, 12, 14)) in over_everyone
    read = _arrangements(None, TODAY, _may_end_soon)
    assert len(read) < len(_arrangements(None, TODAY)) < len(persons)
