"""Properties of the term arithmetic over any date of the coming centuries."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from koers.inburgering.terms import (
    algemeen_erkende_feestdagen,
    inburgeringstermijn_end,
    leerroute_deadline,
    objection_period_end,
    ontzorgen_end,
    term_warning_dates,
    within_two_months_of,
)

dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2200, 12, 31))
extensions = st.lists(
    st.builds(relativedelta, months=st.integers(0, 24), weeks=st.integers(0, 52), days=st.integers(0, 31)),
    max_size=3,
)


def _is_leap_day(day: dt.date) -> bool:
    return (day.month, day.day) == (2, 29)


@given(dates)
def test_the_term_ends_exactly_three_calendar_years_on(start):
    end = inburgeringstermijn_end(start)

    assert end > start
    if _is_leap_day(start):
        assert end == dt.date(start.year + 3, 3, 1)
    else:
        assert end == start.replace(year=start.year + 3)


@given(dates, extensions)
def test_extensions_never_shorten_the_term(start, granted):
    end = inburgeringstermijn_end(start)
    extended = inburgeringstermijn_end(start, extensions=granted)

    assert extended >= end
    assert extended - end >= sum((_shortest(extension) for extension in granted), dt.timedelta())


def _shortest(extension: relativedelta) -> dt.timedelta:
    """The least an extension can add: 28 days a month plus its days."""
    return dt.timedelta(days=28 * (12 * extension.years + extension.months) + extension.days)


@given(dates)
def test_ontzorgen_is_never_shorter_than_six_months(start):
    end = ontzorgen_end(start)

    assert (end - (start + relativedelta(months=6))).days in (0, 1)


@given(dates)
def test_the_leerroute_deadline_is_seventy_days_on(start):
    deadline = leerroute_deadline(start)

    assert (deadline - start).days == 70
    assert deadline.weekday() == start.weekday()


@given(dates)
def test_the_objection_period_ends_on_the_first_working_day_from_six_weeks_on(decision_date):
    last_day = objection_period_end(decision_date)
    six_weeks = decision_date + dt.timedelta(weeks=6)

    def rest_day(day: dt.date) -> bool:
        return day.weekday() >= 5 or day in algemeen_erkende_feestdagen(day.year)

    assert last_day >= six_weeks
    assert not rest_day(last_day)
    assert all(rest_day(six_weeks + dt.timedelta(days=n)) for n in range((last_day - six_weeks).days))


@given(dates, dates)
def test_within_two_months_means_the_einddatum_is_at_most_two_calendar_months_ahead(end, day):
    assert within_two_months_of(end, day) == (day + relativedelta(months=2) >= end)


@given(dates)
def test_each_warning_date_is_the_first_day_the_einddatum_lies_within_reach(end):
    warnings = term_warning_dates(end)

    for first_day, months in ((warnings.six_months_before, 6), (warnings.two_months_before, 2)):
        assert first_day + relativedelta(months=months) >= end
        assert first_day - dt.timedelta(days=1) + relativedelta(months=months) < end
    assert warnings.six_months_before < warnings.two_months_before < end
    assert within_two_months_of(end, warnings.two_months_before)
    assert not within_two_months_of(end, warnings.two_months_before - dt.timedelta(days=1))
