"""Schemathesis against Koers's Notificatie endpoint, generated from DUO's own specification:
no answer is a 5xx, malformed input gets a clear problem+json 4xx and stores nothing."""

from __future__ import annotations

import copy

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from koers.duo import specs
from koers.duo.models import Notification

from .notifications import TOKEN

if not specs.spec_path("notificatie").is_file():
    pytest.skip(f"DUO's specifications are not at {specs.spec_dir()}.", allow_module_level=True)


def notificatie_schema() -> schemathesis.schemas.BaseSchema:
    document = copy.deepcopy(specs.raw_spec("notificatie"))
    document["servers"] = [{"url": "/duo/v1"}]
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = WSGIHandler()
    return loaded


schema = notificatie_schema()


@pytest.fixture
def token(notify_token, connection_kept_open) -> str:
    return notify_token


@pytest.fixture
def connection_kept_open():
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.django_db
def test_the_notification_endpoint_never_fails_and_stores_only_valid_messages(case, token):
    before = Notification.objects.count()

    response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})

    assert response.status_code < 500, response.text
    stored = Notification.objects.count() - before
    if response.status_code == 201:
        assert stored <= 1
    else:
        expected = (400, 415) if case.method.upper() == "POST" else (405,)
        assert response.status_code in expected, (case.method, response.text)
        assert stored == 0
        body = response.json()
        assert body["status"] == response.status_code and body["title"] and body["detail"]
