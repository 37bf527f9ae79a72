"""Property-based testing of the whole published API: every operation of ``/api/v1/openapi.yaml``,
called by users of every kind of reach, against the WSGI application.

Schemathesis generates requests for each operation and checks each response: no server error, a
documented status code and content type, a body and headers that match the schema. Every refusal
(any 4xx) must leave the database as it was (the audit log of the refusal aside). The number of
examples per operation is kept small so that the run stays short; ``KOERS_SCHEMATHESIS_EXAMPLES=500``
asks for a deeper run.
"""

import functools
import os
import re

import pytest
import schemathesis
from django.conf import settings
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.urls import get_resolver
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import positive_data_acceptance

from tests.access.database import changed_between, database_state
from tests.access.routes import routes
from tests.factories import TimelineEventFactory

DOCUMENT = "/api/v1/openapi.yaml"
# Who calls: full reach, reach through one assignment, aggregates only, and the other municipality.
CALLERS = ("consultant", "volunteer", "analyst", "consultant of the other municipality")


@functools.cache
def handler_for(middleware: tuple[str, ...]) -> WSGIHandler:
    return WSGIHandler()


def application(environ, start_response):
    """The WSGI application, built for the middleware the running test has in its settings."""
    return handler_for(tuple(settings.MIDDLEWARE))(environ, start_response)


# Loaded eagerly: the published document needs no login and no database.
# (schemathesis.pytest.from_fixture does not work with pytest 9 in schemathesis 4.32.)
schema = schemathesis.openapi.from_wsgi(DOCUMENT, application)


@pytest.fixture
def connection_kept_open():
    """As Django's test client does: a request must not close the database connection that holds
    the test's transaction (it would, on PostgreSQL, at the end of each request)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(params=CALLERS)
def token(request, tenants, connection_kept_open) -> str:
    TimelineEventFactory(person=tenants.a.person)
    user = {
        "consultant": tenants.a.consultant,
        "volunteer": tenants.a.volunteer,
        "analyst": tenants.a.analyst,
        "consultant of the other municipality": tenants.b.consultant,
    }[request.param]
    return Token.objects.create(user=user).key


def test_the_document_describes_every_api_endpoint():
    """Nothing of the API escapes this test: every route under /api/v1/ that is not the document
    itself is an operation of the document."""
    documented = {operation.ok().path for operation in schema.get_all_operations()}
    served = {
        "/" + re.sub(r"\(\?P<(\w+)>[^)]*\)|<\w+:(\w+)>", parameter, re.sub(r"[\^$]", "", route.pattern))
        for route in routes()
        if route.api and route.name not in {"v1:openapi-json", "v1:openapi-yaml", "v1:docs"}
    }
    assert documented == served
    assert get_resolver().resolve("/api/v1/openapi.yaml")


def parameter(match: re.Match) -> str:
    """A path parameter as the document writes it: DRF's ``pk`` is ``{id}``."""
    name = match.group(1) or match.group(2)
    return "{id}" if name == "pk" else f"{{{name}}}"


@schema.parametrize()
@hypothesis_settings(
    max_examples=int(os.environ.get("KOERS_SCHEMATHESIS_EXAMPLES", "10")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_keeps_to_its_schema_and_a_refusal_changes_nothing(case, token):
    before = database_state()
    headers = {"Authorization": f"Token {token}"}
    response = case.call(headers=headers)
    # Positive data acceptance is left out: the domain refuses schema-valid input that JSON Schema
    # cannot describe (a BSN failing the elfproef, a BSN already registered, a municipality outside
    # the werkgebied); those answers are documented 400 and 403 problems, checked all the same.
    case.validate_response(response, headers=headers, excluded_checks=[positive_data_acceptance])
    if 400 <= response.status_code < 500:
        assert changed_between(before, database_state()) == [], f"{case.method} {case.formatted_path}"
