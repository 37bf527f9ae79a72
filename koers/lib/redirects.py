"""Where to send someone next when a form names the page itself (``next``): only a path on this site,
never another site and never something that is not a path."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def local_url(request: HttpRequest, target: str, default: str) -> str:
    """``target`` when it is a path on this site, else the URL of the view named ``default``."""
    is_path = target.startswith("/") and not target.startswith(("//", "/\\"))
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                              require_https=request.is_secure())
    return target if is_path and allowed else reverse(default)
