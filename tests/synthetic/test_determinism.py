"""The same seed gives the same dossiers; another seed other ones."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from koers.synthetic.generator import Start

from .rows import generate


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_the_same_seed_gives_the_same_rows(seed):
    assert generate(25, seed) == generate(25, seed)


def test_another_seed_gives_other_people():
    first, second = generate(25, seed=1), generate(25, seed=2)
    assert [p[3:6] for p in first.persons] != [p[3:6] for p in second.persons]


def test_ids_and_bsns_start_where_they_are_told():
    chunk = generate(
        5,
        start=Start(household=100, person=200, member=300, assignment=400, event=500, bsn_prefix=30_000_000),
    )
    assert chunk.persons[0][0] == 200
    assert chunk.households[0][0] == 100
    assert min(m[0] for m in chunk.members) == 300
    assert chunk.events[0][0] == 500
    assert chunk.persons[0][2].startswith("3000000")
    assert [p[0] for p in chunk.persons] == list(range(200, 205))
