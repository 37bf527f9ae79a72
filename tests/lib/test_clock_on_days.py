"""``clock.on_days`` keeps the moments on local days as a range on the moment itself."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from koers.audit.models import AuditEntry
from koers.lib import clock

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def entry_at(*moment: int) -> AuditEntry:
    return AuditEntry.objects.create(
        at=dt.datetime(*moment, tzinfo=AMSTERDAM), username="u", action="lezen", purpose="p", channel="ui"
    )


def kept(first: dt.date | None, last: dt.date | None) -> list[dt.datetime]:
    entries = AuditEntry.objects.filter(**clock.on_days("at", first, last)).order_by("at")
    return [entry.at.astimezone(AMSTERDAM).replace(tzinfo=None) for entry in entries]


def test_the_first_and_the_last_day_are_whole_local_days():
    for moment in [(2026, 10, 31, 23, 59, 59), (2026, 11, 1, 0, 0), (2026, 11, 30, 23, 59, 59), (2026, 12, 1)]:
        entry_at(*moment)
    assert kept(dt.date(2026, 11, 1), dt.date(2026, 11, 30)) == [
        dt.datetime(2026, 11, 1, 0, 0), dt.datetime(2026, 11, 30, 23, 59, 59)
    ]


def test_a_day_on_which_the_clocks_go_back_keeps_its_twenty_five_hours():
    entry_at(2026, 10, 25, 0, 30)
    entry_at(2026, 10, 25, 23, 30)
    entry_at(2026, 10, 26, 0, 0)
    assert kept(dt.date(2026, 10, 25), dt.date(2026, 10, 25)) == [
        dt.datetime(2026, 10, 25, 0, 30), dt.datetime(2026, 10, 25, 23, 30)
    ]


def test_the_leap_day_is_a_day_like_any_other():
    entry_at(2028, 2, 28, 23, 0)
    entry_at(2028, 2, 29, 12, 0)
    entry_at(2028, 3, 1, 0, 0)
    assert kept(dt.date(2028, 2, 29), dt.date(2028, 2, 29)) == [dt.datetime(2028, 2, 29, 12, 0)]


def test_a_missing_side_is_open():
    entry_at(2020, 1, 1, 12, 0)
    entry_at(2030, 1, 1, 12, 0)
    assert len(kept(None, dt.date(2025, 1, 1))) == 1
    assert len(kept(dt.date(2025, 1, 1), None)) == 1
    assert clock.on_days("at", None, None) == {}


def test_the_first_and_last_days_of_the_calendar_leave_that_side_open():
    entry_at(2026, 11, 25, 12, 0)
    assert len(kept(dt.date.min, dt.date.max)) == 1
    assert clock.on_days("at", dt.date.min, dt.date.max) == {}


def test_it_compares_the_moment_not_its_date():
    where = str(AuditEntry.objects.filter(**clock.on_days("at", dt.date(2026, 11, 1), dt.date(2026, 11, 30))).query)
    assert "AT TIME ZONE" not in where.upper() and "django_datetime_cast_date" not in where
