"""A cell of fewer than five people never shows its number or its value, nor does a cell from which it
could be worked out: not on screen, not in a chart, not in an export."""

from __future__ import annotations

import csv
import io

from koers.monitoring.figures import RawRow, hidden_cells

from .conftest import women_and_men


def test_four_people_are_suppressed_and_five_are_shown():
    assert hidden_cells([RawRow("totaal", "", 4, 4)]) == {0}
    assert hidden_cells([RawRow("totaal", "", 5, 5)]) == set()


def test_a_lone_small_cell_in_a_line_takes_the_smallest_other_cell_with_it():
    rows = [RawRow("m", "", 40, 40), RawRow("v", "", 3, 3), RawRow("x", "", 12, 12)]
    assert hidden_cells(rows) == {1, 2}


def test_secondary_suppression_runs_until_no_line_hides_one_cell():
    # Women's B-route is small; women's Z-route goes with it (women's line), then the smallest other
    # B cell (the B column: x), then the smallest other Z cell (the Z column: x again). Men stay shown.
    rows = [
        RawRow("v", "B", 3, 0.13),
        RawRow("v", "Z", 20, 0.87),
        RawRow("m", "B", 30, 0.43),
        RawRow("m", "Z", 40, 0.57),
        RawRow("x", "B", 25, 0.42),
        RawRow("x", "Z", 35, 0.58),
    ]
    assert hidden_cells(rows) == {0, 1, 4, 5}


def test_the_csv_shows_a_hidden_cell_as_x_without_a_value(tenants, client_as):
    women_and_men(tenants.a.municipality, 3, 6, 9)
    response = client_as(tenants.a.analyst).get("/monitoring/koppelingen.csv", {"breakdown": "gender"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Geslacht", "", "Aantal personen", "Aantal"]
    # With the fixture's woman and man: 4 women (small) and 7 men (hidden too, or the women would
    # follow from the total), 9 of gender x.
    assert sorted(rows[1:]) == [
        ["Anders / onbekend", "", "9", "9"],
        ["Man", "", "x", ""],
        ["Vrouw", "", "x", ""],
    ]


def test_the_screen_shows_hidden_cells_as_x_and_never_their_number(tenants, client_as):
    women_and_men(tenants.a.municipality, 3, 6, 9)
    body = client_as(tenants.a.analyst).get("/monitoring/", {"breakdown": "gender"}).content.decode()
    assert ">x</abbr>" in body
    assert ">4<" not in body and ">7<" not in body
    assert ">9<" in body
