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
