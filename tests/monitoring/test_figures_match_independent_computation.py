"""On a generated dataset every dashboard figure equals a computation in plain Python (or plain SQL)
over the same rows, small cells suppressed included."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict

import pytest
from django.db import connection

from koers.inburgering.constants import IntakeStatus, PipStatus, PlichtStatus
from koers.inburgering.models import (
    BredeIntake,
    Examenresultaat,
    Inburgeringsaanbod,
    Inburgeringsplicht,
    PipVersie,
    Urenregistratie,
)

from ..conftest import TODAY
from .conftest import age_band, assert_matches, in_period, people, selection, shown

pytestmark = pytest.mark.django_db


def first_dates(rows) -> dict[int, dt.date]:
    first: dict[int, dt.date] = {}
    for person_id, day in rows:
        if day is not None and (person_id not in first or day < first[person_id]):
            first[person_id] = day
    return first


def test_koppelingen_per_gender_equal_a_plain_sql_count(generated):
    ids = ",".join(str(pk) for pk in generated)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT gender, COUNT(*) FROM people_person WHERE municipality_id IN ({ids}) "
            "AND koppeling_date >= %s AND koppeling_date <= %s GROUP BY gender",
            [dt.date(2024, 1, 1), TODAY],
        )
        expected = {(gender, ""): (count, count) for gender, count in cursor.fetchall()}
    assert_matches(shown("koppelingen", selection(generated)), expected)


def test_koppelingen_per_month_suppress_the_small_months(generated):
    counts = Counter(
        (row["gender"], row["koppeling_date"].replace(day=1).isoformat())
        for row in people(generated, "gender", "koppeling_date").values()
        if in_period(row["koppeling_date"])
    )
    expected = {key: (n, n) for key, n in counts.items()}
    assert any(n < 5 for n, _ in expected.values())
    actual = shown("koppelingen_per_maand", selection(generated))
    assert_matches({(g, s[:10]): v for (g, s), v in actual.items()}, expected)


def test_days_to_brp_registration_is_the_median_per_age_band(generated):
    days = defaultdict(list)
    for row in people(generated, "date_of_birth", "koppeling_date", "brp_registration_date").values():
        if in_period(row["brp_registration_date"]):
            days[age_band(row["date_of_birth"])].append(
                (row["brp_registration_date"] - row["koppeling_date"]).days
            )
    expected = {(g, ""): (len(v), statistics.median(v)) for g, v in days.items()}
    assert_matches(shown("dagen_tot_brp", selection(generated, "age_band")), expected)


@pytest.mark.parametrize(
    ("key", "first_of"),
    [
        (
            "pip_binnen_termijn",
            lambda: PipVersie.objects.filter(
                status__in=[PipStatus.VASTGESTELD, PipStatus.VERVANGEN]
            ).values_list("person_id", "dagtekening"),
        ),
        (
            "brede_intake_binnen_termijn",
            lambda: BredeIntake.objects.filter(status=IntakeStatus.AFGEROND).values_list(
                "person_id", "conversation_date"
            ),
        ),
    ],
)
def test_the_share_within_ten_weeks_counts_only_those_judged(generated, key, first_of):
    persons = people(generated, "target_group")
    first = first_dates(first_of())
    hits, totals = Counter(), Counter()
    for person_id, start in Inburgeringsplicht.objects.values_list("person_id", "leerroute_term_start"):
        if person_id not in persons or not in_period(start):
            continue
        done = first.get(person_id)
        if done is None and start + dt.timedelta(days=70) >= TODAY:
            continue
        group = persons[person_id]["target_group"]
        totals[group] += 1
        hits[group] += done is not None and done <= start + dt.timedelta(days=70)
    expected = {(g, ""): (n, hits[g] / n) for g, n in totals.items()}
    assert_matches(shown(key, selection(generated, "target_group")), expected)


def test_days_from_pip_to_offer_is_the_median_over_first_offers(generated):
    persons = people(generated, "gender")
    pip = first_dates(
        PipVersie.objects.filter(status__in=[PipStatus.VASTGESTELD, PipStatus.VERVANGEN]).values_list(
            "person_id", "dagtekening"
        )
    )
    offer = first_dates(Inburgeringsaanbod.objects.values_list("person_id", "datum_inburgeringsaanbod"))
    days = defaultdict(list)
    for person_id, day in offer.items():
        if person_id in persons and in_period(day) and person_id in pip:
            days[persons[person_id]["gender"]].append((day - pip[person_id]).days)
    expected = {(g, ""): (len(v), statistics.median(v)) for g, v in days.items()}
    assert expected
    assert_matches(shown("tijdigheid_aanbod", selection(generated)), expected)


def test_hours_attended_are_summed_against_the_plan_and_against_hours_offered(generated):
    persons = people(generated, "literacy")
    weekly = dict(Inburgeringsaanbod.objects.values_list("pk", "planned_hours_per_week"))
    attended, against, who = Counter(), Counter(), defaultdict(set)
    for row in Urenregistratie.objects.values(
        "person_id", "aanbod_id", "period_start", "period_end", "hours_attended", "hours_offered"
    ):
        if row["person_id"] not in persons or not in_period(row["period_start"]):
            continue
        group = persons[row["person_id"]]["literacy"]
        cells = [((group, "aanbod"), float(row["hours_offered"]))]
        if weekly.get(row["aanbod_id"]) is not None:
            days = (row["period_end"] - row["period_start"]).days + 1
            cells.append(((group, "plan"), float(weekly[row["aanbod_id"]]) * days / 7))
        for cell, base in cells:
            attended[cell] += float(row["hours_attended"])
            against[cell] += base
            who[cell].add(row["person_id"])
    expected = {cell: (len(who[cell]), attended[cell] / against[cell]) for cell in who}
    assert any(cell[1] == "plan" for cell in expected)
    by_series = {series: {v for c, v in expected.items() if c[1] == series} for series in ("plan", "aanbod")}
    assert by_series["plan"] != by_series["aanbod"]
    assert_matches(shown("uren_gevolgd", selection(generated, "literacy")), expected)


def test_exam_results_are_the_share_passed_per_component(generated):
    persons = people(generated, "gender")
    taken, passed, who = Counter(), Counter(), defaultdict(set)
    for row in Examenresultaat.objects.values("person_id", "onderdeel", "exam_date", "passed"):
        if row["person_id"] in persons and in_period(row["exam_date"]):
            cell = (persons[row["person_id"]]["gender"], row["onderdeel"])
            taken[cell] += 1
            passed[cell] += row["passed"]
            who[cell].add(row["person_id"])
    expected = {cell: (len(who[cell]), passed[cell] / taken[cell]) for cell in taken}
    assert_matches(shown("examens", selection(generated)), expected)


def test_duty_met_in_time_compares_the_end_with_the_term(generated):
    persons = people(generated, "gender")
    met, total = Counter(), Counter()
    for row in Inburgeringsplicht.objects.filter(status=PlichtStatus.VOLDAAN).values(
        "person_id", "ended_on", "termijn_end"
    ):
        if row["person_id"] in persons and in_period(row["ended_on"]):
            group = persons[row["person_id"]]["gender"]
            total[group] += 1
            met[group] += row["termijn_end"] is not None and row["ended_on"] < row["termijn_end"]
    expected = {(g, ""): (n, met[g] / n) for g, n in total.items()}
    assert_matches(shown("plicht_op_tijd", selection(generated)), expected)


def test_phases_are_the_current_mix_per_gender_with_a_filter_on_target_group(generated):
    rows = people(generated, "gender", "phase", "koppeling_date", "target_group").values()
    counts = Counter((r["gender"], r["phase"]) for r in rows if r["target_group"] == "asiel")
    totals = Counter()
    for (gender, _), n in counts.items():
        totals[gender] += n
    expected = {key: (n, n / totals[key[0]]) for key, n in counts.items()}
    assert_matches(shown("fasen", selection(generated, target_group="asiel")), expected)
