"""The Celery app of ``koers bench load --celery``: Koers's own app (``koers.celery``) with one more
job, a signal recompute of one municipality, so that the benchmark can hand out many jobs of
comparable size. Started by the benchmark as ``celery -A koers.lib.benchcelery worker``."""

from __future__ import annotations

from koers.celery import app, bind_registry
from koers.lib import jobs
from koers.lib.loadbench import CELERY_TASK


def recompute_municipality(municipality_id: int) -> None:
    from koers.signals.engine import recompute

    recompute(municipality_id=municipality_id)


jobs.register_task(CELERY_TASK, recompute_municipality)
bind_registry(app)

__all__ = ["app"]
