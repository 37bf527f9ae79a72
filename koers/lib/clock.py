"""The one clock of Koers.

All date logic asks this module for "now" and "today", never ``datetime.now`` or ``date.today``,
so that tests (and a demo) can put the whole system on a chosen moment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import timezone

_frozen_at: dt.datetime | None = None


def now() -> dt.datetime:
    return _frozen_at if _frozen_at is not None else timezone.now()


def today() -> dt.date:
    return timezone.localdate(now())


def start_of(day: dt.date) -> dt.datetime:
    """The first moment of ``day``, local time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def on_days(field: str, first: dt.date | None, last: dt.date | None) -> dict[str, dt.datetime]:
    """Lookups that keep the moments in ``field`` that fall on the local days from ``first`` up to and
    including ``last`` (either may be ``None``: open). They compare the moment itself, so that the
    database can use an index on it, which ``field__date`` prevents: it converts every row's moment
    to a date before comparing. The first and the last day of the calendar leave that side open."""
    lookups = {}
    if first is not None and first > dt.date.min:
        lookups[f"{field}__gte"] = start_of(first)
    if last is not None and last < dt.date.max:
        lookups[f"{field}__lt"] = start_of(last + dt.timedelta(days=1))
    return lookups


def set_now(moment: dt.datetime | dt.date | None) -> None:
    """Put the clock on ``moment`` (a date means noon that day, local time); ``None`` releases it."""
    global _frozen_at
    if moment is None or isinstance(moment, dt.datetime):
        _frozen_at = moment
    else:
        _frozen_at = timezone.make_aware(dt.datetime.combine(moment, dt.time(12, 0)))


@contextmanager
def frozen(moment: dt.datetime | dt.date) -> Iterator[None]:
    previous = _frozen_at
    set_now(moment)
    try:
        yield
    finally:
        set_now(previous)
