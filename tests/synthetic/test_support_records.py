"""Generated support holds together with the dossier and with the MB state machine: an asylum migrant
gets one trajectory from the koppeling, pinned to the municipality's policy, whose steps are ones the
services would allow and whose state is the dossier's phase; the start-up checklist is the policy's,
ticked off only from the regeldag; the household gets ontzorgen from its first benefit payment. Sites
without an MB policy (the demo's) get none of it."""

from __future__ import annotations

import dataclasses
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from koers.begeleiding.constants import ChecklistStatus
from koers.begeleiding.transitions import is_allowed
from koers.lib import clock
from koers.lib.dates import add_months
from koers.people.constants import HouseholdRelation, Phase, TargetGroup
from koers.synthetic.generator import COLUMNS, DossierGenerator, Start
from koers.synthetic.support import SUPPORT_COLUMNS, SupportRecords

from .rows import MB_POLICY, SITES, as_date, generate, grouped, records

seeds = st.integers(min_value=0, max_value=2**32)
WITH_POLICY = {site.municipality_id for site in SITES if site.mb_policy is not None}


def steps_by_trajectory(chunk) -> dict[int, list[dict]]:
    return grouped(records(chunk, "transitions"), "trajectory_id")


def trajectories_with_steps(chunk) -> list[tuple[dict, list[dict]]]:
    """Each generated trajectory with its steps, in order."""
    steps = steps_by_trajectory(chunk)
    return [(trajectory, steps[trajectory["id"]]) for trajectory in records(chunk, "trajectories")]


def regeldag_of(steps: list[dict]) -> str | None:
    return next((step["on"] for step in steps if step["to_state"] == Phase.REGELDAG), None)


@settings(max_examples=30, deadline=None)
@given(seed=seeds)
def test_asylum_migrants_at_a_site_with_a_policy_have_one_trajectory_in_their_phase(seed):
    chunk = generate(60, seed)
    trajectories = grouped(records(chunk, "trajectories"), "person_id")
    for person in records(chunk, "persons"):
        own = trajectories.get(person["id"], [])
        if person["target_group"] != TargetGroup.ASIEL or person["municipality_id"] not in WITH_POLICY:
            assert own == []
            continue
        [trajectory] = own
        assert trajectory["policy_id"] == MB_POLICY.policy_id
        assert trajectory["state"] == person["phase"]
        assert trajectory["started_on"] == person["koppeling_date"]
        assert (trajectory["closed_on"] is not None) == (trajectory["state"] == Phase.AFGESLOTEN)


@settings(max_examples=30, deadline=None)
@given(seed=seeds)
def test_the_steps_are_ones_the_state_machine_allows_in_date_order(seed):
    for trajectory, own in trajectories_with_steps(generate(60, seed)):
        assert (own[0]["from_state"], own[0]["to_state"], own[0]["on"]) == ("", Phase.KOPPELING,
                                                                           trajectory["started_on"])
        for before, after in zip(own, own[1:]):
            assert after["from_state"] == before["to_state"]
            assert is_allowed(before["to_state"], after["to_state"])
            assert as_date(before["on"]) <= as_date(after["on"]) <= clock.today()
            if after["to_state"] == Phase.AFGESLOTEN and before["to_state"] != Phase.AFRONDING:
                assert after["reason"], "closing early needs a reason"
        assert (own[-1]["to_state"], own[-1]["on"]) == (trajectory["state"], trajectory["state_since"])


@settings(max_examples=30, deadline=None)
@given(seed=seeds)
def test_mb_starts_at_the_regeldag_and_runs_for_the_policys_months(seed):
    for trajectory, steps in trajectories_with_steps(generate(60, seed)):
        regeldag = regeldag_of(steps)
        assert trajectory["mb_start"] == regeldag
        if regeldag is None:
            assert trajectory["planned_end"] is None and trajectory["worker_id"] is None
        else:
            assert as_date(trajectory["planned_end"]) == add_months(as_date(regeldag), MB_POLICY.duration_months)


@settings(max_examples=30, deadline=None)
@given(seed=seeds)
def test_the_checklist_is_the_policys_and_ticked_off_only_from_the_regeldag(seed):
    chunk = generate(60, seed)
    items = grouped(records(chunk, "checklist"), "trajectory_id")
    for trajectory, steps in trajectories_with_steps(chunk):
        own = sorted(items[trajectory["id"]], key=lambda item: item["position"])
        assert [(i["key"], i["group"], i["label"]) for i in own] == [spec[:3] for spec in MB_POLICY.checklist]
        regeldag = regeldag_of(steps)
        for item in own:
            assert item["status"] in ChecklistStatus.values
            if item["status"] == ChecklistStatus.DONE:
                assert regeldag is not None
                assert as_date(regeldag) <= as_date(item["changed_on"]) <= clock.today()
            else:
                assert item["changed_on"] is None


