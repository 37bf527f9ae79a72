"""The figures about the taakstelling, the MB trajectory, capacity, ontzorgen and drop-out equal a
computation in plain Python over the same rows, small cells suppressed included."""

from __future__ import annotations

import datetime as dt
import itertools
import statistics
from collections import Counter, defaultdict

import pytest

from koers.begeleiding.models import Transition
from koers.inburgering.constants import IntakeStatus
from koers.inburgering.models import BredeIntake, Inburgeringsplicht
from koers.monitoring.figures import registry, rows_of
from koers.monitoring.models import Taakstelling
from koers.monitoring.selection import Selection
from koers.ontzorgen.models import Arrangement
from koers.people.constants import Phase
from koers.people.models import Assignment, HouseholdMember, Person

from ..conftest import TODAY
from .conftest import PERIOD, assert_matches, in_period, people, selection, shown

pytestmark = pytest.mark.django_db


def medians(days: dict) -> dict:
    return {key: (len(values), statistics.median(values)) for key, values in days.items()}


def steps_per_trajectory() -> dict[int, list[tuple[int, str, dt.date, str]]]:
    steps = defaultdict(list)
    for row in Transition.objects.values_list("trajectory_id", "pk", "to_state", "on", "from_state"):
        steps[row[0]].append(row[1:])
    return {t: sorted(s) for t, s in steps.items()}


def person_of_trajectory() -> dict[int, int]:
    from koers.begeleiding.models import Trajectory

    return dict(Trajectory.objects.values_list("pk", "person_id"))


@pytest.mark.parametrize(("breakdown", "filters"), [("municipality", {"gender": "v"}), ("gender", {})])
def test_koppelingen_against_the_taakstelling_per_half_year(generated_with_support, breakdown, filters):
    """Broken down by municipality (and filtered on women): a cell per municipality and half year;
    broken down otherwise, the municipality goes with the half year."""
    targets = {(t.municipality_id, f"{t.year}-{t.half}"): t.number for t in Taakstelling.objects.all()}
    names = dict(Person.objects.values_list("municipality_id", "municipality__name"))
    counts, target_of = Counter(), {}
    for row in people(generated_with_support, "municipality_id", "koppeling_date", "gender").values():
        day, municipality = row["koppeling_date"], row["municipality_id"]
        if not dt.date(2024, 1, 1) <= day <= dt.date(2026, 12, 31):
            continue
        if row["gender"] != filters.get("gender", row["gender"]):
            continue
        half = f"{day.year}-{1 if day.month <= 6 else 2}"
        if breakdown == "municipality":
            cell = (names[municipality], half)
        else:
            cell = (row["gender"], f"{names[municipality]}|{half}")
        counts[cell] += 1
        target_of[cell] = targets[(municipality, half)]
    expected = {cell: (n, n / target_of[cell]) for cell, n in counts.items()}
    sel = Selection(generated_with_support, *PERIOD, TODAY, breakdown, filters)
    assert_matches(shown("koppelingen_taakstelling", sel), expected)


def test_without_a_taakstelling_the_share_stays_empty(generated):
    rows = shown("koppelingen_taakstelling", selection(generated))
    assert rows and all(value is None for _, value in rows.values())


def test_days_from_brp_registration_to_the_first_regeldag_per_gender(generated_with_support):
    persons = people(generated_with_support, "gender", "brp_registration_date")
    owner = person_of_trajectory()
    regeldag: dict[int, dt.date] = {}
    for trajectory, steps in steps_per_trajectory().items():
        for _, state, on, _ in steps:
            person = owner[trajectory]
            if state == Phase.REGELDAG and (person not in regeldag or on < regeldag[person]):
                regeldag[person] = on
    days = defaultdict(list)
    for person, day in regeldag.items():
        brp = persons[person]["brp_registration_date"]
        if in_period(day) and brp is not None:
            days[(persons[person]["gender"], "")].append((day - brp).days)
    assert days
    assert_matches(shown("dagen_brp_tot_regeldag", selection(generated_with_support)), medians(days))


def test_days_to_the_brede_intake_are_counted_from_the_term_start(generated):
    persons = people(generated, "literacy")
    first: dict[int, dt.date] = {}
    for person, day in BredeIntake.objects.filter(status=IntakeStatus.AFGEROND).values_list(
        "person_id", "conversation_date"
    ):
        if day is not None and (person not in first or day < first[person]):
            first[person] = day
    days = defaultdict(list)
    for person, start in Inburgeringsplicht.objects.values_list("person_id", "leerroute_term_start"):
        if person in persons and in_period(start) and person in first:
            days[(persons[person]["literacy"], "")].append((first[person] - start).days)
    assert_matches(shown("dagen_tot_brede_intake", selection(generated, "literacy")), medians(days))


