from __future__ import annotations

import datetime as dt

import pytest

from koers.duo.models import PeriodicJobState, QueuedJob
from koers.lib import clock, jobs

pytestmark = pytest.mark.django_db

calls: list[dict] = []


def remember(**kwargs) -> None:
    calls.append(kwargs)


def explode(**kwargs) -> None:
    raise RuntimeError("kapot")


@pytest.fixture(autouse=True)
def registry(monkeypatch):
    monkeypatch.setattr(jobs, "_tasks", {})
    calls.clear()
    jobs.register_task("tests.remember", remember)
    jobs.register_task("tests.explode", explode)


def test_queued_work_runs_once_with_its_arguments():
    jobs.enqueue("tests.remember", person=7)
    assert jobs.run_once("w1") == 1
    assert jobs.run_once("w1") == 0
    assert calls == [{"person": 7}]
    assert QueuedJob.objects.get().status == QueuedJob.Status.DONE


def test_enqueueing_an_unregistered_job_is_an_error():
    with pytest.raises(LookupError):
        jobs.enqueue("tests.nobody")


def test_failing_work_is_retried_later_and_then_given_up():
    jobs.enqueue("tests.explode")
    moment = clock.now()
    for _round in range(jobs.MAX_ATTEMPTS):
        with clock.frozen(moment):
            jobs.run_once("w1")
        moment += dt.timedelta(minutes=5)
    job = QueuedJob.objects.get()
    assert (job.status, job.attempts) == (QueuedJob.Status.FAILED, jobs.MAX_ATTEMPTS)
    assert job.last_error == "RuntimeError: kapot"


def test_a_periodic_job_runs_when_due_and_its_state_survives_a_restart():
    jobs.register_periodic("tests.every_hour", remember, every=dt.timedelta(hours=1))
    jobs.run_once("w1")
    jobs.run_once("w2")
    assert len(calls) == 1
    state = PeriodicJobState.objects.get(name="tests.every_hour")
    assert state.next_run_at == clock.now() + dt.timedelta(hours=1)
    with clock.frozen(clock.now() + dt.timedelta(hours=1, seconds=1)):
        jobs.run_once("w3")
    assert len(calls) == 2


def test_a_daily_job_runs_at_its_local_time():
    job = jobs.Task("daily", remember, daily_at=dt.time(2, 0))
    assert job.next_run(dt.datetime(2026, 11, 25, 0, 30, tzinfo=dt.UTC)) == dt.datetime(2026, 11, 25, 1, 0, tzinfo=dt.UTC)
    assert job.next_run(dt.datetime(2026, 11, 25, 3, 0, tzinfo=dt.UTC)) == dt.datetime(2026, 11, 26, 1, 0, tzinfo=dt.UTC)


def test_a_daily_job_at_a_time_skipped_by_summer_time_runs_an_hour_later():
    job = jobs.Task("daily", remember, daily_at=dt.time(2, 30))
    after = dt.datetime(2026, 3, 28, 3, 0, tzinfo=dt.UTC)
    assert job.next_run(after) == dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)


def test_a_periodic_job_needs_exactly_one_schedule():
    with pytest.raises(ValueError):
        jobs.register_periodic("tests.both", remember, every=dt.timedelta(hours=1), daily_at=dt.time(2))
    with pytest.raises(ValueError):
        jobs.register_periodic("tests.none", remember)


def test_a_row_is_never_claimed_by_two_workers_until_its_lease_ends():
    for _job in range(3):
        jobs.enqueue("tests.remember")
    due = jobs.Q(status=QueuedJob.Status.QUEUED)
    now = clock.now()
    first = jobs.claim(QueuedJob, due, worker="w1", now=now, limit=2)
    second = jobs.claim(QueuedJob, due, worker="w2", now=now, limit=10)
    assert len(first) == 2 and len(second) == 1 and not set(first) & set(second)
    later = now + jobs.lease() + dt.timedelta(seconds=1)
    assert sorted(jobs.claim(QueuedJob, due, worker="w3", now=later, limit=10)) == sorted(first + second)
