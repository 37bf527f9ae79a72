"""DUO's OpenAPI specifications of the machine-to-machine exchange, loaded with openapi-core.

The specifications are not part of Koers: they are read from ``KOERS_DUO_SPEC_DIR`` (by default
``shared/duo-m2m`` beside the repository), one folder per API with an ``openapi.yml``. Paths in
the specifications leave out DUO's base path (``/v1``), so validation works on a
:class:`SpecRequest` that carries the path as the specification writes it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.media_types.exceptions import MediaTypeNotFound
from openapi_core.validation.exceptions import ValidationError
from openapi_core.validation.request.exceptions import (
    MissingParameterError,
    MissingRequestBodyError,
    ParameterValidationError,
    RequestBodyValidationError,
)
from openapi_core.validation.schemas.exceptions import InvalidSchemaValue
from openapi_schema_validator import OAS30WriteValidator
from referencing import Registry
from referencing.jsonschema import DRAFT4
from werkzeug.datastructures import Headers, ImmutableMultiDict

HTTP_METHODS = ("get", "put", "post", "delete", "patch")

SERVICES = {
    "contactpersoon": "Contactpersoon",
    "examen": "Examen",
    "gevolgde_uren": "GevolgdeUren",
    "inburgeringsaanbod": "Inburgeringsaanbod",
    "inburgeringsplicht": "Inburgeringsplicht",
    "inburgeringstermijn": "Inburgeringstermijn",
    "leerbaarheidstoets": "Leerbaarheidstoets",
    "map_pvt_zroute": "MAP,PVT,Zroute",
    "notificatie": "Notificatie",
    "ontheffing": "Ontheffing",
    "pip": "PIP",
    "vrijstelling": "Vrijstelling",
}

_SCHEMA_REASONS = {
    "required": "Dit veld is verplicht.",
    "type": "Dit veld heeft het verkeerde type.",
    "pattern": "Deze waarde heeft niet het voorgeschreven formaat.",
    "format": "Deze waarde heeft niet het voorgeschreven formaat.",
    "minLength": "Deze waarde is te kort.",
    "maxLength": "Deze waarde is te lang.",
    "minimum": "Deze waarde is te klein.",
    "maximum": "Deze waarde is te groot.",
    "enum": "Deze waarde is niet toegestaan.",
    "additionalProperties": "Dit veld is niet toegestaan.",
}


# DUO writes some patterns with Unicode properties, which Python's ``re`` (and so openapi-core)
# does not know; inside a character class they become these ranges (letters of the Latin, Greek
# and Cyrillic scripts; dash punctuation).
_UNICODE_PROPERTIES = {
    r"\p{L}": "A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff",
    r"\p{Pd}": "\\-\u058a\u05be\u2010-\u2015\u2e3a\u2e3b\ufe58\ufe63\uff0d",
}


class SpecNotFound(ImproperlyConfigured):
    pass


class SpecViolation(Exception):
    """A message does not follow DUO's specification; ``invalid_params`` says where."""

    def __init__(self, invalid_params: list[dict[str, str]], *, unsupported_media_type: bool = False):
        self.invalid_params = invalid_params
        self.unsupported_media_type = unsupported_media_type
        super().__init__("; ".join(f"{p['name']}: {p['reason']}" for p in invalid_params))


@dataclass(frozen=True)
class Operation:
    service: str
    operation_id: str
    method: str
    path: str

    def expand(self, path_params: dict[str, str]) -> str:
        return self.path.format(**path_params)