def test_most_of_the_checklist_is_done_once_the_start_up_phase_is_over():
    chunk = generate(600, seed=3)
    states = {t["id"]: t["state"] for t in records(chunk, "trajectories")}
    later = [i for i in records(chunk, "checklist") if states[i["trajectory_id"]] == Phase.AFRONDING]
    waiting = [i for i in records(chunk, "checklist") if states[i["trajectory_id"]] == Phase.HUISVESTING]
    assert later and waiting
    assert sum(i["status"] == ChecklistStatus.DONE for i in later) / len(later) > 0.8
    assert not any(i["status"] == ChecklistStatus.DONE for i in waiting)


def test_some_trajectories_close_early_with_a_reason():
    chunk = generate(1500, seed=3)
    closed = [s for s in records(chunk, "transitions") if s["to_state"] == Phase.AFGESLOTEN]
    early = [s for s in closed if s["from_state"] != Phase.AFRONDING]
    assert early and len(early) < len(closed)


@settings(max_examples=30, deadline=None)
@given(seed=seeds)
def test_ontzorgen_starts_after_the_applicants_regeldag(seed):
    chunk = generate(60, seed)
    persons = {p["id"]: p for p in records(chunk, "persons")}
    applicant = {
        m["household_id"]: persons[m["person_id"]]
        for m in records(chunk, "members")
        if m["relation"] == HouseholdRelation.APPLICANT and m["person_id"]
    }
    steps = steps_by_trajectory(chunk)
    regeldag = {t["person_id"]: regeldag_of(steps[t["id"]]) for t in records(chunk, "trajectories")}
    arrangements = {a["id"]: a for a in records(chunk, "arrangements")}
    for arrangement in arrangements.values():
        head = applicant[arrangement["household_id"]]
        assert head["target_group"] == TargetGroup.ASIEL and head["municipality_id"] in WITH_POLICY
        assert as_date(regeldag[head["id"]]) < as_date(arrangement["start"]) <= clock.today()
        if arrangement["ended_on"]:
            assert as_date(arrangement["ended_on"]) > as_date(arrangement["start"])
            assert arrangement["end_reason"]
    for extension in records(chunk, "ontzorgen_extensions"):
        arrangement = arrangements[extension["arrangement_id"]]
        assert extension["months"] in (3, 6) and extension["approved_by_id"] is not None
        assert arrangement["ended_on"] is None
        assert as_date(arrangement["start"]) < as_date(extension["approved_on"]) <= clock.today()


def test_households_of_other_migrants_and_sites_without_a_policy_get_no_ontzorgen():
    chunk = generate(1500, seed=3)
    assert records(chunk, "arrangements")
    households = {a["household_id"] for a in records(chunk, "arrangements")}
    persons = {p["id"]: p for p in records(chunk, "persons")}
    for member in records(chunk, "members"):
        if member["household_id"] in households and member["person_id"]:
            person = persons[member["person_id"]]
            assert person["target_group"] == TargetGroup.ASIEL and person["municipality_id"] in WITH_POLICY


@settings(max_examples=20, deadline=None)
@given(seed=seeds)
def test_the_support_leaves_the_rest_of_a_dossier_as_it_would_be_without_it(seed):
    """The support throws its own dice, so the dossiers of a seed (the demo's among them) stay the same
    whether or not a site generates support; only a trajectory closed early changes the dossier's phases,
    which is left out here."""
    without = tuple(dataclasses.replace(site, mb_policy=None) for site in SITES)
    plain = DossierGenerator(without, seed=seed, start=Start(), now=clock.now(), today=clock.today())
    [chunk_without] = plain.chunks(40, chunk_size=40)
    with mock.patch.object(SupportRecords, "_closed_early", lambda self, steps: steps):
        chunk_with = generate(40, seed)
    assert chunk_with.trajectories
    for table in COLUMNS:
        if table in SUPPORT_COLUMNS:
            assert getattr(chunk_without, table) == []
        else:
            assert getattr(chunk_with, table) == getattr(chunk_without, table), table
