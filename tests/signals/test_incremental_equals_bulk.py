"""After any change to a record some deadline source watches, the incremental recompute (only the
sources watching that model, only the persons the record belongs to) leaves exactly the signals a
full recompute of everyone would leave.

The world is the demo's (``set_up_demo``: inburgering routes, MB trajectories, ontzorgen, interviews)
plus the records the demo lacks (tasks, calls, barriers, fines, DUO notifications, an ontzorgen
extension) and signals users resolved and snoozed. Each change is made twice from the same state,
rolled back in between: once with the hooks (the incremental path), once without them followed by a
full recompute; the signal tables must then be the same, row for row (the ids aside)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, event, given, reject, settings
from hypothesis import strategies as st

from koers.begeleiding.constants import CallOutcome, ExtensionStatus
from koers.begeleiding.models import CallRecord, Extension, Task, Trajectory
from koers.duo.models import Notification
from koers.inburgering.constants import BelemmeringSoort, BoeteStatus, PipStatus
from koers.inburgering.models import Belemmering, PipVersie, Urenregistratie
from koers.lib import clock
from koers.lib.deadlines import watched_models
from koers.ontzorgen.constants import RunStatus
from koers.ontzorgen.models import Arrangement, PaymentRun, WithheldItem
from koers.ontzorgen.models import Extension as OntzorgenExtension
from koers.people.constants import EventKind, Phase
from koers.people.models import Person
from koers.signals import engine, hooks
from koers.signals.models import Signal, SignalStatus
from koers.synthetic.demo import set_up_demo
from tests.factories import TimelineEventFactory
from tests.inburgering.route_factories import BoeteFactory
from tests.once import made_once

pytestmark = pytest.mark.django_db

SNAPSHOT_FIELDS = ("person_id", "municipality_id", "kind", "reference", "due", "category", "detail", "status",
                   "snoozed_until", "first_seen", "last_computed", "closed_at")
FAILED_CHANGE = (IntegrityError, ValidationError, ProtectedError, RestrictedError, ValueError, TypeError)


def snapshot() -> list[tuple]:
    return sorted(Signal.objects.values_list(*SNAPSHOT_FIELDS), key=repr)


@contextmanager
def hooks_off() -> Iterator[None]:
    from django.db.models.signals import post_delete, post_save

    post_save.disconnect(dispatch_uid="koers.signals.changed.save")
    post_delete.disconnect(dispatch_uid="koers.signals.changed.delete")
    try:
        yield
    finally:
        hooks.connect()


@contextmanager
def undone() -> Iterator[None]:
    """Whatever happens inside is rolled back afterwards."""
    savepoint = transaction.savepoint()
    try:
        yield
    finally:
        transaction.savepoint_rollback(savepoint)


def after_incremental(change: Callable[[], None]) -> list[tuple]:
    with undone():
        with TestCase.captureOnCommitCallbacks(execute=True):
            change()
        return snapshot()


def after_full(change: Callable[[], None]) -> list[tuple]:
    with undone(), hooks_off():
        change()
        engine.recompute(log=False)
        return snapshot()


def _extra_records(persons: list[Person]) -> None:
    """What the demo does not make: tasks and calls, barriers, fines, DUO notifications, an extension
    of ontzorgen, a month's payment run cancelled (fixed costs paid late), and signals resolved and
    snoozed by users."""
    today = clock.today()
    for number, trajectory in enumerate(Trajectory.objects.order_by("pk")[:6]):
        Task.objects.create(trajectory=trajectory, title=f"Taak {number}", due=today + dt.timedelta(days=number - 3))
        CallRecord.objects.create(trajectory=trajectory, called_on=today - dt.timedelta(days=40 * number),
                                  outcome=CallOutcome.values[0])
        if not trajectory.extensions.filter(status=ExtensionStatus.REQUESTED).exists():
            Extension.objects.create(trajectory=trajectory, months=3, requested_on=today - dt.timedelta(days=number),
                                     reason="Langer nodig", status=ExtensionStatus.REQUESTED)
    for number, person in enumerate(persons[:5]):
        Belemmering.objects.create(person=person, soort=BelemmeringSoort.values[number % 3], description="Wachtlijst",
                                   since=today - dt.timedelta(days=30), follow_up_on=today + dt.timedelta(days=number))
        BoeteFactory(person=person, status=BoeteStatus.BESLUIT, decision_date=today - dt.timedelta(days=7 * number),
                     objection_filed_on=today - dt.timedelta(days=2) if number % 2 else None)
        Notification.objects.create(message_id=uuid.uuid4(), event_key=f"wereld-{number}", event_code=("SS126", "SS122", "SS109")[number % 3],
                                    sender_oin="1", recipient_oin="2", payload={}, person=person,
                                    status=(Notification.Status.PROCESSED, Notification.Status.FAILED)[number % 2],
                                    received_at=clock.now() - dt.timedelta(days=number))
    PaymentRun.objects.filter(pk=PaymentRun.objects.filter(month=today.replace(day=1)).order_by("pk")[:1]).update(
        status=RunStatus.CANCELLED
    )
    arrangement = Arrangement.objects.order_by("pk").first()
    OntzorgenExtension.objects.create(arrangement=arrangement, months=2, reason="Toeslagen te laat",
                                      approved_by=arrangement.created_by or _any_user())
    live = list(Signal.objects.filter(status=SignalStatus.OPEN).order_by("pk"))
    for signal in live[::7]:
        Signal.objects.filter(pk=signal.pk).update(status=SignalStatus.RESOLVED, resolved_at=clock.now(),
                                                   resolved_reason="Afgehandeld")
    for signal in live[3::11]:
        Signal.objects.filter(pk=signal.pk).update(status=SignalStatus.SNOOZED, snooze_reason="Later",
                                                   snoozed_until=today + dt.timedelta(days=10))


def _any_user():
    from koers.access.models import User

    return User.objects.order_by("pk").first()


def _world() -> list[str]:
    """The demo's dossiers with every watched model filled, recomputed in full; the watched models
    that have records."""
    with hooks_off():
        set_up_demo(60)
        _extra_records(list(Person.objects.order_by("pk")))
        engine.recompute(log=False)
    again = engine.recompute(log=False)
    assert (again.created, again.updated, again.lapsed, again.reopened) == (0, 0, 0, 0)
    return [label for label in sorted(watched_models()) if apps.get_model(label).objects.exists()]


world = made_once("world", _world)


def test_the_world_has_records_of_every_watched_model(world):
    assert world == sorted(watched_models())


# Random changes: a field of a watched record set to another value, the record deleted, or copied.

def _fields(model: type[models.Model]) -> list[models.Field]:
    return [field for field in model._meta.concrete_fields
            if not field.primary_key and not field.is_relation and _new_value(field, None, 0) is not _SKIP]


_SKIP = object()


def _new_value(field: models.Field, current, number: int):
    """Another value for the field, from the drawn number (``_SKIP``: a field no change is drawn for)."""
    if field.null and number % 5 == 0:
        return None
    if field.choices:
        values = [value for value, _label in field.flatchoices]
        return values[number % len(values)]
    if isinstance(field, models.DateTimeField):
        return (current or clock.now()) + dt.timedelta(days=number % 801 - 400)
    if isinstance(field, models.DateField):
        return (current or clock.today()) + dt.timedelta(days=number % 801 - 400)
    if isinstance(field, models.BooleanField):
        return not current
    if isinstance(field, models.DecimalField):
        return Decimal(number % 400) / 10
    if isinstance(field, models.PositiveSmallIntegerField | models.PositiveIntegerField):
        return number % 13 + 1
    return _SKIP


def _change(label: str, index: int, action: str, field_number: int, number: int) -> Callable[[], None]:
    model = apps.get_model(label)

    def change() -> None:
        records = model.objects.order_by("pk")
        record = records[index % records.count()]
        try:
            with transaction.atomic():
                if action == "delete":
                    record.delete()
                    return
                if action == "copy":
                    # The same id both times: a rolled-back insert does not give its id back on PostgreSQL.
                    record.pk = records.last().pk + 1
                    record._state.adding = True
                fields = _fields(model)
                field = fields[field_number % len(fields)]
                setattr(record, field.attname, _new_value(field, getattr(record, field.attname), number))
                record.save()
        except FAILED_CHANGE:
            reject()

    return change


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_after_a_random_change_the_incremental_recompute_leaves_what_a_full_recompute_leaves(world, data):
    change = _change(
        data.draw(st.sampled_from(world), label="model"),
        data.draw(st.integers(0, 10_000), label="record"),
        data.draw(st.sampled_from(["change", "change", "change", "delete", "copy"]), label="action"),
        data.draw(st.integers(0, 50), label="field"),
        data.draw(st.integers(0, 10_000), label="value"),
    )
    incremental = after_incremental(change)
    event("signals changed" if incremental != snapshot() else "signals unchanged")
    assert incremental == after_full(change)


# Realistic changes, one by one.

def _live(kind: str) -> Signal:
    return Signal.objects.filter(kind=kind, status=SignalStatus.OPEN).order_by("pk").first()


def _shift_pip() -> None:
    pip = PipVersie.objects.filter(status=PipStatus.VASTGESTELD).order_by("-dagtekening", "pk").first()
    pip.dagtekening += dt.timedelta(days=3)
    pip.save()


def _trajectory_step() -> None:
    trajectory = Trajectory.objects.get(pk=_live("begeleiding.opstartfase").reference.split(":")[1])
    trajectory.state, trajectory.state_since = Phase.VERDERE_BEGELEIDING, clock.today()
    trajectory.save()


def _withheld_items_start_later() -> None:
    """The fixed costs of a household paid late start next month after all."""
    person = _live("ontzorgen.te_laat").person
    for item in WithheldItem.objects.filter(arrangement__household__members__person=person):
        item.valid_from, item.valid_until = clock.today().replace(day=1) + dt.timedelta(days=31), None
        item.save()


def _run_cancelled() -> None:
    run = PaymentRun.objects.filter(month=clock.today().replace(day=1)).exclude(status=RunStatus.CANCELLED) \
        .order_by("pk").first()
    run.status = RunStatus.CANCELLED
    run.save()


def _ontzorgen_extended() -> None:
    arrangement = Arrangement.objects.get(pk=_live("ontzorgen.einde").reference.split(":")[1])
    OntzorgenExtension.objects.create(arrangement=arrangement, months=1, reason="Toeslagen te laat",
                                      approved_by=_any_user())


def _hours_reported() -> None:
    period = Urenregistratie.objects.filter(period_end__lte=clock.today()).order_by("-period_end", "pk").first()
    period.hours_attended = Decimal(0)
    period.save()


def _note_written() -> None:
    TimelineEventFactory(person_id=_live("inburgering.contact").person_id, kind=EventKind.NOTE,
                         occurred_at=clock.now())


def _barrier_removed() -> None:
    Belemmering.objects.get(pk=_live("inburgering.belemmering").reference.split(":")[1]).delete()


REALISTIC = {
    "a PIP saved with another dagtekening": (_shift_pip, True),
    "a trajectory step": (_trajectory_step, True),
    "withheld items starting later": (_withheld_items_start_later, True),
    "a payment run cancelled": (_run_cancelled, True),
    "ontzorgen extended": (_ontzorgen_extended, True),
    "hours reported": (_hours_reported, True),
    "a note written": (_note_written, True),
    "a barrier removed": (_barrier_removed, True),
}


@pytest.mark.parametrize(("change", "changes_signals"), list(REALISTIC.values()), ids=list(REALISTIC))
def test_after_a_realistic_change_the_incremental_recompute_leaves_what_a_full_recompute_leaves(
    world, change, changes_signals
):
    incremental = after_incremental(change)
    assert incremental == after_full(change)
    assert (incremental != snapshot()) == changes_signals


def test_a_changed_pip_reads_no_ontzorgen_begeleiding_or_hours_records(world):
    with undone():
        with TestCase.captureOnCommitCallbacks() as after_commit:
            _shift_pip()
        assert hooks.flush in after_commit
        with CaptureQueriesContext(connection) as queries:
            hooks.flush()
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert "inburgering_inburgeringsplicht" in read and "signals_signal" in read
    for table in ("ontzorgen_", "begeleiding_", "inburgering_urenregistratie", "kwalitatief_", "duo_"):
        assert table not in read


def test_a_recompute_of_many_persons_from_one_source_leaves_the_other_kinds_alone(world):
    """More than ``SMALL`` persons go through the temporary tables; a source's recompute lapses only
    its own kinds there too."""
    persons = list(Person.objects.values_list("pk", flat=True))
    assert len(persons) > engine.SMALL
    with undone(), hooks_off():
        _hours_reported()
        from koers.lib.deadlines import deadline_sources

        engine.recompute(person_ids=persons, log=False,
                         sources=[source for source in deadline_sources() if source.name == "inburgering.uren"])
        partial = snapshot()
    assert partial == after_full(_hours_reported)