def test_mb_duration_per_phase_counts_the_phases_left_in_the_period(generated_with_support):
    persons = people(generated_with_support, "target_group")
    owner = person_of_trajectory()
    days = defaultdict(list)
    for trajectory, steps in steps_per_trajectory().items():
        for (_, state, on, _), (_, _, left, _) in itertools.pairwise(steps):
            if in_period(left):
                days[(persons[owner[trajectory]]["target_group"], state)].append((left - on).days)
    assert len(days) > 3
    assert_matches(
        shown("mb_duur_per_fase", selection(generated_with_support, "target_group")), medians(days)
    )


@pytest.mark.parametrize("breakdown", ["municipality", "literacy"])
def test_caseload_is_the_median_of_open_dossiers_per_consultant_and_per_mb_worker(
    generated_with_support, breakdown
):
    persons = people(generated_with_support, "municipality__name", "consultant_id", "phase", "literacy")

    def cell(row, kind: str) -> tuple[str, str]:
        if breakdown == "municipality":
            return (row["municipality__name"], kind)
        return (row["literacy"], f"{row['municipality__name']}|{kind}")

    loads = defaultdict(Counter)
    for row in persons.values():
        if row["consultant_id"] is not None and row["phase"] != Phase.AFGESLOTEN:
            loads[cell(row, "consulent")][row["consultant_id"]] += 1
    mb = defaultdict(set)
    for person, user, start, end in Assignment.objects.filter(role="mb_begeleiding").values_list(
        "person_id", "user_id", "start_date", "end_date"
    ):
        row = persons.get(person)
        running = start <= TODAY and (end is None or end >= TODAY)
        if row and user and running and row["phase"] != Phase.AFGESLOTEN:
            mb[(cell(row, "mb"), user)].add(person)
    for (key, user), who in mb.items():
        loads[key][user] = len(who)
    expected = {key: (sum(c.values()), statistics.median(c.values())) for key, c in loads.items()}
    assert any(kind.endswith("mb") for _, kind in expected)
    assert_matches(shown("caseload", selection(generated_with_support, breakdown)), expected)


def test_volunteers_per_person_in_mb_on_the_last_day_of_the_period(generated_with_support):
    persons = people(generated_with_support, "gender")
    end = dt.date(2026, 6, 30)

    def running(start, stop):
        return start <= end and (stop is None or stop >= end)

    in_mb, buddies = set(), defaultdict(set)
    for person, user, role, start, stop in Assignment.objects.values_list(
        "person_id", "user_id", "role", "start_date", "end_date"
    ):
        if person in persons and running(start, stop):
            if role == "mb_begeleiding":
                in_mb.add(person)
            elif role == "vrijwilliger" and user is not None:
                buddies[person].add(user)
    groups = defaultdict(set)
    for person in in_mb:
        groups[persons[person]["gender"]].add(person)
    expected = {
        (gender, ""): (len(who), len(set().union(*(buddies[p] for p in who))) / len(who))
        for gender, who in groups.items()
    }
    assert any(value for _, value in expected.values())
    sel = Selection(generated_with_support, dt.date(2024, 1, 1), end, TODAY, "gender")
    actual = {
        (r.group, r.series): (r.people, r.value) for r in rows_of(registry["vrijwilligers_per_persoon"], sel)
    }
    assert_matches(actual, expected)


def test_ontzorgen_duration_runs_to_the_end_in_force_per_household(generated_with_support):
    persons = people(generated_with_support, "gender")
    applicant = {
        household: person
        for household, person in HouseholdMember.objects.filter(relation="aanvrager").values_list(
            "household_id", "person_id"
        )
        if person in persons
    }
    days = defaultdict(list)
    for arrangement in Arrangement.objects.prefetch_related("extensions"):
        person = applicant.get(arrangement.household_id)
        if person is not None and in_period(arrangement.start):
            days[(persons[person]["gender"], "")].append((arrangement.end - arrangement.start).days)
    assert days
    assert_matches(shown("ontzorgen_duur", selection(generated_with_support)), medians(days))


def test_drop_out_is_the_share_closed_early_or_ended_without_completion(generated_with_support):
    persons = people(generated_with_support, "gender")
    owner = person_of_trajectory()
    ended, dropped, who = Counter(), Counter(), defaultdict(set)
    for trajectory, steps in steps_per_trajectory().items():
        for _, state, on, came_from in steps:
            if state == Phase.AFGESLOTEN and in_period(on):
                cell = (persons[owner[trajectory]]["gender"], "mb")
                ended[cell] += 1
                dropped[cell] += came_from != Phase.AFRONDING
                who[cell].add(owner[trajectory])
    for person, status, day in Inburgeringsplicht.objects.values_list("person_id", "status", "ended_on"):
        if person in persons and status != "lopend" and in_period(day):
            cell = (persons[person]["gender"], "plicht")
            ended[cell] += 1
            dropped[cell] += status == "beeindigd"
            who[cell].add(person)
    expected = {cell: (len(who[cell]), dropped[cell] / n) for cell, n in ended.items()}
    assert any(cell[1] == "mb" for cell in expected) and any(cell[1] == "plicht" for cell in expected)
    assert any(value for _, value in expected.values())
    assert_matches(shown("uitval", selection(generated_with_support)), expected)
