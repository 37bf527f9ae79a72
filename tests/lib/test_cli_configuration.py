"""The ``koers`` command says in one line which setting is missing, rather than printing a traceback."""

from __future__ import annotations

import os
import subprocess
import sys


def test_it_names_the_missing_secret_key_without_a_traceback():
    env = {k: v for k, v in os.environ.items() if k not in {"KOERS_SECRET_KEY", "KOERS_DEBUG", "KOERS_DEMO"}}
    env["DJANGO_SETTINGS_MODULE"] = "koers.settings"
    command = [sys.executable, "-m", "koers.cli", "check"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == "koers: Set KOERS_SECRET_KEY (or KOERS_DEBUG=true for development)."
    assert "Traceback" not in done.stderr
