"""Small helpers for the screens' views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
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


def urls_by_pk(name: str) -> Callable[[int], str]:
    """The URL of the view ``name`` (one ``<int:pk>`` argument) for any pk, reversed once: a list of
    fifty links would otherwise spend a millisecond in ``reverse``."""
    before, after = reverse(name, args=[URL_MARKER]).split(str(URL_MARKER))
    return lambda pk: f"{before}{int(pk)}{after}"
