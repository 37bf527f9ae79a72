"""The Celery app as ``koers.celery`` builds it, with only two test jobs in the registry.
Started by tests/lib/test_jobs_celery.py as ``celery -A tests.lib.celery_app worker -B``."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from koers.celery import app, bind_registry
from koers.lib import jobs


def touch(filename: str) -> None:
    Path(os.environ["KOERS_TEST_OUT"], filename).write_text("gedaan")


def tick() -> None:
    with Path(os.environ["KOERS_TEST_OUT"], "ticks").open("a") as ticks:
        ticks.write("tick\n")


jobs._tasks.clear()
jobs.register_task("tests.touch", touch)
jobs.register_periodic("tests.tick", tick, every=dt.timedelta(seconds=1))
bind_registry(app)
