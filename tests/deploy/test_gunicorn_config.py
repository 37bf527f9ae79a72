"""Koers under gunicorn as ``gunicorn.conf.py`` runs it: a client that sends its request slowly (a
poor mobile connection) does not hold the worker, so other people's requests are still answered."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def status_of(port: int, timeout: float) -> int:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        return opener.open(f"http://127.0.0.1:{port}/", timeout=timeout).status
    except urllib.error.HTTPError as answer:
        return answer.code


@pytest.fixture
def one_worker(tmp_path: Path):
    """gunicorn with the project's configuration and a single worker process, on a free port."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "KOERS_VAR_DIR": str(tmp_path),
           "KOERS_SECRET_KEY": "test-" + "x" * 50, "KOERS_DEBUG": "false", "KOERS_SECURE_COOKIES": "false"}
    (tmp_path / "static").mkdir()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "koers.wsgi", "-c", str(ROOT / "gunicorn.conf.py"),
         "--workers", "1", "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status_of(port, 2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("gunicorn did not start") from None
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_slow_client_does_not_hold_the_only_worker(one_worker):
    with socket.create_connection(("127.0.0.1", one_worker)) as slow:
        slow.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and the rest of its headers later
        time.sleep(0.5)
        assert status_of(one_worker, timeout=10) == 302
