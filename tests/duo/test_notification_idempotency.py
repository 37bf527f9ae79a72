from __future__ import annotations

import uuid

import pytest

from koers.duo.inbox import receive
from koers.duo.models import Notification

from .notifications import notification, post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("notify_token")]


def test_a_repeated_bericht_id_gets_the_same_answer_and_stores_nothing_new(client):
    message_id = str(uuid.uuid4())
    first = post(client, notification(gebeurtenisId="SS102"), message_id=message_id)
    again = post(client, notification(gebeurtenisId="SS102"), message_id=message_id)

    assert (first.status_code, again.status_code) == (201, 201)
    assert first.content == again.content
    assert first["berichtId"] == again["berichtId"] == message_id
    assert Notification.objects.count() == 1


def test_a_repeat_keeps_the_notification_as_first_received(client):
    message_id = str(uuid.uuid4())
    post(client, notification(gebeurtenisId="SS102"), message_id=message_id)
    post(client, notification(gebeurtenisId="SS199"), message_id=message_id)
    assert Notification.objects.get().event_code == "SS102"


def test_different_bericht_ids_are_different_notifications(client):
    post(client, notification())
    post(client, notification())
    assert Notification.objects.count() == 2


def test_the_inbox_reports_whether_it_stored_the_message():
    message_id = uuid.uuid4()
    arguments = {"message_id": message_id, "sender_oin": "1" * 20, "recipient_oin": "2" * 20,
                 "payload": notification()}
    assert receive(**arguments) is True
    assert receive(**arguments) is False
    assert Notification.objects.count() == 1
