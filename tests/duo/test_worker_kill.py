"""A worker killed mid-run (SIGKILL) and restarted loses nothing and doubles nothing: real processes,
a real database of their own (a SQLite file, or a fresh PostgreSQL database beside the test database
when the suite runs on PostgreSQL), a real DUO simulator answering slowly."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from koers.duo.simulator import DUO_OIN

NOTIFICATIONS = 300
ROOT = Path(__file__).resolve().parents[2]
KOERS = [str(ROOT / ".venv" / "bin" / "koers")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


COUNTS = """
    SELECT (SELECT count(*) FROM duo_notification WHERE status = 'processed'),
           (SELECT count(*) FROM duo_notification WHERE status != 'processed'),
           count(*), count(DISTINCT {event_key})
    FROM people_timelineevent WHERE kind = 'duo' AND {event_key} IS NOT NULL
"""


@dataclass(frozen=True)
class Database:
    """The workers' own database: ``url`` for Koers (``DATABASE_URL``), or a SQLite file when empty."""

    url: str
    sqlite_file: Path

    def counts(self) -> tuple[int, int, int, int]:
        """(processed, other states, DUO timeline entries, distinct events on the timeline)"""
        if self.url:
            with closing(psycopg.connect(self.url)) as connection:
                return connection.execute(COUNTS.format(event_key="data->>'event_key'")).fetchone()
        with closing(sqlite3.connect(self.sqlite_file, timeout=30)) as connection:
            return connection.execute(COUNTS.format(event_key="json_extract(data, '$.event_key')")).fetchone()


@contextmanager
def own_database(tmp_path: Path) -> Iterator[Database]:
    """A PostgreSQL database of its own when the suite runs on PostgreSQL, else a SQLite file."""
    suite = os.environ.get("DATABASE_URL", "")
    if not suite.startswith("postgres"):
        yield Database("", tmp_path / "koers.sqlite3")
        return
    parts = urlsplit(suite)
    name = f"{parts.path.lstrip('/') or 'koers'}_worker_kill"
    server = urlunsplit(parts._replace(path="/postgres"))
    with closing(psycopg.connect(server, autocommit=True)) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield Database(urlunsplit(parts._replace(path=f"/{name}")), tmp_path / "unused.sqlite3")
    finally:
        with closing(psycopg.connect(server, autocommit=True)) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def answers(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/_simulator/staat", timeout=1)
    except OSError:
        return False
    return True


@pytest.fixture
def environment(tmp_path):
    with own_database(tmp_path) as database:
        yield from _environment(tmp_path, database)


def _environment(tmp_path: Path, database: Database):
    port = free_port()
    env = {
        **os.environ, "KOERS_DEBUG": "true", "KOERS_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "koers.settings",
        "KOERS_DUO_URL": f"http://127.0.0.1:{port}/v1", "KOERS_DUO_OIN": DUO_OIN, "KOERS_JOBS_LEASE_SECONDS": "2",
        "KOERS_DUO_VALIDATE": "false",
    }
    env.pop("DATABASE_URL", None)
    if database.url:
        env["DATABASE_URL"] = database.url
    subprocess.run([*KOERS, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([sys.executable, "-m", "tests.duo.seed_for_worker", str(NOTIFICATIONS)], env=env, check=True,
                   cwd=ROOT)
    simulator = subprocess.Popen([*KOERS, "duo-simulator", "--port", str(port)], env=env, cwd=ROOT,
                                 stdout=subprocess.DEVNULL)
    try:
        wait_for(lambda: answers(port), 60, "the simulator")
        slow = json.dumps({"slow_rate": 1.0, "slow_seconds": 0.02}).encode()
        urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/_simulator/storingen", data=slow))
        yield env, database
    finally:
        simulator.kill()
        simulator.wait()


def start_worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen([*KOERS, "worker", "--sleep", "0.2"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL)


def test_a_worker_killed_mid_run_and_restarted_loses_nothing_and_doubles_nothing(environment):
    env, database = environment
    worker = start_worker(env)
    try:
        wait_for(lambda: database.counts()[0] >= 20, 120, "the first notifications")
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        processed_at_kill = database.counts()[0]
        assert processed_at_kill < NOTIFICATIONS
        worker = start_worker(env)
        wait_for(lambda: database.counts()[0] == NOTIFICATIONS, 180, "all notifications")
    finally:
        worker.kill()
        worker.wait()

    processed, other, entries, distinct = database.counts()
    assert (processed, other) == (NOTIFICATIONS, 0)
    assert entries == distinct == NOTIFICATIONS
