"""A change to a watched record recomputes that person's signals as soon as the transaction commits."""

from __future__ import annotations

import datetime as dt

from koers.inburgering.constants import PipStatus
from koers.lib.deadlines import deadline_sources
from koers.signals.models import Signal, SignalStatus
from tests.inburgering.route_factories import CurrentPipFactory, PlichtFactory


def test_the_inburgering_source_watches_the_records_its_deadlines_come_from():
    watched = {label for source in deadline_sources() if source.name == "inburgering" for label in source.watches}
    assert {"inburgering.PipVersie", "inburgering.Inburgeringsplicht", "people.TimelineEvent"} <= watched


def test_a_decided_pip_closes_the_leerroute_signal_and_opens_its_objection_period_at_once(
    tenants, django_capture_on_commit_callbacks
):
    person = tenants.a.person
    with django_capture_on_commit_callbacks(execute=True):
        PlichtFactory(person=person, leerroute_term_start=dt.date(2026, 10, 1), termijn_start=None, termijn_end=None)
    assert Signal.objects.get(person=person, kind="inburgering.leerroute").status == SignalStatus.OPEN
    with django_capture_on_commit_callbacks(execute=True):
        CurrentPipFactory(person=person, dagtekening=dt.date(2026, 11, 20))
    assert Signal.objects.get(person=person, kind="inburgering.leerroute").status == SignalStatus.LAPSED
    assert Signal.objects.get(person=person, kind="inburgering.pip_bezwaar").due == dt.date(2027, 1, 4)


def test_a_changed_pip_moves_its_objection_deadline(tenants, django_capture_on_commit_callbacks):
    person = tenants.a.person
    with django_capture_on_commit_callbacks(execute=True):
        PlichtFactory(person=person)
        pip = CurrentPipFactory(person=person, dagtekening=dt.date(2026, 11, 20))
    with django_capture_on_commit_callbacks(execute=True):
        pip.dagtekening = dt.date(2026, 11, 24)
        pip.save()
    assert list(
        Signal.objects.filter(person=person, kind="inburgering.pip_bezwaar").values_list("status", "due")
    ) == [(SignalStatus.OPEN, dt.date(2027, 1, 5))]


def test_nothing_is_recomputed_before_the_transaction_commits(tenants, django_capture_on_commit_callbacks):
    person = tenants.a.person
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        PlichtFactory(person=person, leerroute_term_start=dt.date(2026, 10, 1))
        CurrentPipFactory(person=person, status=PipStatus.CONCEPT, dagtekening=None)
    assert not Signal.objects.filter(person=person).exists()
    assert callbacks
