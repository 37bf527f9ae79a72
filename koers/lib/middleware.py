"""Middleware of Koers's own."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .problem import is_api_request


def api_version() -> str:
    """The full version of the API (semantic versioning), as published in the OpenAPI document."""
    return settings.SPECTACULAR_SETTINGS["VERSION"]


class ApiVersionMiddleware:
    """Adds the ``API-Version`` header to every response under ``/api/`` (Dutch API Design Rules:
    the full version number in a response header), errors included."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_api_request(request):
            response["API-Version"] = api_version()
        return response
