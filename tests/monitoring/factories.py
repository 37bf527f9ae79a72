"""Taakstellingen on top of a generated dataset (the generator writes dossiers, the route and the
support, not the numbers the ministry sets)."""

from __future__ import annotations

import random

from koers.monitoring.models import Taakstelling


def add_taakstellingen(municipalities, years=(2024, 2025, 2026), seed: int = 7) -> None:
    rng = random.Random(seed)
    for municipality_id in sorted(municipalities):
        for year in years:
            for half in (1, 2):
                Taakstelling.objects.create(
                    municipality_id=municipality_id, year=year, half=half, number=rng.randint(10, 60)
                )
