"""Whatever the seed, generated dossiers hold together: dates follow the chain, phases match the time
elapsed, households and timelines are complete, and every value is one the models accept."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.nl import bsn as stdnum_bsn

from koers.lib import clock
from koers.lib.text import search_key
from koers.people.constants import (
    LANGUAGES,
    AssignmentRole,
    EventKind,
    Gender,
    HouseholdRelation,
    Literacy,
    Phase,
    TargetGroup,
)
from koers.synthetic.generator import YEARS_BACK

from .rows import SITES, as_date, as_moment, generate, records

PHASES = list(Phase.values)
SITE_CITIES = {site.municipality_id: site.city for site in SITES}
ORGANISATIONS = {site.mb_organisation_id for site in SITES} | {site.school_id for site in SITES}


def age_on(dob: dt.date, day: dt.date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


seeds = st.integers(min_value=0, max_value=2**32)
counts = st.integers(min_value=1, max_value=40)


@settings(max_examples=60, deadline=None)
@given(seed=seeds, count=counts)
def test_it_makes_exactly_the_persons_asked_for_with_valid_unique_bsns(seed, count):
    persons = records(generate(count, seed), "persons")
    assert len(persons) == count
    bsns = [p["bsn"] for p in persons]
    assert len(set(bsns)) == count
    assert all(stdnum_bsn.is_valid(bsn) for bsn in bsns)


@settings(max_examples=60, deadline=None)
@given(seed=seeds, count=counts)
def test_dates_follow_the_chain_and_the_phase_matches_them(seed, count):
    today = clock.today()
    for p in records(generate(count, seed), "persons"):
        koppeling, brp = as_date(p["koppeling_date"]), as_date(p["brp_registration_date"])
        assert today - dt.timedelta(days=YEARS_BACK * 365) <= koppeling <= today
        assert age_on(as_date(p["date_of_birth"]), koppeling) >= 18
        if brp is None:
            assert p["phase"] in (Phase.KOPPELING, Phase.HUISVESTING)
            assert (p["street"], p["postcode"], p["city"]) == ("", "", "")
        else:
            assert koppeling <= brp <= today
            assert p["city"] == SITE_CITIES[p["municipality_id"]]
            assert p["street"] and p["house_number"] and p["postcode"][:4].isdigit()
        if p["target_group"] != TargetGroup.ASIEL:
            assert p["phase"] not in (Phase.HUISVESTING, Phase.REGELDAG, Phase.OPSTARTFASE)


@settings(max_examples=60, deadline=None)
@given(seed=seeds, count=counts)
def test_every_value_is_one_the_models_accept(seed, count):
    chunk = generate(count, seed)
    for p in records(chunk, "persons"):
        assert p["search_name"] == search_key(p["given_names"], p["family_name_prefix"], p["family_name"])
        assert p["gender"] in Gender.values
        assert p["literacy"] in Literacy.values
        assert p["target_group"] in TargetGroup.values
        assert p["phase"] in Phase.values
        assert set(json.loads(p["languages"])) <= set(LANGUAGES)
        assert p["consultant_id"] is None or p["consultant_id"] in next(
            s.consultant_ids for s in SITES if s.municipality_id == p["municipality_id"]
        )
        assert len(p["postcode"]) in (0, 7)
    for m in records(chunk, "members"):
        assert m["relation"] in HouseholdRelation.values
        assert m["person_id"] is not None or m["given_names"]
    for e in records(chunk, "events"):
        assert e["kind"] in EventKind.values


@settings(max_examples=60, deadline=None)
@given(seed=seeds, count=counts)
def test_households_hold_each_person_once_with_one_applicant(seed, count):
    chunk = generate(count, seed)
    persons = {p["id"]: p for p in records(chunk, "persons")}
    households = {h["id"]: h for h in records(chunk, "households")}
    members = records(chunk, "members")
    assert Counter(m["person_id"] for m in members if m["person_id"]) == Counter(list(persons))
    by_household = defaultdict(list)
    for m in members:
        by_household[m["household_id"]].append(m)
    assert set(by_household) == set(households)
    for household_id, rows in by_household.items():
        relations = Counter(m["relation"] for m in rows)
        assert relations[HouseholdRelation.APPLICANT] == 1
        assert relations[HouseholdRelation.PARTNER] <= 1
        applicant = next(
            persons[m["person_id"]] for m in rows if m["relation"] == HouseholdRelation.APPLICANT
        )
        in_dossier = [persons[m["person_id"]] for m in rows if m["person_id"]]
        assert {p["municipality_id"] for p in in_dossier} == {households[household_id]["municipality_id"]}
        koppeling = as_date(applicant["koppeling_date"])
        for child in (m for m in rows if m["relation"] == HouseholdRelation.CHILD):
            assert child["person_id"] is None
            dob = as_date(child["date_of_birth"])
            assert age_on(dob, koppeling) < 18
            assert age_on(as_date(applicant["date_of_birth"]), dob) >= 18


@settings(max_examples=60, deadline=None)
@given(seed=seeds, count=counts)
def test_each_timeline_has_two_to_six_events_from_koppeling_up_to_now(seed, count):
    chunk = generate(count, seed)
    persons = {p["id"]: p for p in records(chunk, "persons")}
    timelines = defaultdict(list)
    for e in records(chunk, "events"):
        timelines[e["person_id"]].append(e)
    assert set(timelines) == set(persons)
    now = clock.now()
    for person_id, events in timelines.items():
        person = persons[person_id]
        moments = [as_moment(e["occurred_at"]) for e in events]
        assert 2 <= len(events) <= 6
        assert moments == sorted(moments)
        assert moments[-1] <= now
        assert events[0]["kind"] == EventKind.REGISTRATION
        assert moments[0].date() == as_date(person["koppeling_date"])
        assert as_moment(person["created_at"]) == moments[0]
        assert as_moment(person["updated_at"]) == moments[-1]


@settings(max_examples=60, deadline=None)
@given(seed=seeds, count=counts)
def test_only_asylum_migrants_past_the_regeldag_get_partners_assigned(seed, count):
    chunk = generate(count, seed)
    persons = {p["id"]: p for p in records(chunk, "persons")}
    today = clock.today()
    for a in records(chunk, "assignments"):
        person = persons[a["person_id"]]
        assert person["target_group"] == TargetGroup.ASIEL
        assert PHASES.index(person["phase"]) >= PHASES.index(Phase.REGELDAG)
        assert a["organisation_id"] in ORGANISATIONS
        assert a["role"] in AssignmentRole.values
        start, end = as_date(a["start_date"]), as_date(a["end_date"])
        assert as_date(person["brp_registration_date"]) <= start <= today
        assert end is None or start <= end <= today
        assert (end is not None) == (person["phase"] == Phase.AFGESLOTEN) or a[
            "role"
        ] == AssignmentRole.VRIJWILLIGER
