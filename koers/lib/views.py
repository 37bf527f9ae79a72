"""Small helpers for the screens' views."""

from __future__ import annotations

import functools
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import get_script_prefix, reverse
from django.utils.translation import get_language
from django_htmx.http import HttpResponseClientRedirect


def screen_login_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """``login_required`` that also works for htmx: when the session has expired, the whole page
    goes to the login page (and back afterwards) instead of the login page being swapped into a
    part of the screen."""
    protected = login_required(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.htmx and not request.user.is_authenticated:
            current = urlsplit(request.htmx.current_url or request.get_full_path())
            back_to = current.path + (f"?{current.query}" if current.query else "")
            return HttpResponseClientRedirect(redirect_to_login(back_to)["Location"])
        return protected(request, *args, **kwargs)

    return wrapper


URL_MARKER = 918273645546372819
"""A primary key no record has, reversed in place of the real ones."""


@functools.lru_cache(maxsize=1024)
def _reversed(name: str, with_pk: bool, language: str | None, prefix: str) -> str:
    return reverse(name, args=[URL_MARKER] if with_pk else None)


def reversed_url(name: str, with_pk: bool = False) -> str:
    """``reverse(name)`` (with ``URL_MARKER`` as its one argument when ``with_pk``), kept per language
    and script prefix: the menu and a dossier's tabs are drawn on every screen, and each ``reverse``
    takes some tens of microseconds."""
    return _reversed(name, with_pk, get_language(), get_script_prefix())


def urls_by_pk(name: str) -> Callable[[int], str]:
    """The URL of the view ``name`` (one ``<int:pk>`` argument) for any pk, reversed once: a list of
    fifty links would otherwise spend a millisecond in ``reverse``."""
    before, after = reversed_url(name, with_pk=True).split(str(URL_MARKER))
    return lambda pk: f"{before}{int(pk)}{after}"
