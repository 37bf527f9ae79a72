from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from koers.access.models import Municipality
from koers.monitoring.figures import registry, rows_of
from koers.monitoring.selection import Selection
from koers.people.models import Person

from ..conftest import TODAY
from ..once import made_once

PERIOD = (dt.date(2024, 1, 1), TODAY)


def generate(persons: int, seed: int = 11) -> frozenset[int]:
    """A generated dataset over two municipalities; answers their ids."""
    call_command("generate", municipalities=2, persons=persons, seed=seed, stdout=io.StringIO())
    return frozenset(Municipality.objects.values_list("pk", flat=True))


generated = made_once("generated", lambda: generate(500))
generated_large = made_once("generated_large", lambda: generate(2000, seed=12))
"""A larger generated dataset, for the rarer events (extensions, fines): seed 12 gives each ground of a
fine at least five people, so the suppression leaves a cell to compare."""


def people(municipalities, *fields: str) -> dict[int, dict]:
    """The persons of these municipalities by id, with these fields."""
    rows = Person.objects.filter(municipality_id__in=municipalities).values("id", *fields)
    return {row["id"]: row for row in rows}


def selection(municipalities: frozenset[int], breakdown: str = "gender", **filters: str) -> Selection:
    return Selection(municipalities, PERIOD[0], PERIOD[1], TODAY, breakdown, filters)


def shown(key: str, sel: Selection) -> dict[tuple[str, str], tuple[int | None, float | None]]:
    return {(r.group, r.series): (r.people, r.value) for r in rows_of(registry[key], sel)}


def assert_matches(actual: dict, cells: dict[tuple[str, str], tuple[int, float]]) -> None:
    """The dashboard shows exactly these cells: each cell of fewer than five people hidden, every
    shown cell equal to the independent computation, and no line of cells (one breakdown value, or
    one series) hiding exactly one cell, which would follow from the others by subtraction."""
    assert actual.keys() == cells.keys()
    for key, (people, value) in cells.items():
        if people < 5 or actual[key] == (None, None):
            assert actual[key] == (None, None)
        else:
            assert actual[key][0] == people
            assert actual[key][1] == pytest.approx(value)
    assert any(shown != (None, None) for shown in actual.values()), cells
    for axis in (0, 1):
        for value in {key[axis] for key in cells}:
            line = [key for key in cells if key[axis] == value]
            hidden = [key for key in line if actual[key] == (None, None)]
            assert len(hidden) != 1 or len(line) == 1, (value, hidden)


def age_band(born: dt.date, today: dt.date = TODAY) -> str:
    """The age band in completed years, computed apart from the dashboard's SQL."""
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    bands = ((60, "60+"), (45, "45-59"), (30, "30-44"), (18, "18-29"), (0, "0-17"))
    return next(band for lowest, band in bands if age >= lowest)


def in_period(day: dt.date | None) -> bool:
    return day is not None and PERIOD[0] <= day <= PERIOD[1]


def women_and_men(municipality, women: int, men: int, others: int = 0) -> None:
    """Persons linked in March 2026: ``women`` women, ``men`` men and ``others`` of gender x."""
    from koers.people.constants import Gender

    from ..factories import PersonFactory

    PersonFactory.create_batch(women, municipality=municipality, gender=Gender.VROUW)
    PersonFactory.create_batch(men, municipality=municipality, gender=Gender.MAN)
    PersonFactory.create_batch(others, municipality=municipality, gender=Gender.X)


@pytest.fixture
def generated_with_support(db, generated) -> frozenset[int]:
    """The generated dataset, whose asylum migrants the generator gave MB trajectories, workers, buddies
    and ontzorgen, plus taakstellingen added for this test (the test's savepoint takes them away)."""
    from koers.begeleiding.models import Trajectory
    from koers.ontzorgen.models import Arrangement
    from koers.people.constants import AssignmentRole
    from koers.people.models import Assignment

    from .factories import add_taakstellingen

    assert Trajectory.objects.count() > 50
    assert Trajectory.objects.exclude(closed_on=None).count() > 10
    assert Assignment.objects.filter(role=AssignmentRole.VRIJWILLIGER).count() > 20
    assert Arrangement.objects.count() > 50
    add_taakstellingen(generated)
    return generated


@pytest.fixture
def tenants_of():
    """``tenants_of(municipality_ids)``: a policy analyst of a team serving those municipalities."""
    from koers.access.constants import OrganisationKind, Role

    from ..factories import OrganisationFactory, user_with_role

    def make(municipality_ids):
        ids = sorted(municipality_ids)
        team = OrganisationFactory(
            kind=OrganisationKind.MUNICIPAL_TEAM, municipality=Municipality.objects.get(pk=ids[0]), serves=ids
        )
        return user_with_role(Role.POLICY_ANALYST, team)

    return make
