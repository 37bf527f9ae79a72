"""``koers bench load --celery``: how the work spread over the workers, read from their logs."""

from __future__ import annotations

from koers.lib.loadbench import WorkerLog, celery_lines, read_worker_log

LOG = """\
[2026-11-25 12:00:00,000: INFO/MainProcess] bench1@koers ready.
[2026-11-25 12:00:01,000: INFO/ForkPoolWorker-1] Task bench.signals_recompute_municipality[0a1b] succeeded in 0.25s: None
[2026-11-25 12:00:02,000: INFO/ForkPoolWorker-1] Task bench.signals_recompute_municipality[0a1c] succeeded in 1.5s: None
[2026-11-25 12:00:03,000: ERROR/ForkPoolWorker-1] Task bench.signals_recompute_municipality[0a1d] raised unexpected: KeyError('x')
"""


def test_it_reads_the_run_time_of_every_task_that_succeeded_and_counts_failures():
    assert read_worker_log(LOG) == WorkerLog([0.25, 1.5], 1)
    assert read_worker_log("") == WorkerLog([], 0)


def test_it_shows_the_share_of_each_worker_and_whether_both_worked():
    logs = {"bench1@h": WorkerLog([0.2, 0.4, 0.6], 0), "bench2@h": WorkerLog([0.3], 0)}
    lines = celery_lines(logs, jobs=4, seconds=2.0)
    assert "2.0 taken/s" in lines[0]
    assert "worker bench1@h" in lines[1] and "(75%)" in lines[1]
    assert "worker bench2@h" in lines[2] and "(25%)" in lines[2]
    assert "p50 350 ms" in lines[3]
    assert lines[-1].endswith("ok")


def test_work_on_one_worker_only_is_marked_over():
    lines = celery_lines({"bench1@h": WorkerLog([0.2, 0.4], 0), "bench2@h": WorkerLog([], 0)}, jobs=2, seconds=1.0)
    assert lines[-1].endswith("OVER")
