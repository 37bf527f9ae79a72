"""A worker killed mid-run (SIGKILL) and restarted loses nothing and doubles nothing: real processes,
a real SQLite file, a real DUO simulator answering slowly."""

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
from pathlib import Path

import pytest

from koers.duo.simulator import DUO_OIN

NOTIFICATIONS = 300
ROOT = Path(__file__).resolve().parents[2]
KOERS = [str(ROOT / ".venv" / "bin" / "koers")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def counts(database: Path) -> tuple[int, int, int, int]:
    """(processed, other states, DUO timeline entries, distinct events on the timeline)"""
    with sqlite3.connect(database, timeout=30) as connection:
        processed = connection.execute("SELECT count(*) FROM duo_notification WHERE status='processed'").fetchone()[0]
        other = connection.execute("SELECT count(*) FROM duo_notification WHERE status!='processed'").fetchone()[0]
        entries, distinct = connection.execute(
            "SELECT count(*), count(DISTINCT json_extract(data, '$.event_key')) FROM people_timelineevent "
            "WHERE kind='duo' AND json_extract(data, '$.event_key') IS NOT NULL"
        ).fetchone()
    return processed, other, entries, distinct


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
    port = free_port()
    env = {
        **os.environ, "KOERS_DEBUG": "true", "KOERS_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "koers.settings",
        "KOERS_DUO_URL": f"http://127.0.0.1:{port}/v1", "KOERS_DUO_OIN": DUO_OIN, "KOERS_JOBS_LEASE_SECONDS": "2",
        "KOERS_DUO_VALIDATE": "false",
    }
    env.pop("DATABASE_URL", None)
    subprocess.run([*KOERS, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    subprocess.run([sys.executable, "-m", "tests.duo.seed_for_worker", str(NOTIFICATIONS)], env=env, check=True,
                   cwd=ROOT)
    simulator = subprocess.Popen([*KOERS, "duo-simulator", "--port", str(port)], env=env, cwd=ROOT,
                                 stdout=subprocess.DEVNULL)
    try:
        wait_for(lambda: answers(port), 60, "the simulator")
        slow = json.dumps({"slow_rate": 1.0, "slow_seconds": 0.02}).encode()
        urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/_simulator/storingen", data=slow))
        yield env, tmp_path / "koers.sqlite3"
    finally:
        simulator.kill()
        simulator.wait()


def start_worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen([*KOERS, "worker", "--sleep", "0.2"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL)


def test_a_worker_killed_mid_run_and_restarted_loses_nothing_and_doubles_nothing(environment):
    env, database = environment
    worker = start_worker(env)
    try:
        wait_for(lambda: counts(database)[0] >= 20, 120, "the first notifications")
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        processed_at_kill = counts(database)[0]
        assert processed_at_kill < NOTIFICATIONS
        worker = start_worker(env)
        wait_for(lambda: counts(database)[0] == NOTIFICATIONS, 180, "all notifications")
    finally:
        worker.kill()
        worker.wait()

    processed, other, entries, distinct = counts(database)
    assert (processed, other) == (NOTIFICATIONS, 0)
    assert entries == distinct == NOTIFICATIONS
