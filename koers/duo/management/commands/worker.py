"""``koers worker``: the embedded background worker (no broker needed)."""

from __future__ import annotations

import signal

from django.core.management.base import BaseCommand

from koers.lib import jobs


class Command(BaseCommand):
    help = "Runs due periodic jobs and queued background work in a loop (embedded worker, no broker)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--once", action="store_true", help="Run one round and stop.")
        parser.add_argument("--sleep", type=float, default=1.0, help="Seconds to wait when there is nothing to do.")

    def handle(self, *args, once: bool = False, sleep: float = 1.0, **options) -> None:
        if jobs.broker_url():
            self.stderr.write("KOERS_CELERY_BROKER_URL is set: run `celery -A koers.celery worker -B` instead.")
            return
        if once:
            jobs.run_once()
            return
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        self.stdout.write(f"koers worker {jobs.worker_id()} gestart")
        try:
            jobs.run_forever(idle_sleep=sleep, stop=lambda: bool(stopping))
        except KeyboardInterrupt:
            pass
