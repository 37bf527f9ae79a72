"""Property-based testing of the published OpenAPI document against the WSGI application.

Schemathesis generates requests for every operation from ``/api/v1/openapi.json`` and checks each
response: no server error, a documented status code and content type, a body and headers that
match the schema. The number of examples per operation is kept small so that the run stays well
under a minute; ``KOERS_SCHEMATHESIS_EXAMPLES=500`` asks for a deeper run.
"""

import functools
import os

import pytest
import schemathesis
from django.conf import settings
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import positive_data_acceptance

from tests.factories import TimelineEventFactory


@functools.cache
def handler_for(middleware: tuple[str, ...]) -> WSGIHandler:
    return WSGIHandler()


def application(environ, start_response):
    """The WSGI application, built for the middleware the running test has in its settings."""
    return handler_for(tuple(settings.MIDDLEWARE))(environ, start_response)


# Loaded eagerly: the published document needs no login and no database.
# (schemathesis.pytest.from_fixture does not work with pytest 9 in schemathesis 4.32.)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def connection_kept_open():
    """As Django's test client does: a request must not close the database connection that holds
    the test's transaction (it would, on PostgreSQL, at the end of each request)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def consultant_token(tenants, connection_kept_open) -> str:
    TimelineEventFactory(person=tenants.a.person)
    return Token.objects.create(user=tenants.a.consultant).key


@schema.parametrize()
@hypothesis_settings(max_examples=int(os.environ.get("KOERS_SCHEMATHESIS_EXAMPLES", "25")), deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_published_schema(case, consultant_token):
    # Positive data acceptance is left out: the domain refuses schema-valid input that JSON Schema
    # cannot describe (a BSN failing the elfproef, a BSN already registered, a municipality outside
    # the werkgebied); those answers are documented 400 and 403 problems, checked all the same.
    case.call_and_validate(
        headers={"Authorization": f"Token {consultant_token}"},
        excluded_checks=[positive_data_acceptance],
    )
