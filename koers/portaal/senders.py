"""How a login code reaches the newcomer. E-mail goes through Django's email backend (EMAIL_BACKEND);
SMS through the sender class named by the setting KOERS_PORTAAL_SMS_BACKEND. The default sender
only writes the message to the log and to the table of sent messages, for development and the demo;
a gateway is another class with the same ``send`` method."""

from __future__ import annotations

import logging
import smtplib
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

from .models import MessageChannel, SentMessage

logger = logging.getLogger(__name__)
DEFAULT_SMS_BACKEND = "koers.portaal.senders.LogSmsSender"


class SendFailed(Exception):
    """The mail server or the SMS gateway did not take the message."""


class SmsSender(Protocol):
    def send(self, *, to: str, body: str) -> None: ...


class LogSmsSender:
    """Sends nothing: logs the message and keeps it in SentMessage."""

    def send(self, *, to: str, body: str) -> None:
        logger.warning("SMS aan %s: %s", to, body)
        SentMessage.objects.create(channel=MessageChannel.SMS, to=to, body=body)


def sms_sender() -> SmsSender:
    return import_string(getattr(settings, "KOERS_PORTAAL_SMS_BACKEND", DEFAULT_SMS_BACKEND))()


def send_email(*, to: str, subject: str, body: str) -> None:
    try:
        send_mail(subject, body, None, [to])
    except (OSError, smtplib.SMTPException) as error:
        logger.error("E-mail aan %s niet verstuurd: %s", to, error)
        raise SendFailed from error
