"""Background work for every part of Koers: periodic jobs and one-off work, one registry.

Apps register in their ``AppConfig.ready()``::

    jobs.register_task("duo.send_outbox", outbox.send_due)
    jobs.register_periodic("duo.process_notifications", processing.process_due, every=timedelta(seconds=10))
    jobs.register_periodic("signals.recompute", recompute, daily_at=time(2, 0))

and ask for one-off work inside their transaction with ``jobs.enqueue("duo.send_outbox", limit=50)``.

Two ways to run it:

* Embedded (default, no broker): ``koers worker`` runs due periodic jobs and queued work in a loop,
  in one process. All state is in the database (``PeriodicJobState``, ``QueuedJob``), so a restart
  resumes where it stopped. Two workers may run at once: a row is claimed with
  ``select_for_update(skip_locked=True)`` on PostgreSQL and an atomic conditional UPDATE on SQLite,
  and a claim is a lease, so work of a killed worker is picked up again when its lease ends.
* Celery: when the setting ``KOERS_CELERY_BROKER_URL`` is set, ``enqueue`` hands the work to Celery
  after the transaction commits, and ``koers.celery`` turns the same registry into Celery tasks and a
  beat schedule (``celery -A koers.celery worker -B``).

A job function takes keyword arguments only (JSON values) and must be safe to run again: a job
killed halfway runs once more.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import time as time_module
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model, Q
from django.utils import timezone

from koers.lib import clock

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def lease() -> dt.timedelta:
    """How long a claimed row stays with its worker (``KOERS_JOBS_LEASE_SECONDS``, default 300): work
    of a worker that died is taken over after that."""
    return dt.timedelta(seconds=settings.KOERS_JOBS_LEASE_SECONDS)


@dataclass(frozen=True)
class Task:
    name: str
    func: Callable[..., Any]
    every: dt.timedelta | None = None
    daily_at: dt.time | None = None

    @property
    def periodic(self) -> bool:
        return self.every is not None or self.daily_at is not None

    def next_run(self, after: dt.datetime) -> dt.datetime:
        if self.every is not None:
            return after + self.every
        assert self.daily_at is not None
        local = timezone.localtime(after)
        candidate = timezone.make_aware(dt.datetime.combine(local.date(), self.daily_at))
        if candidate <= after:
            candidate = timezone.make_aware(dt.datetime.combine(local.date() + dt.timedelta(days=1), self.daily_at))
        # In UTC, a local time that summer time skips becomes the moment an hour later (PEP 495).
        return candidate.astimezone(dt.UTC)


_tasks: dict[str, Task] = {}


def register_task(name: str, func: Callable[..., Any]) -> None:
    """Make ``func`` available to ``enqueue(name, ...)``."""
    _register(Task(name, func))


def register_periodic(
    name: str, func: Callable[..., Any], every: dt.timedelta | None = None, daily_at: dt.time | None = None
) -> None:
    """Run ``func()`` every ``every`` or each day at ``daily_at`` (local time); exactly one of both."""
    if (every is None) == (daily_at is None):
        raise ValueError("Give a periodic job either every or daily_at.")
    _register(Task(name, func, every=every, daily_at=daily_at))


def _register(task: Task) -> None:
    existing = _tasks.get(task.name)
    if existing is not None and existing.func is not task.func:
        raise ValueError(f"Background job {task.name!r} registered twice.")
    _tasks[task.name] = task


def tasks() -> dict[str, Task]:
    return dict(_tasks)


def task(name: str) -> Task:
    try:
        return _tasks[name]
    except KeyError:
        raise LookupError(f"No background job {name!r} is registered.") from None


def broker_url() -> str:
    """The Celery broker, when there is one (setting ``KOERS_CELERY_BROKER_URL``)."""
    return settings.KOERS_CELERY_BROKER_URL


def enqueue(name: str, /, **kwargs: Any) -> None:
    """Run ``name(**kwargs)`` in the background, once the current transaction commits."""
    task(name)
    if broker_url():
        from koers.celery import app

        transaction.on_commit(lambda: app.send_task(name, kwargs=kwargs))
        return
    from koers.duo.models import QueuedJob

    QueuedJob.objects.create(name=name, kwargs=kwargs)


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _unlocked(now: dt.datetime) -> Q:
    return Q(locked_until__isnull=True) | Q(locked_until__lt=now)


def claim(
    model: type[Model], due: Q, *, worker: str, now: dt.datetime, limit: int = 100,
    order_by: tuple[str, ...] = ("id",),
) -> list[int]:
    """Lease up to ``limit`` due rows of ``model`` (which has ``locked_until`` and ``locked_by``) to
    ``worker``; returns their ids. No row is ever leased to two workers at once."""
    available = model.objects.filter(due).filter(_unlocked(now)).order_by(*order_by)
    until = now + lease()
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            # Only the claimed rows are locked: a condition on a related row (an outer join) may not be.
            available = available.select_for_update(skip_locked=True, of=("self",))
        ids = list(available.values_list("id", flat=True)[:limit])
        # The conditional UPDATE is the claim: a row another worker leased in the meantime no longer
        # matches, so reading back who holds the lease tells exactly which rows are ours.
        model.objects.filter(_unlocked(now), id__in=ids).update(locked_by=worker, locked_until=until)
    return list(
        model.objects.filter(id__in=ids, locked_by=worker, locked_until=until)
        .order_by(*order_by).values_list("id", flat=True)
    )


def release(model: type[Model], pk: int, **changes: Any) -> None:
    model.objects.filter(id=pk).update(locked_by="", locked_until=None, **changes)


def run_due_periodic(worker: str) -> int:
    """Run every periodic job whose time has come; returns how many ran."""
    from koers.duo.models import PeriodicJobState

    now = clock.now()
    periodic = {name: job for name, job in _tasks.items() if job.periodic}
    for name, job in periodic.items():
        PeriodicJobState.objects.get_or_create(name=name, defaults={"next_run_at": now})
    due = Q(name__in=list(periodic), next_run_at__lte=now)
    ran = 0
    for pk in claim(PeriodicJobState, due, worker=worker, now=now):
        state = PeriodicJobState.objects.get(pk=pk)
        job = periodic[state.name]
        error = _run(job.func, {})
        release(
            PeriodicJobState, pk, last_run_at=now, next_run_at=job.next_run(clock.now()), last_error=error,
        )
        ran += 1
    return ran


def run_queued(worker: str, limit: int = 100) -> int:
    """Run queued one-off work; a failure is tried again later, up to ``MAX_ATTEMPTS`` times."""
    from koers.duo.models import QueuedJob

    now = clock.now()
    due = Q(status=QueuedJob.Status.QUEUED, run_after__lte=now)
    ran = 0
    for pk in claim(QueuedJob, due, worker=worker, now=now, limit=limit):
        job = QueuedJob.objects.get(pk=pk)
        error = _run(task(job.name).func, job.kwargs) if job.name in _tasks else f"unknown job {job.name}"
        attempts = job.attempts + 1
        if not error:
            release(QueuedJob, pk, status=QueuedJob.Status.DONE, attempts=attempts, finished_at=clock.now())
        elif attempts >= MAX_ATTEMPTS:
            release(QueuedJob, pk, status=QueuedJob.Status.FAILED, attempts=attempts, last_error=error,
                    finished_at=clock.now())
        else:
            retry_at = clock.now() + dt.timedelta(seconds=2**attempts)
            release(QueuedJob, pk, attempts=attempts, last_error=error, run_after=retry_at)
        ran += 1
    return ran


def _run(func: Callable[..., Any], kwargs: dict[str, Any]) -> str:
    try:
        func(**kwargs)
    except Exception as exc:  # a failing job must not stop the worker; it is recorded and retried
        logger.exception("Background job %s failed", getattr(func, "__name__", func))
        return f"{type(exc).__name__}: {exc}"
    return ""


def run_once(worker: str | None = None) -> int:
    """One round of the embedded worker: due periodic jobs, then queued work."""
    worker = worker or worker_id()
    return run_due_periodic(worker) + run_queued(worker)


def run_forever(*, idle_sleep: float = 1.0, stop: Callable[[], bool] = lambda: False) -> None:
    worker = worker_id()
    while not stop():
        if not run_once(worker):
            time_module.sleep(idle_sleep)
