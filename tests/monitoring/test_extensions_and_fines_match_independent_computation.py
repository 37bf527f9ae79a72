"""Extensions and fines are rare events: on a larger generated dataset the dashboard counts the same
people per gender, and the same fines per ground, as plain Python over the same rows."""

from __future__ import annotations

from collections import defaultdict

import pytest

from koers.inburgering.constants import BesluitStatus
from koers.inburgering.models import Boete, Termijnverlenging

from .conftest import assert_matches, in_period, people, selection, shown

pytestmark = pytest.mark.django_db


def test_extensions_count_people_per_gender_and_fines_per_ground(generated_large):
    persons = people(generated_large, "gender")
    extended = defaultdict(set)
    for p, day in Termijnverlenging.objects.filter(status=BesluitStatus.TOEGEKEND).values_list(
        "person_id", "decided_on"
    ):
        if p in persons and in_period(day):
            extended[(persons[p]["gender"], "")].add(p)
    fined = defaultdict(set)
    for p, grond, day in Boete.objects.values_list("person_id", "grond", "warning_date"):
        if p in persons and in_period(day):
            fined[("totaal", grond)].add(p)
    assert_matches(
        shown("verlengingen", selection(generated_large)), {k: (len(v), len(v)) for k, v in extended.items()}
    )
    assert_matches(
        shown("boetes", selection(generated_large, "totaal")), {k: (len(v), len(v)) for k, v in fined.items()}
    )
