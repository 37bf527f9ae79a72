"""Middleware of Koers's own."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _

from .problem import is_api_request, problem_response
from .text import has_null_character


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
            response.setdefault("API-Version", api_version())
        return response


class RejectNullCharactersMiddleware:
    """Refuses a query string or form with a NUL character (no database stores it) with a 400, as
    problem+json under ``/api/``, before any view can trip over it. Listed after ApiVersionMiddleware,
    so that its answers carry the API-Version header too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        api = is_api_request(request)
        try:
            # The API parses its own bodies (koers.lib.parsers); reading request.POST here would use them up.
            refused = has_null_character(request.GET.lists()) or (
                not api and request.method == "POST" and has_null_character(request.POST.lists())
            )
        except MultiPartParserError:
            return self.bad_request(request, api, _("De invoer kon niet worden gelezen (ongeldig formulier)."))
        if refused:
            return self.bad_request(request, api, _("De invoer bevat een ongeldig teken (NUL)."))
        return self.get_response(request)

    @staticmethod
    def bad_request(request: HttpRequest, api: bool, detail: str) -> HttpResponse:
        if api:
            return problem_response(request, 400, detail)
        return HttpResponseBadRequest(detail, content_type="text/plain; charset=utf-8")
