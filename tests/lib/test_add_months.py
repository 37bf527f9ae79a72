import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from koers.lib.dates import add_months


def test_the_last_day_of_a_longer_month_becomes_the_last_day_of_a_shorter_one():
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2028, 2, 29), 12) == dt.date(2029, 2, 28)
    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)


def test_it_counts_back_over_the_turn_of_the_year():
    assert add_months(dt.date(2027, 1, 1), -1) == dt.date(2026, 12, 1)
    assert add_months(dt.date(2027, 3, 31), -13) == dt.date(2026, 2, 28)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 1)).map(lambda d: d.replace(day=1)),
       st.integers(min_value=-240, max_value=240))
def test_the_first_of_a_month_stays_the_first(month, count):
    moved = add_months(month, count)
    assert moved.day == 1
    assert (moved.year * 12 + moved.month) - (month.year * 12 + month.month) == count
