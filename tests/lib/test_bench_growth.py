"""``koers bench load --sizes``: the same figures per size, and how they grew beside the bound of
logarithmic growth."""

from __future__ import annotations

import math

import pytest

from koers.lib.loadbench import Refused, growth_lines, growth_rows, parse_connections, parse_sizes


def test_growth_compares_the_largest_size_with_the_smallest_against_logarithmic_growth():
    rows = growth_rows({
        "caseload": {10_000: 10.0, 100_000: 11.0, 1_000_000: 12.0},
        "zoeken op naam": {10_000: 10.0, 100_000: 40.0, 1_000_000: 90.0},
    })
    caseload, search = rows
    assert caseload.ratio == pytest.approx(1.2) and caseload.bound == pytest.approx(math.log(1e6) / math.log(1e4))
    assert caseload.ok
    assert search.ratio == pytest.approx(9.0) and not search.ok


def test_a_screen_measured_at_one_size_has_no_growth():
    assert growth_rows({"caseload": {10_000: 10.0}}) == []


def test_the_growth_table_shows_every_size_and_a_verdict_per_screen():
    lines = growth_lines(growth_rows({"caseload": {10_000: 10.0, 1_000_000: 30.0}}))
    header, row, note = lines
    assert "10,000" in header and "1,000,000" in header
    assert row.startswith("caseload") and "3.00" in row and row.endswith("OVER")
    assert "ln 1,000,000 / ln 10,000" in note
    assert growth_lines([]) == []


def test_sizes_are_read_sorted_and_without_repeats():
    assert parse_sizes("1000000,10000,100_000,10000") == [10_000, 100_000, 1_000_000]


@pytest.mark.parametrize("text", ["", "tien", "10,50", "10000;100000"])
def test_it_refuses_sizes_it_cannot_use(text):
    with pytest.raises(Refused):
        parse_sizes(text)


def test_connections_are_read_in_the_order_given_and_bounded():
    assert parse_connections("1,16") == [1, 16]
    for text in ("0", "1,500", "veel", ""):
        with pytest.raises(Refused):
            parse_connections(text)
