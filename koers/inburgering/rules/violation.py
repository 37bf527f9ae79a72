from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format


@dataclass(frozen=True)
class RuleViolation:
    """One broken condition.

    ``code`` is stable and machine-readable (``<concept>.<condition>``; DUO's API only returns a free
    ``fouttekst``, it has no codes of its own). ``field`` names the attribute of the submission the
    violation is about, or is ``None`` when it is about the situation as a whole (Django's
    non-field error). ``message`` is Dutch and meant for the user."""

    code: str
    field: str | None
    message: str


def format_date(day: dt.date) -> str:
    """A date as users read it in a message: "25 november 2026" in the active language."""
    return date_format(day, "j F Y")
