"""The same job registry behind Celery, with a real Redis (bin/redis) and a real worker with beat."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from koers.lib import jobs

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def broker() -> str:
    started = subprocess.run([str(ROOT / "bin" / "redis"), "start"], capture_output=True, text=True, check=True)
    return started.stdout.strip().split("=", 1)[1]


def wait_for(condition, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.django_db
def test_enqueued_work_and_periodic_jobs_run_in_celery(broker, tmp_path, settings, monkeypatch,
                                                     django_capture_on_commit_callbacks):
    env = {**os.environ, "KOERS_DEBUG": "true", "KOERS_CELERY_BROKER_URL": broker, "KOERS_TEST_OUT": str(tmp_path),
           "KOERS_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "tests.settings"}
    worker = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "celery"), "-A", "tests.lib.celery_app", "worker", "-B", "--pool=solo",
         "-l", "warning", "-s", str(tmp_path / "beat-schedule"), "-Q", "celery"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        settings.KOERS_CELERY_BROKER_URL = broker
        monkeypatch.setattr(jobs, "_tasks", {})
        jobs.register_task("tests.touch", lambda filename: None)
        from koers.celery import app, bind_registry

        bind_registry(app)
        with django_capture_on_commit_callbacks(execute=True):
            jobs.enqueue("tests.touch", filename="klaar")

        assert wait_for(lambda: (tmp_path / "klaar").exists())
        assert wait_for(lambda: (tmp_path / "ticks").exists() and len((tmp_path / "ticks").read_text().split()) >= 2)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
