"""A web worker is warmed up before it serves anyone (``koers.lib.warm``, called by ``koers.wsgi``)."""

from __future__ import annotations

import subprocess
import sys

from django.db import connections
from django.template import engines
from django.urls import get_resolver, reverse
from django.utils import translation

from koers.lib.warm import koers_templates, language_codes, warm_up


def cached_templates() -> dict:
    loader = engines["django"].engine.template_loaders[0]
    return loader.get_template_cache


def test_it_compiles_every_template_of_koers_and_no_others():
    names = koers_templates()
    assert "base.html" in names and "people/caseload.html" in names
    assert not any(name.startswith("admin/") for name in names)
    cached_templates().clear()
    warm_up()
    assert set(names) <= set(cached_templates())


def test_it_builds_the_url_maps_of_every_language_and_namespace():
    """Without the ``db`` fixture any query would fail: the master process has no database to share."""
    assert {"nl", "en", "ar"} <= set(language_codes())
    warm_up()
    for code in language_codes():
        assert code in get_resolver()._reverse_dict
    with translation.override("nl"):
        assert reverse("people:caseload")


def test_it_leaves_no_database_connection_for_the_forked_workers_to_share():
    warm_up()
    assert all(connection.connection is None for connection in connections.all())


def test_the_first_screen_does_not_load_the_pdf_library():
    """WeasyPrint takes more than a second to load; only a PDF asks for it."""
    code = (
        "import django, sys; django.setup(); from koers.lib.warm import warm_up; warm_up(); "
        "print('weasyprint' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={"DJANGO_SETTINGS_MODULE": "tests.settings", "PATH": "/usr/bin:/bin"})
    assert result.stdout.strip() == "False"
