"""Fixtures for the DUO exchange: DUO's specifications from ``shared/duo-m2m`` and a stub of DUO.

The specifications are not part of the repository; without them these tests skip, saying why.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from koers.duo import specs

BRON_OIN = "00000001001234567000"
DUO_OIN = "00000001800866472000"


@pytest.fixture(autouse=True)
def duo_specs() -> None:
    if not specs.spec_path("notificatie").is_file():
        pytest.skip(f"DUO's specifications are not at {specs.spec_dir()} (set KOERS_DUO_SPEC_DIR).")


@dataclass
class Reply:
    status: int
    body: object = None
    delay: float = 0.0


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class StubDuo:
    """A test double of DUO: answers the queued replies in order and remembers what it got."""

    url: str = ""
    replies: list[Reply] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)

    def answer(self, *replies: Reply) -> None:
        self.replies.extend(replies)


def _handler(stub: StubDuo) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            stub.received.append(Received(self.command, self.path, dict(self.headers), body))
            reply = stub.replies.pop(0) if stub.replies else Reply(200, {})
            if reply.delay:
                threading.Event().wait(reply.delay)
            payload = b"" if reply.body is None else json.dumps(reply.body).encode()
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("API-Version", "1.2.0")
            self.send_header("berichtId", self.headers.get("berichtId", ""))
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = _handle

        def log_message(self, format: str, *args: object) -> None:
            return

    return Handler


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (the timeout tests) is expected; say nothing."""


@pytest.fixture
def stub_duo() -> Iterator[StubDuo]:
    stub = StubDuo()
    server = QuietServer(("127.0.0.1", 0), _handler(stub))
    server.daemon_threads = True
    stub.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield stub
    server.shutdown()
    server.server_close()


@pytest.fixture
def notify_token(monkeypatch) -> str:
    from .notifications import TOKEN

    monkeypatch.setenv("KOERS_DUO_NOTIFY_TOKEN", TOKEN)
    return TOKEN


@dataclass
class DuoWorld:
    """The DUO simulator in-process: Koers's client reaches it, and it notifies Koers, without sockets."""

    simulator: object
    koers: object

    validate: bool = True

    def client(self, bron_oin: str):
        from koers.duo.client import DuoClient, DuoConfig

        from koers.duo.transport import session_for

        config = DuoConfig(base_url="http://duo.test/v1", doel_oin=DUO_OIN, retries=0, validate=self.validate)
        return DuoClient(config, bron_oin=bron_oin, sleep=lambda seconds: None, session=session_for(self.simulator))

    def add(self, person, **overrides):
        from .factories import SimPersonFactory

        sim_person = SimPersonFactory(**{"bsn": person.bsn, "gemeentecode": person.municipality.cbs_code, **overrides})
        self.simulator.add_person(sim_person)
        return sim_person


@pytest.fixture
def duo_world(tenants, notify_token, settings) -> DuoWorld:
    from django.core.handlers.wsgi import WSGIHandler

    from koers.duo.simulator import Simulator

    from koers.duo.transport import session_for

    settings.KOERS_DUO_RETRY_SECONDS = 0
    municipalities = {t.municipality.oin: t.municipality.cbs_code for t in (tenants.a, tenants.b)}
    simulator = Simulator(
        municipalities=municipalities, koers_url="http://testserver/duo/v1/notificaties", token=notify_token,
        sleep=lambda seconds: None, session=session_for(WSGIHandler()),
    )
    return DuoWorld(simulator=simulator, koers=tenants)