@dataclass
class SpecRequest:
    """An HTTP request as openapi-core sees it, with the path relative to DUO's base path."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None = None
    content_type: str = "application/json"
    host_url: str = "https://duo.invalid"
    parameters: RequestParameters = field(init=False)

    def __post_init__(self) -> None:
        self.method = self.method.lower()
        self.parameters = RequestParameters(query=ImmutableMultiDict(), header=Headers(self.headers))


@dataclass
class SpecResponse:
    """An HTTP response as openapi-core sees it."""

    status_code: int
    headers: Headers
    data: bytes | None = None
    content_type: str = "application/json"


def spec_dir() -> Path:
    configured = os.environ.get("KOERS_DUO_SPEC_DIR")
    return Path(configured) if configured else settings.BASE_DIR.parent / "shared" / "duo-m2m"


def spec_path(service: str) -> Path:
    return spec_dir() / "API" / SERVICES[service] / "openapi.yml"


@cache
def raw_spec(service: str) -> dict[str, Any]:
    path = spec_path(service)
    if not path.is_file():
        raise SpecNotFound(f"DUO specification for {service!r} not found at {path}; set KOERS_DUO_SPEC_DIR.")
    return _with_python_patterns(yaml.safe_load(path.read_text(encoding="utf-8")))


def _with_python_patterns(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            key: (
                _python_pattern(value)
                if key == "pattern" and isinstance(value, str)
                else _with_python_patterns(value)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_with_python_patterns(item) for item in node]
    return node


def _python_pattern(pattern: str) -> str:
    for unicode_property, ranges in _UNICODE_PROPERTIES.items():
        pattern = pattern.replace(unicode_property, ranges)
    return pattern


@cache
def openapi(service: str) -> OpenAPI:
    return OpenAPI.from_dict(raw_spec(service))


def api_version(service: str) -> str:
    return str(raw_spec(service)["info"]["version"])


@cache
def operations() -> dict[str, Operation]:
    """Every operation of every DUO API, by its ``operationId``."""
    found: dict[str, Operation] = {}
    for service in SERVICES:
        for path, item in raw_spec(service)["paths"].items():
            for method in HTTP_METHODS:
                if method in item:
                    operation_id = item[method]["operationId"]
                    found[operation_id] = Operation(service, operation_id, method, path)
    return found


def operation(operation_id: str) -> Operation:
    try:
        return operations()[operation_id]
    except KeyError:
        raise SpecNotFound(f"No DUO operation {operation_id!r}.") from None


@dataclass(frozen=True)
class QuickCheck:
    """The header parameters and the JSON body of one operation as JSON Schema validators, built once:
    what openapi-core checks for a request, without its cost per request (about 2 ms). Passing it
    means openapi-core finds nothing either (the same schemas, OpenAPI 3.0 semantics and formats);
    a request that does not pass goes to openapi-core, which says what is wrong."""

    headers: tuple[tuple[str, bool, OAS30WriteValidator], ...]
    body: OAS30WriteValidator

    def passes(self, request: SpecRequest) -> bool:
        given = {name.lower(): value for name, value in request.headers.items()}
        for name, required, validator in self.headers:
            if name not in given:
                if required:
                    return False
            elif not validator.is_valid(given[name]):
                return False
        if request.content_type.partition(";")[0].strip().lower() != "application/json" or not request.body:
            return False
        try:
            body = json.loads(request.body)
        except ValueError:
            return False
        return self.body.is_valid(body)


SPEC_URI = "urn:koers:duo-spec"


@cache
def quick_check(service: str, method: str, path: str) -> QuickCheck | None:
    """The quick check of an operation that takes header parameters and a required JSON body only;
    ``None`` for any other operation (openapi-core checks those)."""
    spec = raw_spec(service)
    operation = spec["paths"].get(path, {}).get(method)
    if operation is None:
        return None
    body = operation.get("requestBody", {})
    schema = body.get("content", {}).get("application/json", {}).get("schema")
    parameters = [_resolved(spec, parameter) for parameter in operation.get("parameters", [])]
    if schema is None or not body.get("required") or any(p.get("in") != "header" for p in parameters):
        return None
    registry = Registry().with_resource(SPEC_URI, DRAFT4.create_resource(spec))

    def validator(schema: dict) -> OAS30WriteValidator:
        return OAS30WriteValidator(schema, format_checker=OAS30WriteValidator.FORMAT_CHECKER,
                                   _resolver=registry.resolver(base_uri=SPEC_URI))

    headers = tuple((p["name"].lower(), bool(p.get("required")), validator(p["schema"])) for p in parameters)
    return QuickCheck(headers, validator(schema))


def _resolved(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """A node of the specification with its local ``$ref`` (``#/components/...``) followed."""
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def validate_request(service: str, request: SpecRequest) -> None:
    """Raise :class:`SpecViolation` unless ``request`` follows the specification of ``service``."""
    check = quick_check(service, request.method, request.path)
    if check is not None and check.passes(request):
        return
    errors = list(openapi(service).iter_request_errors(request))
    if not errors:
        return
    if any(isinstance(error.__cause__, MediaTypeNotFound) for error in errors):
        raise SpecViolation(
            [{"name": "Content-Type", "code": "unsupported", "reason": _("Stuur de invoer als JSON.")}],
            unsupported_media_type=True,
        )
    raise SpecViolation([param for error in errors for param in _invalid_params(error)])


def response_errors(service: str, request: SpecRequest, response: SpecResponse) -> list[str]:
    """What is wrong with ``response`` as DUO's answer to ``request``; empty when it follows the spec."""
    return [_describe(error) for error in openapi(service).iter_response_errors(request, response)]


def _describe(error: Exception) -> str:
    cause = error.__cause__
    if isinstance(cause, InvalidSchemaValue):
        return "; ".join(
            f"{'.'.join(str(part) for part in schema_error.absolute_path) or 'body'}: {schema_error.message}"
            for schema_error in cause.schema_errors
        )
    return str(error)


def _invalid_params(error: Exception) -> list[dict[str, str]]:
    if isinstance(error, MissingParameterError):
        return [{"name": error.name, "code": "required", "reason": _("Deze parameter is verplicht.")}]
    if isinstance(error, ParameterValidationError):
        reason = _("Deze parameter heeft een ongeldige waarde.")
        return [{"name": error.name, "code": "invalid", "reason": reason}]
    if isinstance(error, MissingRequestBodyError):
        return [{"name": "body", "code": "required", "reason": _("Het bericht heeft geen inhoud.")}]
    if isinstance(error, RequestBodyValidationError) and isinstance(error.__cause__, InvalidSchemaValue):
        return [_schema_param(schema_error) for schema_error in error.__cause__.schema_errors]
    if isinstance(error, ValidationError):
        return [{"name": "body", "code": "invalid", "reason": _("De inhoud is geen geldige JSON.")}]
    raise error


def _schema_param(schema_error: Any) -> dict[str, str]:
    location = [str(part) for part in schema_error.absolute_path]
    if schema_error.validator == "required":
        missing = schema_error.message.split("'")[1]
        location.append(missing)
    reason = _SCHEMA_REASONS.get(str(schema_error.validator), "Deze waarde voldoet niet aan de specificatie.")
    return {"name": ".".join(location) or "body", "code": str(schema_error.validator), "reason": _(reason)}
