"""Errors of the API as problem details (RFC 9457), in Dutch, the way the Dutch API Design Rules ask.

Every error of ``/api/`` answers ``application/problem+json`` with ``type``, ``title``, ``status``,
``detail`` and ``instance``; a validation error adds ``invalidParams`` (``name``, ``code``,
``reason``). DRF calls :func:`exception_handler`; Django's own 404 and 500 for API paths come from
:func:`handler404` and :func:`handler500`, which leave every other path to Django's HTML pages.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.views import set_rollback

from .parsers import NullCharacterError

CONTENT_TYPE = "application/problem+json"
API_PATH_PREFIXES = ("/api/", "/duo/")

_RFC9110 = "https://www.rfc-editor.org/rfc/rfc9110#section-"
_TYPE_SECTIONS = {
    400: "15.5.1",
    401: "15.5.2",
    403: "15.5.4",
    404: "15.5.5",
    405: "15.5.6",
    406: "15.5.7",
    415: "15.5.16",
    429: "https://www.rfc-editor.org/rfc/rfc6585#section-4",
    500: "15.6.1",
}


def problem_type(status_code: int) -> str:
    section = _TYPE_SECTIONS.get(status_code)
    if section is None:
        return "about:blank"
    return section if section.startswith("https://") else _RFC9110 + section


def problem_title(status_code: int) -> str:
    titles = {
        400: _("Ongeldige invoer"),
        401: _("Niet aangemeld"),
        403: _("Geen toegang"),
        404: _("Niet gevonden"),
        405: _("Methode niet toegestaan"),
        406: _("Gevraagd formaat niet beschikbaar"),
        415: _("Formaat van de invoer niet ondersteund"),
        429: _("Te veel verzoeken"),
        500: _("Interne fout"),
    }
    return titles.get(status_code, _("Fout"))


def default_detail(status_code: int) -> str:
    details = {
        400: _("De invoer bevat fouten; zie invalidParams."),
        401: _("Meld je aan met een geldig token of een geldige sessie."),
        403: _("Je hebt geen toestemming voor deze handeling."),
        404: _("De gevraagde bron bestaat niet of je hebt er geen toegang toe."),
        405: _("Deze methode is op deze bron niet toegestaan."),
        406: _("De API antwoordt alleen in JSON."),
        415: _("Stuur de invoer als JSON (application/json)."),
        429: _("Probeer het later opnieuw."),
        500: _("Er ging iets mis aan onze kant. Probeer het later opnieuw."),
    }
    return details.get(status_code, "")


def problem(
    status_code: int, *, instance: str, detail: str | None = None, invalid_params: list[dict] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": problem_type(status_code),
        "title": problem_title(status_code),
        "status": status_code,
        "detail": detail or default_detail(status_code),
        "instance": instance,
    }
    if invalid_params is not None:
        body["invalidParams"] = invalid_params
    return body


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def invalid_params(errors: Any, prefix: str = "") -> Iterator[dict[str, str]]:
    """Flatten DRF's nested error structure into ``invalidParams`` entries with dotted names."""
    if isinstance(errors, Mapping):
        for key, value in errors.items():
            name = camel(str(key))
            yield from invalid_params(value, f"{prefix}.{name}" if prefix else name)
    elif isinstance(errors, list) and errors and all(isinstance(e, exceptions.ErrorDetail) for e in errors):
        for error in errors:
            yield {"name": prefix or "nonFieldErrors", "code": error.code or "invalid", "reason": str(error)}
    elif isinstance(errors, list):
        for index, value in enumerate(errors):
            if value:
                yield from invalid_params(value, f"{prefix}.{index}" if prefix else str(index))
    elif isinstance(errors, exceptions.ErrorDetail):
        yield {"name": prefix or "nonFieldErrors", "code": errors.code or "invalid", "reason": str(errors)}


def _as_api_exception(exc: Exception) -> exceptions.APIException | None:
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(as_serializer_error(exc))
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    return None


def _detail_text(exc: exceptions.APIException) -> str | None:
    """The exception's own message where Koers wrote one; otherwise the standard Dutch text."""
    if isinstance(exc, NullCharacterError):
        return str(exc.detail)
    if isinstance(exc, exceptions.ParseError):
        return _("De invoer is geen geldige JSON.")
    if isinstance(exc, exceptions.ValidationError | exceptions.UnsupportedMediaType | exceptions.NotAcceptable):
        return None
    detail = exc.detail
    if isinstance(detail, exceptions.ErrorDetail) and str(detail) != str(type(exc).default_detail):
        return str(detail)
    return None


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's exception handler: every API error becomes problem+json. Unknown exceptions return
    ``None``, so Django logs them and :func:`handler500` answers."""
    api_exc = _as_api_exception(exc)
    if api_exc is None:
        return None
    request = context.get("request")
    status_code = api_exc.status_code
    params = list(invalid_params(api_exc.detail)) if isinstance(api_exc, exceptions.ValidationError) else None
    body = problem(
        status_code,
        instance=request.path if request is not None else "",
        detail=_detail_text(api_exc),
        invalid_params=params,
    )
    set_rollback()
    headers = {}
    if getattr(api_exc, "auth_header", None):
        headers["WWW-Authenticate"] = api_exc.auth_header
    if getattr(api_exc, "wait", None):
        headers["Retry-After"] = str(int(api_exc.wait))
    return Response(body, status=status_code, headers=headers, content_type=CONTENT_TYPE)


def is_api_request(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PATH_PREFIXES)


def problem_response(request: HttpRequest, status_code: int, detail: str | None = None) -> JsonResponse:
    return JsonResponse(
        problem(status_code, instance=request.path, detail=detail),
        status=status_code,
        content_type=CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if is_api_request(request):
        return problem_response(request, 404)
    return defaults.page_not_found(request, exception)


def handler500(request: HttpRequest) -> HttpResponse:
    if is_api_request(request):
        return problem_response(request, 500)
    return defaults.server_error(request)
