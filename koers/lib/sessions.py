"""A session's last activity, noted at most once a minute.

Each screen a logged-in user opens would otherwise change the session and so write it to the
database: a write per request, on every request. The moment of last activity is noted only when the
noted one is ``TOUCH_EVERY`` old or more, so activity alone saves a session at most once a minute, and
an idle timeout counted from the noted moment ends a session at most that much early."""

from __future__ import annotations

import datetime as dt

TOUCH_EVERY = dt.timedelta(minutes=1)


def touch(session, key: str, now: dt.datetime) -> None:
    """Note ``now`` under ``key`` as the session's last activity, unless a moment less than
    ``TOUCH_EVERY`` ago is noted already."""
    seen = session.get(key)
    if seen is None or now - dt.datetime.fromisoformat(seen) >= TOUCH_EVERY:
        session[key] = now.isoformat()
