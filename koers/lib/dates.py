"""Calendar arithmetic for the terms the law and the policies count in months."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta

DAY = "%d-%m-%Y"
"""A day as the screens write it (``strftime``): 07-12-2026."""


def add_months(day: dt.date, months: int) -> dt.date:
    """``months`` calendar months after ``day`` (before it if negative); the 31st (or 29 February)
    becomes the month's last day. The first of a month stays the first."""
    return day + relativedelta(months=months)
