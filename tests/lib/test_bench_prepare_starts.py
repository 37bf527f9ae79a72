"""``koers bench load`` prepares its database in a child process (``python -m koers.lib.loadbench
prepare``) that imports the module before it sets Django up: nothing the module imports may need
the apps loaded."""

from __future__ import annotations

import os
import subprocess
import sys


def test_the_load_benchmark_module_imports_before_django_is_set_up():
    code = (
        "import runpy, sys, django.apps; sys.argv = ['loadbench']; "
        "runpy.run_module('koers.lib.loadbench', run_name='__main__'); "
        "assert not django.apps.apps.ready; print('ok')"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
