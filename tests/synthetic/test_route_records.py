"""Generated inburgering records hold together with the dossier and with the law: one duty per person,
terms that end three years (or an extension) after the PIP, offers and fines only for asylum migrants,
hours attended within the hours offered; and the mix of deadlines relative to today gives the
attention lists overdue and upcoming items."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from koers.inburgering.constants import BoeteGrond, PipStatus, PlichtStatus
from koers.inburgering.terms import inburgeringstermijn_end
from koers.lib import clock
from koers.people.constants import TargetGroup

from .rows import as_date, generate, grouped, records

seeds = st.integers(min_value=0, max_value=2**32)


def by_person(rows: list[dict]) -> dict[int, list[dict]]:
    return grouped(rows, "person_id")


@settings(max_examples=30, deadline=None)
@given(seed=seeds)
def test_every_person_has_one_duty_and_its_term_follows_the_pip(seed):
    chunk = generate(60, seed)
    persons = {p["id"]: p for p in records(chunk, "persons")}
    plichten = by_person(records(chunk, "plichten"))
    pips = by_person(records(chunk, "pips"))
    extended = {v["person_id"] for v in records(chunk, "verlengingen") if v["new_end"]}
    assert set(plichten) == set(persons)
    for person_id, (plicht,) in plichten.items():
        person = persons[person_id]
        assert plicht["start_date"] == person["koppeling_date"]
        assert plicht["leerroute_term_start"] == person["brp_registration_date"]
        own = sorted(pips.get(person_id, []), key=lambda p: p["number"])
        if not own:
            assert plicht["termijn_start"] is None and plicht["termijn_end"] is None
            continue
        assert person["brp_registration_date"] is not None
        assert [p["status"] for p in own][-1] == PipStatus.VASTGESTELD
        assert all(p["status"] == PipStatus.VERVANGEN for p in own[:-1])
        start, end = as_date(plicht["termijn_start"]), as_date(plicht["termijn_end"])
        assert start == as_date(own[0]["dagtekening"]) >= as_date(person["brp_registration_date"])
        forecast = inburgeringstermijn_end(start)
        assert end == forecast or (person_id in extended and end > forecast)
        if plicht["status"] != PlichtStatus.LOPEND:
            assert as_date(plicht["ended_on"]) <= clock.today()


@settings(max_examples=30, deadline=None)
@given(seed=seeds)
def test_offers_and_fines_are_only_for_asylum_migrants_and_hours_stay_within_the_offer(seed):
    chunk = generate(60, seed)
    persons = {p["id"]: p for p in records(chunk, "persons")}
    first_pip = {p["person_id"]: as_date(p["dagtekening"]) for p in records(chunk, "pips") if p["number"] == 1}
    offers = {a["id"]: a for a in records(chunk, "aanbod")}
    today = clock.today()
    for offer in offers.values():
        assert persons[offer["person_id"]]["target_group"] == TargetGroup.ASIEL
        assert as_date(offer["datum_inburgeringsaanbod"]) >= first_pip[offer["person_id"]]
        assert as_date(offer["verwachte_einddatum"]) > as_date(offer["verwachte_startdatum"])
    periods = Counter()
    for hours in records(chunk, "uren"):
        assert offers[hours["aanbod_id"]]["person_id"] == hours["person_id"]
        assert as_date(hours["period_start"]) <= as_date(hours["period_end"]) and as_date(hours["period_start"]) <= today
        offered, attended, excused = (Decimal(str(hours[k])) for k in ("hours_offered", "hours_attended",
                                                                        "hours_absent_excused"))
        assert 0 <= attended and 0 <= excused and attended + excused <= offered
        periods[hours["aanbod_id"], hours["period_start"]] += 1
    assert all(count == 1 for count in periods.values())
    for fine in records(chunk, "boetes"):
        assert persons[fine["person_id"]]["target_group"] == TargetGroup.ASIEL
        if fine["amount"] is not None:
            assert Decimal(0) < Decimal(fine["amount"]) <= BoeteGrond(fine["grond"]).maximum_euro
    for exam in records(chunk, "examens"):
        assert as_date(exam["exam_date"]) <= today


def test_the_deadlines_fall_before_soon_and_long_after_today():
    chunk = generate(3000, seed=11)
    today = clock.today()
    ends = [as_date(p["termijn_end"]) for p in records(chunk, "plichten")
            if p["termijn_end"] and p["status"] == PlichtStatus.LOPEND]
    assert sum(end <= today for end in ends) > 20  # overrun: a case for MAP/PVT verwijtbaar or a fine
    assert sum(today < end <= today + dt.timedelta(days=183) for end in ends) > 20  # within six months
    assert sum(end > today + dt.timedelta(days=365) for end in ends) > 100
    with_pip = {p["person_id"] for p in records(chunk, "pips")}
    waiting = [as_date(p["brp_registration_date"]) for p in records(chunk, "persons")
               if p["brp_registration_date"] and p["id"] not in with_pip]
    assert sum(today - brp > dt.timedelta(weeks=10) for brp in waiting) > 5  # leerroute overdue
    assert sum(today - brp <= dt.timedelta(weeks=10) for brp in waiting) > 5  # leerroute ahead
    hours = records(chunk, "uren")
    behind = [h for h in hours if h["hours_attended"] < 0.8 * (h["hours_offered"] - h["hours_absent_excused"])]
    assert 0.03 < len(behind) / len(hours) < 0.5
    assert records(chunk, "boetes") and records(chunk, "verlengingen") and records(chunk, "vrijstellingen")
