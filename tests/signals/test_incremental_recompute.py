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


def open_route_signals(person) -> list[tuple]:
    """The person's open signals about the PIP and the offer."""
    signals = Signal.objects.filter(person=person, status=SignalStatus.OPEN,
                                    kind__in=["inburgering.aanbod", "inburgering.pip_bezwaar"])
    return list(signals.values_list("kind", "reference", "due").order_by("kind"))


def test_revising_the_pip_on_the_screen_recomputes_that_persons_deadlines_at_once(
    tenants, django_capture_on_commit_callbacks
):
    from tests.inburgering.factories import InburgeringsplichtFactory
    from tests.inburgering.screens import logged_in

    person = tenants.a.person
    InburgeringsplichtFactory(person=person)
    client = logged_in(tenants.a.consultant)
    decide = {"action": "vaststellen", "alfabetisering": "NVT", "map": "on", "pvt": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/personen/{person.pk}/plan/pip/", {**decide, "dagtekening": "02-11-2026", "leerroute": "B"})
    first = person.pip_versies.get(number=1)
    assert open_route_signals(person) == [
        ("inburgering.aanbod", f"plicht:{person.inburgeringsplicht.pk}", dt.date(2026, 11, 30)),
        ("inburgering.pip_bezwaar", f"pip:{first.pk}", dt.date(2026, 12, 14)),
    ]

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/personen/{person.pk}/plan/pip/", {**decide, "dagtekening": "20-11-2026", "leerroute": "Z"})

    second = person.pip_versies.get(number=2)
    assert Signal.objects.get(person=person, reference=f"pip:{first.pk}").status == SignalStatus.LAPSED
    assert open_route_signals(person) == [
        ("inburgering.aanbod", f"plicht:{person.inburgeringsplicht.pk}", dt.date(2026, 12, 18)),
        ("inburgering.pip_bezwaar", f"pip:{second.pk}", dt.date(2027, 1, 4)),
    ]
