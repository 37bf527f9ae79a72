"""Recomputing merges the computed deadlines into the stored signals: new ones open, changed due
dates move, vanished ones lapse (kept), a resolved one only comes back when its due date moved."""

from __future__ import annotations

import datetime as dt

from koers.inburgering.models import Inburgeringsplicht
from koers.lib import clock
from koers.signals.engine import recompute
from koers.signals.models import RecomputeRun, Signal, SignalStatus
from koers.signals.services import resolve
from tests.inburgering.route_factories import PlichtFactory

LEERROUTE = "inburgering.leerroute"


def leerroute_signals(person):
    return Signal.objects.filter(person=person, kind=LEERROUTE)


def waiting_for_leerroute(person, start=dt.date(2026, 10, 1)) -> Inburgeringsplicht:
    return PlichtFactory(person=person, leerroute_term_start=start, termijn_start=None, termijn_end=None)


def test_a_new_deadline_becomes_an_open_signal_of_the_persons_municipality(tenants):
    person = tenants.a.person
    waiting_for_leerroute(person)
    outcome = recompute()
    signal = leerroute_signals(person).get()
    assert (signal.status, signal.due, signal.municipality_id) == (
        SignalStatus.OPEN, dt.date(2026, 12, 10), person.municipality_id,
    )
    assert outcome.created >= 1


def test_recomputing_twice_changes_nothing_the_second_time(tenants):
    waiting_for_leerroute(tenants.a.person)
    waiting_for_leerroute(tenants.b.person, start=dt.date(2026, 9, 1))
    recompute()
    before = list(Signal.objects.order_by("pk").values_list("pk", "status", "due", "detail"))
    again = recompute()
    assert (again.created, again.updated, again.lapsed) == (0, 0, 0)
    assert list(Signal.objects.order_by("pk").values_list("pk", "status", "due", "detail")) == before


def test_a_changed_due_date_moves_the_open_signal(tenants):
    plicht = waiting_for_leerroute(tenants.a.person)
    recompute()
    plicht.leerroute_term_start = dt.date(2026, 10, 8)
    plicht.save()
    recompute()
    assert list(leerroute_signals(tenants.a.person).values_list("status", "due")) == [
        (SignalStatus.OPEN, dt.date(2026, 12, 17))
    ]


def test_a_deadline_that_no_longer_runs_lapses_and_is_kept(tenants):
    plicht = waiting_for_leerroute(tenants.a.person)
    recompute()
    plicht.leerroute_term_start = None
    plicht.save()
    outcome = recompute()
    signal = leerroute_signals(tenants.a.person).get()
    assert (signal.status, signal.closed_at, outcome.lapsed) == (SignalStatus.LAPSED, clock.now(), 1)


def test_a_resolved_signal_is_not_reopened_for_the_same_due_date(tenants):
    waiting_for_leerroute(tenants.a.person)
    recompute()
    resolve(actor=tenants.a.consultant, signal=leerroute_signals(tenants.a.person).get(), reason="Gebeld met DUO")
    recompute()
    assert list(leerroute_signals(tenants.a.person).values_list("status", flat=True)) == [SignalStatus.RESOLVED]


def test_a_resolved_signal_comes_back_as_a_new_one_when_its_due_date_moves(tenants):
    plicht = waiting_for_leerroute(tenants.a.person)
    recompute()
    resolve(actor=tenants.a.consultant, signal=leerroute_signals(tenants.a.person).get(), reason="Gebeld met DUO")
    plicht.leerroute_term_start = dt.date(2026, 10, 15)
    plicht.save()
    recompute()
    assert sorted(leerroute_signals(tenants.a.person).values_list("status", "due")) == [
        (SignalStatus.RESOLVED, dt.date(2026, 12, 10)),
        (SignalStatus.OPEN, dt.date(2026, 12, 24)),
    ]


def test_a_snooze_that_has_run_out_opens_the_signal_again(tenants):
    waiting_for_leerroute(tenants.a.person)
    recompute()
    signal = leerroute_signals(tenants.a.person).get()
    Signal.objects.filter(pk=signal.pk).update(status=SignalStatus.SNOOZED, snoozed_until=dt.date(2026, 11, 30))
    recompute()
    assert leerroute_signals(tenants.a.person).get().status == SignalStatus.SNOOZED
    with clock.frozen(dt.date(2026, 11, 30)):
        recompute()
    assert leerroute_signals(tenants.a.person).get().status == SignalStatus.OPEN


def test_a_recompute_for_one_person_leaves_the_others_alone(tenants):
    waiting_for_leerroute(tenants.a.person)
    plicht_b = waiting_for_leerroute(tenants.b.person)
    recompute()
    plicht_b.leerroute_term_start = None
    plicht_b.save()
    recompute(person_ids=[tenants.a.person.pk])
    assert leerroute_signals(tenants.b.person).get().status == SignalStatus.OPEN


def test_a_recompute_of_one_municipality_stays_inside_it(tenants):
    waiting_for_leerroute(tenants.a.person)
    waiting_for_leerroute(tenants.b.person)
    recompute(municipality_id=tenants.a.municipality.pk)
    assert set(Signal.objects.values_list("person_id", flat=True)) == {tenants.a.person.pk}
    assert RecomputeRun.objects.get().scope == f"gemeente:{tenants.a.municipality.pk}"


def test_a_person_who_moved_takes_the_signal_to_the_new_municipality(tenants):
    person = tenants.a.person
    waiting_for_leerroute(person)
    recompute()
    person.municipality = tenants.b.municipality
    person.save()
    recompute()
    assert leerroute_signals(person).get().municipality_id == tenants.b.municipality.pk
