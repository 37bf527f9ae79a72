"""Celery for Koers, fed by the job registry of ``koers.lib.jobs``.

Used only when ``KOERS_CELERY_BROKER_URL`` is set (e.g. ``redis://127.0.0.1:6379/0``). Every
registered job becomes a Celery task under its own name, and every periodic job an entry of the beat
schedule (``every`` as an interval, ``daily_at`` as a crontab in Koers's time zone). Run with::

    celery -A koers.celery worker -B
"""

from __future__ import annotations

import os

import django
from celery import Celery
from celery.schedules import crontab
from django.conf import settings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
django.setup()

from koers.lib import jobs  # noqa: E402

app = Celery("koers")


def bind_registry(celery_app: Celery) -> None:
    """(Re)build the Celery tasks and beat schedule from the job registry."""
    celery_app.conf.update(
        broker_url=jobs.broker_url(),
        result_backend=None,
        timezone=settings.TIME_ZONE,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_connection_retry_on_startup=True,
    )
    schedule = {}
    for name, job in jobs.tasks().items():
        celery_app.task(name=name, bind=False)(job.func)
        if job.every is not None:
            schedule[name] = {"task": name, "schedule": job.every}
        elif job.daily_at is not None:
            schedule[name] = {"task": name, "schedule": crontab(hour=job.daily_at.hour, minute=job.daily_at.minute)}
    celery_app.conf.beat_schedule = schedule


bind_registry(app)
