"""Where a login step sends the user next."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from koers.lib.redirects import local_url

from .login import NextStep


def safe_next(request: HttpRequest, next_url: str) -> str:
    return local_url(request, next_url, settings.LOGIN_REDIRECT_URL)


def next_step_response(request: HttpRequest, step: str, next_url: str) -> HttpResponse:
    if step == NextStep.VERIFY:
        return redirect("security:verify")
    if step == NextStep.ENROL:
        return redirect("security:enrol")
    return redirect(safe_next(request, next_url))
