"""Term arithmetic at its edges: leap days, the last day of the term, New Year, daylight saving time,
public holidays and extensions."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta

from koers.inburgering.constants import Verwijtbaar
from koers.inburgering.rules import validate_map
from koers.inburgering.terms import (
    Inburgeringstermijn,
    TermWarningDates,
    algemeen_erkende_feestdagen,
    as_date,
    inburgeringstermijn_end,
    leerroute_deadline,
    objection_decision_deadline,
    objection_period_end,
    ontzorgen_end,
    term_warning_dates,
    within_two_months_of,
)

from .factories import MapSubmissionFactory, ResultaatContextFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("start", "einddatum", "last_day"),
    [
        pytest.param(
            dt.date(2024, 2, 29),
            dt.date(2027, 3, 1),
            dt.date(2027, 2, 28),
            id="a term starting on 29 February 2024",
        ),
        pytest.param(
            dt.date(2028, 2, 29),
            dt.date(2031, 3, 1),
            dt.date(2031, 2, 28),
            id="a term starting on 29 February 2028",
        ),
        pytest.param(
            dt.date(2026, 3, 15),
            dt.date(2029, 3, 15),
            dt.date(2029, 3, 14),
            id="a term starting on an ordinary day",
        ),
        pytest.param(
            dt.date(2025, 3, 1),
            dt.date(2028, 3, 1),
            dt.date(2028, 2, 29),
            id="a term whose last day is a leap day",
        ),
    ],
)
def test_the_einddatum_is_the_anniversary_and_the_last_day_is_the_day_before(start, einddatum, last_day):
    termijn = Inburgeringstermijn(startdatum=start, einddatum=inburgeringstermijn_end(start))

    assert termijn.einddatum == einddatum
    assert termijn.last_day == last_day
    assert termijn.includes(last_day)
    assert not termijn.includes(einddatum)
    assert not termijn.is_passed_on(last_day)
    assert termijn.is_passed_on(einddatum)


@pytest.mark.parametrize(
    "einddatum",
    [
        pytest.param(dt.date(2025, 8, 15), id="ending on its start"),
        pytest.param(dt.date(2025, 8, 14), id="ending before its start"),
    ],
)
def test_a_term_that_does_not_end_after_it_starts_is_refused(einddatum):
    with pytest.raises(ValueError, match="after its startdatum"):
        Inburgeringstermijn(startdatum=dt.date(2025, 8, 15), einddatum=einddatum)


def test_a_leap_day_start_keeps_a_full_three_years_instead_of_losing_a_day():
    start = dt.date(2024, 2, 29)

    assert inburgeringstermijn_end(start) - start == dt.timedelta(days=3 * 365 + 1)


def test_a_map_on_the_last_day_of_a_leap_day_term_needs_no_verwijtbaar_but_the_day_after_does():
    termijn = Inburgeringstermijn(dt.date(2024, 2, 29), inburgeringstermijn_end(dt.date(2024, 2, 29)))
    context = ResultaatContextFactory(today=dt.date(2027, 3, 10), termijn=termijn)

    assert validate_map(MapSubmissionFactory(datum_eindgesprek_map=dt.date(2027, 2, 28)), context) == []
    (late,) = validate_map(MapSubmissionFactory(datum_eindgesprek_map=dt.date(2027, 3, 1)), context)
    assert late.field == "verwijtbaar"


@pytest.mark.parametrize(
    ("start", "deadline"),
    [
        pytest.param(dt.date(2026, 11, 25), dt.date(2027, 2, 3), id="across New Year"),
        pytest.param(dt.date(2027, 2, 1), dt.date(2027, 4, 12), id="across the spring clock change"),
        pytest.param(
            dt.date(2026, 10, 24), dt.date(2027, 1, 2), id="across the autumn clock change and New Year"
        ),
    ],
)
def test_the_leerroute_deadline_is_ten_weeks_on_the_same_weekday(start, deadline):
    assert leerroute_deadline(start) == deadline
    assert deadline.weekday() == start.weekday()


def test_a_leerroute_term_starting_just_after_local_midnight_counts_from_the_local_day():
    # 00:30 in Amsterdam on the night the clocks go forward is still 27 March in UTC.
    moment = dt.datetime(2027, 3, 28, 0, 30, tzinfo=AMSTERDAM).astimezone(dt.UTC)
    assert moment.date() == dt.date(2027, 3, 27)

    assert as_date(moment) == dt.date(2027, 3, 28)
    assert leerroute_deadline(moment) == dt.date(2027, 6, 6)


def test_an_extension_granted_on_the_last_day_continues_the_term_without_a_gap():
    start = dt.date(2023, 11, 26)
    termijn = Inburgeringstermijn(start, inburgeringstermijn_end(start))
    granted_on = termijn.last_day
    assert granted_on == dt.date(2026, 11, 25)

    extended = Inburgeringstermijn(
        start, inburgeringstermijn_end(start, extensions=[relativedelta(months=6)])
    )

    assert extended.einddatum == dt.date(2027, 5, 26)
    assert extended.includes(granted_on)
    assert extended.includes(termijn.einddatum)
    map_on_old_einddatum = MapSubmissionFactory(datum_eindgesprek_map=termijn.einddatum)
    a_week_later = dt.date(2026, 12, 1)
    (overrun,) = validate_map(
        map_on_old_einddatum, ResultaatContextFactory(today=a_week_later, termijn=termijn)
    )
    assert overrun.field == "verwijtbaar"
    assert (
        validate_map(map_on_old_einddatum, ResultaatContextFactory(today=a_week_later, termijn=extended))
        == []
    )


def test_extensions_add_up_and_roll_past_a_short_february():
    start = dt.date(2024, 8, 31)

    assert inburgeringstermijn_end(start) == dt.date(2027, 8, 31)
    assert inburgeringstermijn_end(start, extensions=[relativedelta(months=6)]) == dt.date(2028, 3, 1)
    assert inburgeringstermijn_end(
        start, extensions=[relativedelta(months=6), relativedelta(weeks=12)]
    ) == dt.date(2028, 5, 24)


def test_an_extension_must_be_relative():
    with pytest.raises(ValueError, match="relative"):
        inburgeringstermijn_end(dt.date(2025, 1, 1), extensions=[relativedelta(day=31)])


@pytest.mark.parametrize(
    ("decision_date", "last_day"),
    [
        pytest.param(
            dt.date(2026, 3, 2), dt.date(2026, 4, 13), id="a Monday decision ends six weeks later on a Monday"
        ),
        pytest.param(
            dt.date(2026, 10, 10), dt.date(2026, 11, 23), id="a period ending on a Saturday moves to Monday"
        ),
        pytest.param(
            dt.date(2026, 3, 16),
            dt.date(2026, 4, 28),
            id="a period ending on Koningsdag moves to the next day",
        ),
        pytest.param(
            dt.date(2027, 2, 12),
            dt.date(2027, 3, 30),
            id="a period ending on Good Friday moves past the Easter weekend and Easter Monday",
        ),
        pytest.param(
            dt.date(2026, 11, 13),
            dt.date(2026, 12, 28),
            id="a period ending on Christmas Day moves past Boxing Day",
        ),
        pytest.param(
            dt.date(2027, 11, 20),
            dt.date(2028, 1, 3),
            id="a period ending on New Year's Day moves to the next workday",
        ),
    ],
)
def test_the_objection_period_runs_six_weeks_from_the_day_after_the_decision(decision_date, last_day):
    assert objection_period_end(decision_date) == last_day


@pytest.mark.parametrize(
    ("objection_end", "filed_on", "committee", "last_day"),
    [
        pytest.param(
            dt.date(2026, 11, 16), dt.date(2026, 11, 2), False, dt.date(2026, 12, 28),
            id="six weeks counted from the day after the objection period, not from the objection",
        ),
        pytest.param(
            dt.date(2026, 11, 16), dt.date(2026, 11, 16), True, dt.date(2027, 2, 8),
            id="twelve weeks when an advisory committee hears the objection",
        ),
        pytest.param(
            dt.date(2026, 4, 13), dt.date(2026, 4, 20), False, dt.date(2026, 6, 1),
            id="a late objection counts from the day after it was received",
        ),
        pytest.param(
            dt.date(2026, 4, 13), dt.date(2026, 4, 1), False, dt.date(2026, 5, 26),
            id="a decision term ending on Whit Monday moves to the Tuesday",
        ),
        pytest.param(
            dt.date(2026, 11, 13), dt.date(2026, 11, 13), False, dt.date(2026, 12, 28),
            id="a decision term ending on Christmas Day moves past Boxing Day and the weekend",
        ),
    ],
)
def test_the_decision_on_an_objection_is_due_six_or_twelve_weeks_after_the_objection_period(
    objection_end, filed_on, committee, last_day
):
    assert objection_decision_deadline(objection_end, filed_on, committee=committee) == last_day


def test_the_algemene_termijnenwet_holidays_of_2026():
    assert algemeen_erkende_feestdagen(2026) == {
        dt.date(2026, 1, 1),
        dt.date(2026, 4, 3),
        dt.date(2026, 4, 6),
        dt.date(2026, 4, 27),
        dt.date(2026, 5, 5),
        dt.date(2026, 5, 14),
        dt.date(2026, 5, 25),
        dt.date(2026, 12, 25),
        dt.date(2026, 12, 26),
    }


def test_koningsdag_moves_to_26_april_when_27_april_is_a_sunday():
    assert dt.date(2025, 4, 27).weekday() == 6
    assert dt.date(2025, 4, 26) in algemeen_erkende_feestdagen(2025)
    assert dt.date(2025, 4, 27) not in algemeen_erkende_feestdagen(2025)


def test_days_the_crown_adds_can_be_passed_in():
    # Friday 15 May 2026 is the day after Hemelvaartsdag; the Crown usually equates it with a holiday.
    assert objection_period_end(dt.date(2026, 4, 3)) == dt.date(2026, 5, 15)
    assert objection_period_end(dt.date(2026, 4, 3), extra_holidays={dt.date(2026, 5, 15)}) == dt.date(
        2026, 5, 18
    )


@pytest.mark.parametrize(
    ("start", "extensions", "end"),
    [
        pytest.param(
            dt.date(2026, 3, 1), [], dt.date(2026, 9, 1), id="six months from the first of the month"
        ),
        pytest.param(
            dt.date(2026, 8, 31), [], dt.date(2027, 3, 1), id="six months from 31 August run through February"
        ),
        pytest.param(
            dt.date(2026, 3, 1),
            [relativedelta(months=3)],
            dt.date(2026, 12, 1),
            id="an extension of three months",
        ),
    ],
)
def test_ontzorgen_lasts_six_months_unless_extended(start, extensions, end):
    assert ontzorgen_end(start, extensions=extensions) == end


@pytest.mark.parametrize(
    ("end", "warnings"),
    [
        pytest.param(
            dt.date(2029, 3, 15),
            TermWarningDates(dt.date(2028, 9, 15), dt.date(2029, 1, 15)),
            id="an einddatum in the middle of the month",
        ),
        pytest.param(
            dt.date(2027, 4, 30),
            TermWarningDates(dt.date(2026, 10, 30), dt.date(2027, 3, 1)),
            id="two months before 30 April is 1 March, not 28 February",
        ),
        pytest.param(
            dt.date(2026, 8, 31),
            TermWarningDates(dt.date(2026, 3, 1), dt.date(2026, 7, 1)),
            id="six months before 31 August is 1 March",
        ),
    ],
)
def test_term_warning_dates(end, warnings):
    assert term_warning_dates(end) == warnings


@pytest.mark.parametrize(
    ("day", "within"),
    [
        pytest.param(dt.date(2026, 11, 25), True, id="exactly two months before the einddatum is within"),
        pytest.param(dt.date(2026, 11, 24), False, id="one day earlier is outside"),
        pytest.param(dt.date(2027, 1, 25), True, id="the einddatum itself is within"),
        pytest.param(dt.date(2027, 5, 1), True, id="after the einddatum it has fallen within"),
    ],
)
def test_within_two_months_of(day, within):
    assert within_two_months_of(dt.date(2027, 1, 25), day) is within


def test_a_verwijtbaar_nee_is_accepted_exactly_two_months_before_the_end_and_refused_a_day_earlier():
    termijn = Inburgeringstermijn(dt.date(2024, 1, 25), dt.date(2027, 1, 25))
    nee = MapSubmissionFactory(datum_eindgesprek_map=None, verwijtbaar=Verwijtbaar.NEE)

    assert validate_map(nee, ResultaatContextFactory(today=dt.date(2026, 11, 25), termijn=termijn)) == []
    (too_early,) = validate_map(nee, ResultaatContextFactory(today=dt.date(2026, 11, 24), termijn=termijn))
    assert too_early.field == "verwijtbaar"
