"""Demo data for monitoring: the taakstelling of the last three years, so the dashboard can set the
koppelingen against it."""

from __future__ import annotations

from koers.access.models import Municipality
from koers.lib import clock

from .models import HalfYear, Taakstelling


def add_demo_taakstelling(municipality: Municipality, *, per_half_year: int = 40) -> int:
    """The taakstelling of this and the two previous years (existing half years are kept); answers
    how many half years were added."""
    this_year = clock.today().year
    added = 0
    for year in range(this_year - 2, this_year + 1):
        for half in HalfYear.values:
            _, created = Taakstelling.objects.get_or_create(
                municipality=municipality, year=year, half=half, defaults={"number": per_half_year + 3 * half}
            )
            added += created
    return added
