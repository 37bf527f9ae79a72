"""A web worker warmed up before it serves anyone (``koers.wsgi``): what it would otherwise do on
its first requests, each of which then took a second or more. Nothing here touches the database."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path

from django.db import connections
from django.template.autoreload import get_template_directories
from django.template.loader import get_template
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.utils import translation

PACKAGE = Path(__file__).resolve().parent.parent


def koers_templates() -> list[str]:
    """The names of Koers's own HTML templates (not those of Django's admin and other libraries)."""
    names = set()
    for directory in get_template_directories():
        if Path(directory).resolve().is_relative_to(PACKAGE):
            names.update(str(path.relative_to(directory)) for path in Path(directory).rglob("*.html"))
    return sorted(names)


def build_url_maps(resolver: URLResolver, namespace: str = "") -> None:
    """The resolver's map from names to URLs, and those of the URLconfs it includes, in the active
    language. Django keeps a map per namespace as well, built by the first ``reverse`` into it, so
    one name of each namespace is reversed (without arguments it need not match)."""
    names = [name for name in resolver.reverse_dict if isinstance(name, str)]
    if namespace and names:
        try:
            reverse(f"{namespace}:{names[0]}")
        except NoReverseMatch:
            pass
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            build_url_maps(pattern, inner)


def warm_up(languages: Iterable[str]) -> None:
    """Import every view (through the URLconf), compile every template of Koers, and read the
    translations and the URL map of each of ``languages``."""
    for code in languages:
        with translation.override(code):
            build_url_maps(get_resolver())
    for name in koers_templates():
        get_template(name)
    connections.close_all()
    # What is loaded by now lives as long as the process: kept out of the garbage collector's full
    # collections, each of which otherwise walked all of it (a pause of about 0.2 s every few hundred
    # requests) and, in a forked worker, wrote to the pages it shares with the master.
    gc.collect()
    gc.freeze()
