"""Age bands count completed years on the day the figures are made: a birthday on that day counts,
and someone born on 29 February turns a year older on 1 March in a common year."""

from __future__ import annotations

import datetime as dt

import pytest

from koers.lib import clock
from koers.monitoring.selection import Selection
from koers.people.models import Person

from ..factories import PersonFactory


def band_of(person: Person, today: dt.date) -> str:
    selection = Selection(frozenset({person.municipality_id}), today, today, today, "age_band")
    return selection.narrow(Person.objects.filter(pk=person.pk)).values_list("group", flat=True).get()


@pytest.mark.parametrize(
    ("born", "today", "band"),
    [
        (dt.date(1996, 11, 25), dt.date(2026, 11, 25), "30-44"),
        (dt.date(1996, 11, 26), dt.date(2026, 11, 25), "18-29"),
        (dt.date(1966, 11, 25), dt.date(2026, 11, 25), "60+"),
        (dt.date(2008, 11, 26), dt.date(2026, 11, 25), "0-17"),
        (dt.date(1996, 2, 29), dt.date(2026, 2, 28), "18-29"),
        (dt.date(1996, 2, 29), dt.date(2026, 3, 1), "30-44"),
        (dt.date(1996, 2, 29), dt.date(2024, 2, 29), "18-29"),
    ],
)
def test_the_age_band_follows_completed_years(db, born, today, band):
    person = PersonFactory(date_of_birth=born)
    with clock.frozen(today):
        assert band_of(person, clock.today()) == band
