"""The SMS sender is chosen by a setting; the development sender writes to the log and to the table
of sent messages."""

from __future__ import annotations

import logging

from django.test import Client

from koers.portaal.models import SentMessage
from koers.portaal.senders import LogSmsSender, sms_sender

from .factories import PHONE, with_address

SENT: list[tuple[str, str]] = []


class ListSender:
    """A sender for this test: keeps what it is given."""

    def send(self, *, to: str, body: str) -> None:
        SENT.append((to, body))


def test_the_default_sender_logs_and_keeps_the_message(db, caplog):
    assert isinstance(sms_sender(), LogSmsSender)
    with caplog.at_level(logging.WARNING, logger="koers.portaal.senders"):
        sms_sender().send(to="0612345678", body="Hallo")
    assert "SMS aan 0612345678: Hallo" in caplog.text
    assert SentMessage.objects.get().body == "Hallo"


def test_the_setting_chooses_another_sender(tenants, settings):
    settings.KOERS_PORTAAL_SMS_BACKEND = "tests.portaal.test_sms_sender.ListSender"
    SENT.clear()
    with_address(tenants.a.person)
    Client().post("/portaal/inloggen/", {"address": PHONE})
    assert [to for to, _ in SENT] == [PHONE]
    assert not SentMessage.objects.exists()


def test_the_code_message_is_in_the_language_of_the_portal(tenants):
    with_address(tenants.a.person)
    client = Client()
    client.post("/portaal/taal/", {"language": "tr", "next": "/portaal/inloggen/"})
    client.post("/portaal/inloggen/", {"address": PHONE})
    assert SentMessage.objects.get().body.startswith("Portal kodunuz")
