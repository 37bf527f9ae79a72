"""The client side of the DUO exchange: consult (GET) and deliver (POST/PUT/DELETE) calls.

Every call names its operation by DUO's ``operationId`` (``getPipByBsn``, ``postPipByBsn`` ...), is
checked against DUO's specification before it leaves, carries the headers the specification asks
(``bron``, ``doel``, ``berichtId``) and goes over mutual TLS. A 5xx answer is retried with
exponential backoff under the same ``berichtId``; a 4xx answer is never retried. Whatever goes
wrong reaches the caller as :class:`DuoError`, with DUO's own ``fouttekst`` where it gave one.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import requests
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from werkzeug.datastructures import Headers

from koers.duo import specs


class DuoError(Exception):
    """A DUO call that did not succeed; ``str()`` is a Dutch message for the user."""

    def __init__(self, message: str, *, status: int | None = None, fouten: list[str] | None = None,
                 bericht_id: str = ""):
        super().__init__(message)
        self.status = status
        self.fouten = fouten or []
        self.bericht_id = bericht_id


@dataclass(frozen=True)
class DuoConfig:
    base_url: str
    doel_oin: str
    cert: str | None = None
    key: str | None = None
    ca: str | None = None
    timeout: float = 10.0
    retries: int = 3
    backoff: float = 0.5
    validate: bool = True
    """Check each request and answer against DUO's specification (on unless KOERS_DUO_VALIDATE=false)."""

    @classmethod
    def from_env(cls) -> DuoConfig:
        base_url = os.environ.get("KOERS_DUO_URL", "")
        doel_oin = os.environ.get("KOERS_DUO_OIN", "")
        if not base_url or not doel_oin:
            raise ImproperlyConfigured("Set KOERS_DUO_URL and KOERS_DUO_OIN to call DUO.")
        return cls(
            base_url=base_url,
            doel_oin=doel_oin,
            cert=os.environ.get("KOERS_DUO_CERT") or None,
            key=os.environ.get("KOERS_DUO_KEY") or None,
            ca=os.environ.get("KOERS_DUO_CA") or None,
            timeout=float(os.environ.get("KOERS_DUO_TIMEOUT", "10")),
            retries=int(os.environ.get("KOERS_DUO_RETRIES", "3")),
            validate=os.environ.get("KOERS_DUO_VALIDATE", "true").strip().lower() not in {"0", "false", "no", "off"},
        )


@dataclass(frozen=True)
class DuoResponse:
    status: int
    data: Any
    bericht_id: str
    api_version: str


class DuoClient:
    """Calls DUO on behalf of one municipality, whose OIN is the ``bron`` of every message."""

    def __init__(self, config: DuoConfig, *, bron_oin: str, sleep: Callable[[float], None] = time.sleep,
                 session: requests.Session | None = None):
        self.config = config
        self.bron_oin = bron_oin
        self.sleep = sleep
        self.session = session or requests.Session()
        if config.cert:
            self.session.cert = (config.cert, config.key) if config.key else config.cert
        self.session.verify = config.ca or True

    def call(self, operation_id: str, *, bsn: str | None = None, path_params: dict[str, str] | None = None,
             body: Any = None, bericht_id: str | None = None) -> DuoResponse:
        operation = specs.operation(operation_id)
        params = dict(path_params or {})
        if bsn is not None:
            params["bsn"] = bsn
        message = self._message(operation, params, body, bericht_id)
        try:
            if self.config.validate:
                specs.validate_request(operation.service, message)
        except specs.SpecViolation as violation:
            raise DuoError(
                _("Het bericht aan DUO voldoet niet aan de specificatie: %(fouten)s") % {"fouten": violation},
                bericht_id=message.headers["berichtId"],
            ) from violation
        return self._send(operation.service, message)

    def _message(self, operation: specs.Operation, params: dict[str, str], body: Any,
                 bericht_id: str | None) -> specs.SpecRequest:
        headers = {"bron": self.bron_oin, "doel": self.config.doel_oin, "berichtId": bericht_id or str(uuid.uuid4())}
        payload = None if body is None else json.dumps(body).encode()
        if payload is not None:
            headers["Content-Type"] = "application/json"
        return specs.SpecRequest(operation.method, operation.expand(params), headers, payload)

    def _send(self, service: str, message: specs.SpecRequest) -> DuoResponse:
        bericht_id = message.headers["berichtId"]
        url = self.config.base_url.rstrip("/") + message.path
        for attempt in range(self.config.retries + 1):
            response = self._request(message, url)
            if response.status_code < 500 or attempt == self.config.retries:
                break
            self.sleep(self.config.backoff * 2**attempt)
        if response.status_code >= 400:
            raise _error_from(response, bericht_id)
        if self.config.validate:
            _check_answer(service, message, response, bericht_id)
        return DuoResponse(
            status=response.status_code,
            data=_json_or_none(response),
            bericht_id=response.headers.get("berichtId", bericht_id),
            api_version=response.headers.get("API-Version", ""),
        )

    def _request(self, message: specs.SpecRequest, url: str) -> requests.Response:
        bericht_id = message.headers["berichtId"]
        try:
            return self.session.request(
                message.method.upper(), url, headers=message.headers, data=message.body,
                timeout=self.config.timeout,
            )
        except requests.Timeout as exc:
            raise DuoError(
                _("DUO antwoordde niet binnen %(seconds)s seconden.")
                % {"seconds": f"{self.config.timeout:g}"},
                bericht_id=bericht_id,
            ) from exc
        except requests.RequestException as exc:
            raise DuoError(_("DUO is niet bereikbaar."), bericht_id=bericht_id) from exc


def _check_answer(service: str, message: specs.SpecRequest, response: requests.Response, bericht_id: str) -> None:
    """Accept only an answer that follows DUO's specification."""
    answer = specs.SpecResponse(
        response.status_code, Headers(dict(response.headers)), response.content or None,
        content_type=response.headers.get("Content-Type", "application/json"),
    )
    errors = specs.response_errors(service, message, answer)
    if errors:
        raise DuoError(
            _("Het antwoord van DUO voldoet niet aan de specificatie: %(fouten)s") % {"fouten": "; ".join(errors)},
            status=response.status_code, bericht_id=bericht_id,
        )


def _json_or_none(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def fout_teksten(data: Any) -> list[str]:
    """DUO's ``Foutmelding``: one object with ``fouttekst``, or a list of them."""
    items = data if isinstance(data, list) else [data]
    return [str(item["fouttekst"]) for item in items if isinstance(item, dict) and item.get("fouttekst")]


def _error_from(response: requests.Response, bericht_id: str) -> DuoError:
    fouten = fout_teksten(_json_or_none(response))
    status = response.status_code
    if status >= 500:
        message = _("DUO is tijdelijk niet beschikbaar (status %(status)s).") % {"status": status}
    else:
        message = _("DUO weigerde het bericht (status %(status)s).") % {"status": status}
    if fouten:
        message = f"{message} {' '.join(fouten)}"
    return DuoError(message, status=status, fouten=fouten, bericht_id=bericht_id)
