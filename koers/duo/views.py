"""The Notificatie API (DUO's ``opvoerenNotificatie``), implemented on the municipality's side.

Authentication is either of two:

* DUO's PKIoverheid client certificate, verified by the TLS terminator (mutual TLS), which passes the
  certificate's subject in the header named by ``KOERS_DUO_NOTIFY_CERT_HEADER`` (and strips that
  header from what clients send); the subject's ``serialNumber`` is the sender's OIN and must be the
  message's ``bron``. Without that setting the header means nothing.
* the shared token (``Authorization: Bearer``, from ``KOERS_DUO_NOTIFY_TOKEN``).

The view then validates the message against DUO's specification, refuses a ``bron`` other than DUO's
OIN (``KOERS_DUO_OIN``, when set) with 403, stores the message and only then answers 201. Errors are
problem+json, never a 5xx.
"""

from __future__ import annotations

import hmac
import json
import os
import re
import uuid

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from koers.duo import inbox, specs
from koers.lib.problem import CONTENT_TYPE, problem
from koers.lib.text import has_null_character

SERVICE = "notificatie"


CERTIFICATE_SERIAL_NUMBER = re.compile(r"(?:serialNumber|2\.5\.4\.5)\s*=\s*(\d{20})\b", re.IGNORECASE)


def _authenticated(request: HttpRequest) -> bool:
    return _certificate_matches(request) or _token_matches(request)


def _certificate_matches(request: HttpRequest) -> bool:
    header = os.environ.get("KOERS_DUO_NOTIFY_CERT_HEADER", "")
    if not header:
        return False
    found = CERTIFICATE_SERIAL_NUMBER.search(request.headers.get(header, ""))
    return found is not None and found.group(1) == request.headers.get("bron")


def _from_duo(request: HttpRequest) -> bool:
    expected = os.environ.get("KOERS_DUO_OIN", "")
    return not expected or request.headers.get("bron") == expected


def _token_matches(request: HttpRequest) -> bool:
    expected = os.environ.get("KOERS_DUO_NOTIFY_TOKEN", "")
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    if not expected or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(token.encode(), expected.encode())


def _problem(request: HttpRequest, status: int, *, detail: str | None = None,
             invalid_params: list[dict] | None = None) -> JsonResponse:
    response = JsonResponse(
        problem(status, instance=request.path, detail=detail, invalid_params=invalid_params),
        status=status,
        content_type=CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    response["API-Version"] = specs.api_version(SERVICE)
    if status == 401:
        response["WWW-Authenticate"] = "Bearer"
    return response


@method_decorator(csrf_exempt, name="dispatch")
class NotificationView(View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        if not _authenticated(request):
            return _problem(
                request, 401,
                detail=_("Stuur het afgesproken token mee als Bearer-token, of meld je aan met het certificaat van DUO."),
            )
        message = specs.SpecRequest(
            "post", "/notificaties", dict(request.headers), request.body,
            content_type=request.content_type or "",
        )
        try:
            specs.validate_request(SERVICE, message)
        except specs.SpecViolation as violation:
            if violation.unsupported_media_type:
                return _problem(request, 415)
            return _problem(request, 400, invalid_params=violation.invalid_params)
        if not _from_duo(request):
            return _problem(request, 403, detail=_("Alleen DUO stuurt notificaties: de bron is niet het OIN van DUO."))
        payload = json.loads(request.body)
        if has_null_character(payload) or has_null_character(request.headers.values()):
            return _problem(request, 400, detail=_("De invoer bevat een ongeldig teken (NUL)."))
        inbox.receive(
            message_id=uuid.UUID(request.headers["berichtId"]),
            sender_oin=request.headers["bron"],
            recipient_oin=request.headers["doel"],
            payload=payload,
        )
        response = HttpResponse(status=201)
        response["API-Version"] = specs.api_version(SERVICE)
        response["berichtId"] = request.headers["berichtId"]
        return response

    def http_method_not_allowed(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = _problem(request, 405)
        response["Allow"] = "POST"
        return response
