"""The demo's taakstelling: three years of half years, added once."""

from __future__ import annotations

import pytest

from koers.monitoring.demo import add_demo_taakstelling
from koers.monitoring.models import Taakstelling

pytestmark = pytest.mark.django_db


def test_the_demo_adds_three_years_of_taakstelling_once(tenants):
    municipality = tenants.a.municipality
    assert add_demo_taakstelling(municipality) == 6
    assert add_demo_taakstelling(municipality) == 0
    assert sorted(Taakstelling.objects.values_list("year", "half")) == [
        (year, half) for year in (2024, 2025, 2026) for half in (1, 2)
    ]
