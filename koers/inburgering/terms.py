"""Term arithmetic of the inburgering route: pure functions on dates, no clock.

Two kinds of result, never mixed up:

* A **period** runs from its start (inclusive) to its end (exclusive), the way DUO's Inburgeringstermijn
  API describes it: ``startdatum`` "De datum die het begin van de periode aangeeft (inclusief)",
  ``einddatum`` "De datum die het einde van de periode aangeeft (exclusief)". ``inburgeringstermijn_end``
  and ``ontzorgen_end`` return such an exclusive end, so it compares directly with DUO's einddatum.
* A **deadline** is the last day on which an act is still on time: ``leerroute_deadline``,
  ``objection_period_end`` and ``objection_decision_deadline``.

Calendar years and months count on the day number (python-dateutil's ``relativedelta``). When that day
does not exist in the target month (29 February in a common year, the 31st in a 30-day month) the period
runs through the last day of that month, so its exclusive end is the first day of the next month: a
period is never shorter than the years or months it names.

Functions that depend on "today" take it as a parameter; callers pass ``koers.lib.clock.today()``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from django.utils import timezone

LEERROUTE_TERM = relativedelta(weeks=10)
INBURGERINGSTERMIJN = relativedelta(years=3)
OBJECTION_TERM = relativedelta(weeks=6)
ONTZORGEN_TERM = relativedelta(months=6)
OBJECTION_DECISION_WEEKS = 6
OBJECTION_DECISION_WEEKS_COMMITTEE = 12
FIRST_WARNING_MONTHS = 6
LAST_WARNING_MONTHS = 2


def as_date(value: dt.date) -> dt.date:
    """The calendar day of ``value``. An aware datetime counts in Koers's own time zone
    (Europe/Amsterdam), so a moment just after local midnight is that local day, never the UTC day
    before."""
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _add_period(start: dt.date, delta: relativedelta) -> dt.date:
    """``start`` plus ``delta`` (relative years, months, weeks and days only), where a day that does
    not exist in the target month rolls to the first day of the next month."""
    if delta.normalized() != relativedelta(years=delta.years, months=delta.months, days=delta.days):
        raise ValueError("Only relative years, months, weeks and days can be added to a term.")
    start = as_date(start)
    result = start + relativedelta(years=delta.years, months=delta.months)
    if result.day < start.day:
        result += dt.timedelta(days=1)
    return result + dt.timedelta(days=delta.days)


def _months_before(end: dt.date, months: int) -> dt.date:
    """The first day from which ``end`` lies at most ``months`` calendar months ahead: the same day
    number ``months`` earlier, or the first of the next month when that month is too short. Before the
    first representable date everything is within reach, so it answers ``date.min`` there."""
    end = as_date(end)
    try:
        result = end - relativedelta(months=months)
    except (ValueError, OverflowError):
        return dt.date.min
    if result.day < end.day:
        result += dt.timedelta(days=1)
    return result


def leerroute_deadline(start: dt.date) -> dt.date:
    """The last day on which the municipality sets the leerroute in time: 10 weeks after DUO started
    that term (event SS139, from BRP registration in the municipality or from leaving the asylum
    centre). Ten weeks are 70 calendar days whatever the clocks do: the deadline falls on the same
    weekday as the start."""
    return as_date(start) + LEERROUTE_TERM


@dataclass(frozen=True)
class Inburgeringstermijn:
    """DUO's Inburgeringstermijn: ``startdatum`` inclusive, ``einddatum`` exclusive."""

    startdatum: dt.date
    einddatum: dt.date

    def __post_init__(self) -> None:
        if self.einddatum <= self.startdatum:
            raise ValueError("The einddatum of an inburgeringstermijn lies after its startdatum.")

    @property
    def last_day(self) -> dt.date:
        """The last day that still lies inside the term."""
        return self.einddatum - dt.timedelta(days=1)

    def includes(self, day: dt.date) -> bool:
        return self.startdatum <= day < self.einddatum

    def is_passed_on(self, day: dt.date) -> bool:
        """On ``day`` the term has run out (the einddatum itself no longer belongs to it)."""
        return day >= self.einddatum


def inburgeringstermijn_end(start: dt.date, extensions: Iterable[relativedelta] = ()) -> dt.date:
    """The einddatum of the inburgeringstermijn that starts on ``start``: three calendar years, then
    each extension (SS103 ambtshalve, SS104 op verzoek) added to the end in force when it was granted.

    DUO's Inburgeringstermijn API (V1.0.0) describes einddatum as "De datum die het einde van de periode
    aangeeft (exclusief)" and startdatum as "De datum die het begin van de periode aangeeft
    (inclusief)". So the einddatum is the anniversary itself, and the last day of the term is the day
    before: a term starting on 15 March 2026 has einddatum 15 March 2029 and last day 14 March 2029.

    A term starting on 29 February has no anniversary in the common year three years on. It then runs
    through the last day of February, so its einddatum is 1 March (29 February 2024 -> 1 March 2027,
    last day 28 February 2027). This keeps the term a full three years, which is what the law gives the
    newcomer; reading the end as 28 February would silently take a day off the term. DUO's own
    einddatum, once received, always wins over this forecast."""
    end = _add_period(start, INBURGERINGSTERMIJN)
    for extension in extensions:
        end = _add_period(end, extension)
    return end


