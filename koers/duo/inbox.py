"""The municipality's inbox for DUO's notifications: store once per ``berichtId``.

Processing happens later, in the worker (``koers.duo.processing``); the endpoint only stores.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import IntegrityError, transaction

from koers.duo.models import Notification


def event_key(payload: dict[str, Any]) -> str:
    """The event a notification is about: the same event sent twice has the same key."""
    subject = payload.get("bsn") or f"v{payload.get('vNummer', '')}"
    return f"{payload['gebeurtenisId']}|{subject}|{payload['registratieDatumTijd']}"[:80]


def receive(*, message_id: uuid.UUID, sender_oin: str, recipient_oin: str, payload: dict[str, Any]) -> bool:
    """Store a validated notification; ``False`` when this ``berichtId`` was already stored."""
    try:
        with transaction.atomic():
            Notification.objects.create(
                message_id=message_id,
                event_key=event_key(payload),
                event_code=payload["gebeurtenisId"],
                bsn=payload.get("bsn", ""),
                sender_oin=sender_oin,
                recipient_oin=recipient_oin,
                payload=payload,
            )
    except IntegrityError:
        return False
    return True
