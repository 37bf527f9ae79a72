from __future__ import annotations

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koers.duo import specs
from koers.duo.models import Notification

from .notifications import notification, post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("notify_token")]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
notification_like = st.fixed_dictionaries(
    {},
    optional={
        "registratieDatumTijd": st.text(max_size=30) | st.just("2026-11-25T09:15:00Z"),
        "gebeurtenisId": st.text(max_size=8) | st.from_regex(r"\ASS1[0-9]{2}\Z"),
        "bsn": st.text(max_size=10) | st.from_regex(r"\A[0-9]{9}\Z"),
        "vNummer": st.integers(),
    },
)


def is_valid(body: object) -> bool:
    headers = {"bron": "0" * 20, "doel": "1" * 20, "berichtId": "6f1c2b8e-3c1d-4e5f-9a7b-1c2d3e4f5a6b"}
    try:
        message = specs.SpecRequest("post", "/notificaties", headers, json.dumps(body).encode())
        specs.validate_request("notificatie", message)
    except specs.SpecViolation:
        return False
    return True


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=json_values | notification_like)
def test_no_json_body_gives_a_5xx_and_only_valid_ones_are_stored(body):
    before = Notification.objects.count()

    response = post(Client(), body)

    assert response.status_code in (201, 400), response.content
    stored = Notification.objects.count() - before
    assert stored == (1 if response.status_code == 201 else 0)
    assert (response.status_code == 201) == is_valid(body)


def test_the_fuzzed_shapes_include_valid_notifications():
    assert is_valid(notification())
