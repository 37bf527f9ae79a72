"""A web worker is warmed up before it serves anyone (``koers.lib.warm``, called by ``koers.wsgi``)."""

from __future__ import annotations

import subprocess
import sys

from django.template import engines
from django.urls import get_resolver, reverse
from django.utils import translation

from koers.lib.warm import koers_templates, warm_up
from koers.portaal.languages import served_language_codes


def cached_templates() -> dict:
    loader = engines["django"].engine.template_loaders[0]
    return loader.get_template_cache


def test_it_compiles_every_template_of_koers_and_no_others():
    names = koers_templates()
    assert "base.html" in names and "people/caseload.html" in names
    assert not any(name.startswith("admin/") for name in names)
    cached_templates().clear()
    warm_up(served_language_codes())
    assert set(names) <= set(cached_templates())


def test_it_builds_the_url_maps_of_every_language_and_namespace():
    """Without the ``db`` fixture any query would fail: the master process has no database to share."""
    assert {"nl", "en", "ar"} <= set(served_language_codes())
    warm_up(served_language_codes())
    for code in served_language_codes():
        assert code in get_resolver()._reverse_dict
    with translation.override("nl"):
        assert reverse("people:caseload")


def test_a_warmed_process_has_no_database_connection_and_no_pdf_library():
    """In a fresh process as gunicorn's master: no connection for the forked workers to share, no
    WeasyPrint, which takes more than a second to load and only a PDF asks for, and what was loaded
    set apart from the garbage collector (``gc.freeze``)."""
    code = (
        "import django, sys; django.setup(); from koers.lib.warm import warm_up; "
        "from koers.portaal.languages import served_language_codes; warm_up(served_language_codes()); "
        "from django.db import connections; "
        "import gc; "
        "print(any(c.connection is not None for c in connections.all()), 'weasyprint' in sys.modules, "
        "gc.get_freeze_count() > 100_000, len(gc.get_objects()) < 1000)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={"DJANGO_SETTINGS_MODULE": "tests.settings", "PATH": "/usr/bin:/bin"})
    assert result.stdout.split() == ["False", "False", "True", "True"]
