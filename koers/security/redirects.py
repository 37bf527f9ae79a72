"""Where a login step sends the user next."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .login import NextStep


def safe_next(request: HttpRequest, next_url: str) -> str:
    allowed = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return next_url if next_url and allowed else reverse(settings.LOGIN_REDIRECT_URL)


def next_step_response(request: HttpRequest, step: str, next_url: str) -> HttpResponse:
    if step == NextStep.VERIFY:
        return redirect("security:verify")
    if step == NextStep.ENROL:
        return redirect("security:enrol")
    return redirect(safe_next(request, next_url))
