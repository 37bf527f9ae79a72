"""``koers duo-simulator``: plays DUO for the demo (see ``koers.duo.simulator``)."""

from __future__ import annotations

import os
import random
import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.core.management.base import BaseCommand

from koers.duo.seed import seed_from_koers
from koers.duo.simulator import DEMO_EVENTS, Simulator


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return None


class Command(BaseCommand):
    help = "Runs a DUO simulator on loopback: DUO's services, DUO's rules, and notifications to Koers."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", type=int, default=8100)
        parser.add_argument("--koers-url", default="http://127.0.0.1:8000/duo/v1/notificaties",
                            help="Koers's Notificatie API.")
        parser.add_argument("--token", default=os.environ.get("KOERS_DUO_NOTIFY_TOKEN", ""),
                            help="Bearer token for Koers (default: KOERS_DUO_NOTIFY_TOKEN).")
        parser.add_argument("--events-every", type=float, default=0,
                            help="Seconds between events of a running duty (exam results, a learnability test, "
                                 "an attention signal ...) for random persons (0: only on request).")
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, port: int, koers_url: str, token: str, events_every: float, seed: int, **options):
        simulator = Simulator(koers_url=koers_url, token=token, seed=seed)
        persons = seed_from_koers(simulator)
        stop = threading.Event()
        threading.Thread(target=self._deliver, args=(simulator, stop, events_every), daemon=True).start()
        server = make_server("127.0.0.1", port, simulator, server_class=ThreadingServer, handler_class=QuietHandler)
        self.stdout.write(f"DUO-simulator op http://127.0.0.1:{port}/v1 ({persons} personen); meldt aan {koers_url}")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            server.server_close()

    def _deliver(self, simulator: Simulator, stop: threading.Event, events_every: float) -> None:
        rng = random.Random(simulator.rng.random())
        while not stop.wait(events_every or 1.0):
            if events_every and simulator.persons:
                simulator.emit(rng.choice(sorted(simulator.persons)), rng.choice(DEMO_EVENTS))
            simulator.deliver()