def ontzorgen_end(start: dt.date, extensions: Iterable[relativedelta] = ()) -> dt.date:
    """The exclusive end of financieel ontzorgen: six months from the day the right to benefit starts,
    then any extension the municipality decides on, each added to the end then in force."""
    end = _add_period(start, ONTZORGEN_TERM)
    for extension in extensions:
        end = _add_period(end, extension)
    return end


@functools.lru_cache(maxsize=65536)
def ontzorgen_end_after(start: dt.date, extension_months: tuple[int, ...] = ()) -> dt.date:
    """``ontzorgen_end`` with extensions of these numbers of months, in the order decided; kept, as the
    deadlines and the figures ask it for every arrangement in the country and most share a start."""
    return ontzorgen_end(start, [relativedelta(months=months) for months in extension_months])


@functools.cache
def algemeen_erkende_feestdagen(year: int) -> frozenset[dt.date]:
    """The days the Algemene termijnenwet (art. 3, first and second paragraph) treats like a Sunday:
    Nieuwjaarsdag, Goede Vrijdag, tweede Paasdag, Koningsdag (27 April, or 26 April when the 27th is a
    Sunday — the rule since 2014), 5 mei, Hemelvaartsdag, tweede Pinksterdag and both Christmas days.
    Days the Crown adds under the third paragraph are published per year; pass them as
    ``extra_holidays`` where they matter."""
    easter_sunday = easter(year)
    kings_day = dt.date(year, 4, 27)
    if kings_day.weekday() == 6:
        kings_day = dt.date(year, 4, 26)
    return frozenset(
        {
            dt.date(year, 1, 1),
            easter_sunday - dt.timedelta(days=2),
            easter_sunday + dt.timedelta(days=1),
            kings_day,
            dt.date(year, 5, 5),
            easter_sunday + dt.timedelta(days=39),
            easter_sunday + dt.timedelta(days=50),
            dt.date(year, 12, 25),
            dt.date(year, 12, 26),
        }
    )


def _is_rest_day(day: dt.date, extra_holidays: Collection[dt.date]) -> bool:
    return day.weekday() >= 5 or day in algemeen_erkende_feestdagen(day.year) or day in extra_holidays


def objection_period_end(decision_date: dt.date, extra_holidays: Collection[dt.date] = ()) -> dt.date:
    """The last day on which an objection (bezwaar) against a decision is in time.

    Awb art. 6:7 gives six weeks; art. 6:8 lets the period start on the day after the decision was
    made known (for a PIP or fine: sent, normally the dagtekening). Six weeks from that day ends on the
    same weekday as ``decision_date``, six weeks later. When that day is a Saturday, Sunday or public
    holiday the Algemene termijnenwet (art. 1) extends the period to the next day that is none of those."""
    return next_working_day(as_date(decision_date) + OBJECTION_TERM, extra_holidays)


def next_working_day(last_day: dt.date, extra_holidays: Collection[dt.date] = ()) -> dt.date:
    """``last_day`` of a statutory period, or the first day after it that is no Saturday, Sunday or
    public holiday (Algemene termijnenwet art. 1)."""
    while _is_rest_day(last_day, extra_holidays):
        last_day += dt.timedelta(days=1)
    return last_day


def objection_decision_deadline(
    objection_end: dt.date,
    filed_on: dt.date,
    *,
    committee: bool = False,
    extra_holidays: Collection[dt.date] = (),
) -> dt.date:
    """The last day on which the municipality decides on an objection in time (Awb art. 7:10, first
    paragraph): six weeks, or twelve when an advisory committee (art. 7:13) hears objections,
    "gerekend vanaf de dag na die waarop de termijn voor het indienen van het bezwaarschrift is
    verstreken". So the count starts the day after ``objection_end`` (the last day of the objection
    period) and ends on its weekday six or twelve weeks on. An objection filed after the period counts
    from the day after it was received, as the case law applies art. 7:10 to a late objection. A
    last day on a Saturday, Sunday or public holiday moves to the next working day (Algemene
    termijnenwet art. 1). A postponement (art. 7:10, third paragraph) is a new decision of its own and
    not part of this deadline."""
    weeks = OBJECTION_DECISION_WEEKS_COMMITTEE if committee else OBJECTION_DECISION_WEEKS
    last_day = max(as_date(objection_end), as_date(filed_on)) + dt.timedelta(weeks=weeks)
    return next_working_day(last_day, extra_holidays)


@dataclass(frozen=True)
class TermWarningDates:
    """When to warn about an approaching einddatum."""

    six_months_before: dt.date
    two_months_before: dt.date


def term_warning_dates(end: dt.date) -> TermWarningDates:
    """The two warning moments before an einddatum: six months and two months ahead. Each is the
    first day from which the einddatum lies within that many months (so for an einddatum of 30 April
    the two-month warning is 1 March, not 28 February)."""
    return TermWarningDates(
        six_months_before=_months_before(end, FIRST_WARNING_MONTHS),
        two_months_before=_months_before(end, LAST_WARNING_MONTHS),
    )


def within_two_months_of(end: dt.date, day: dt.date) -> bool:
    """On ``day`` the einddatum ``end`` falls within two months: it is at most two calendar months
    ahead, or has already passed. This is the window in which DUO accepts 'Verwijtbaar: Nee' for MAP
    and PVT ("alleen de waarde 'Nee' hebben als de einddatum van de inburgeringstermijn binnen twee
    maanden valt"). Same boundary as ``term_warning_dates(end).two_months_before``."""
    return as_date(day) >= _months_before(end, LAST_WARNING_MONTHS)
