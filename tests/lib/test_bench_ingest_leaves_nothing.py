"""The load benchmark's ingest measurement stores real notifications; afterwards it deletes those,
and only those, so that the dataset stays as it was."""

from __future__ import annotations

import uuid

import pytest

from koers.duo.models import Notification
from koers.lib.loadbench import forget_notifications

pytestmark = pytest.mark.django_db


def notification(number: int) -> Notification:
    return Notification.objects.create(
        message_id=uuid.uuid4(), event_key=f"SS199|{number}", event_code="SS199", sender_oin="1", recipient_oin="2",
        payload={},
    )


def test_only_the_notifications_after_the_measurement_began_are_deleted():
    before = [notification(n) for n in range(2)]
    for n in range(3):
        notification(10 + n)
    assert forget_notifications(before[-1].pk) == 3
    assert list(Notification.objects.order_by("pk")) == before
