"""Every breakdown the dashboard offers (gender, age band, target group, country of origin,
literacy, municipality) groups a count, a median and a share exactly as a computation in plain
Python over the same rows does, small cells suppressed included."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict

import pytest

from koers.inburgering.constants import PipStatus
from koers.inburgering.models import Inburgeringsplicht, PipVersie
from koers.people.models import Person

from .conftest import age_band, assert_matches, in_period, selection, shown

pytestmark = pytest.mark.django_db
BREAKDOWNS = ("gender", "age_band", "target_group", "country_of_origin", "literacy", "municipality")
FIELDS = ("gender", "date_of_birth", "target_group", "country_of_origin", "literacy", "municipality__name",
          "koppeling_date")


def groups(municipalities, breakdown: str) -> dict[int, str]:
    """Each person's value of the breakdown."""
    def value(row: dict) -> str:
        if breakdown == "age_band":
            return age_band(row["date_of_birth"])
        return row["municipality__name" if breakdown == "municipality" else breakdown]

    rows = Person.objects.filter(municipality_id__in=municipalities).values("id", *FIELDS)
    return {row["id"]: value(row) for row in rows}


@pytest.mark.parametrize("breakdown", BREAKDOWNS)
def test_koppelingen_are_counted_per_value(generated, breakdown):
    group = groups(generated, breakdown)
    counts = Counter(
        group[pk] for pk, day in Person.objects.values_list("pk", "koppeling_date") if in_period(day)
    )
    expected = {(g, ""): (n, n) for g, n in counts.items()}
    assert_matches(shown("koppelingen", selection(generated, breakdown)), expected)


@pytest.mark.parametrize("breakdown", BREAKDOWNS)
def test_the_median_days_to_the_pip_is_taken_per_value(generated, breakdown):
    group = groups(generated, breakdown)
    first: dict[int, dt.date] = {}
    decided = PipVersie.objects.filter(status__in=[PipStatus.VASTGESTELD, PipStatus.VERVANGEN])
    for person, day in decided.values_list("person_id", "dagtekening"):
        first[person] = min(day, first.get(person, day))
    days = defaultdict(list)
    for person, start in Inburgeringsplicht.objects.values_list("person_id", "leerroute_term_start"):
        if person in group and person in first and in_period(start):
            days[(group[person], "")].append((first[person] - start).days)
    expected = {cell: (len(values), statistics.median(values)) for cell, values in days.items()}
    assert_matches(shown("dagen_tot_pip", selection(generated, breakdown)), expected)


@pytest.mark.parametrize("breakdown", BREAKDOWNS)
def test_the_route_mix_is_a_share_per_value(generated, breakdown):
    group = groups(generated, breakdown)
    counts = Counter(
        (group[person], route)
        for person, route, day in PipVersie.objects.filter(status=PipStatus.VASTGESTELD).values_list(
            "person_id", "leerroute", "dagtekening"
        )
        if person in group and in_period(day)
    )
    totals = Counter()
    for (value, _), n in counts.items():
        totals[value] += n
    expected = {cell: (n, n / totals[cell[0]]) for cell, n in counts.items()}
    assert_matches(shown("leerroutes", selection(generated, breakdown)), expected)
