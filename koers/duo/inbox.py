"""The municipality's inbox for DUO's notifications: store once per ``berichtId``."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import IntegrityError, transaction

from koers.duo.models import Notification


def receive(*, message_id: uuid.UUID, sender_oin: str, recipient_oin: str, payload: dict[str, Any]) -> bool:
    """Store a validated notification; ``False`` when this ``berichtId`` was already stored."""
    try:
        with transaction.atomic():
            Notification.objects.create(
                message_id=message_id,
                event_code=payload["gebeurtenisId"],
                bsn=payload.get("bsn", ""),
                sender_oin=sender_oin,
                recipient_oin=recipient_oin,
                payload=payload,
            )
    except IntegrityError:
        return False
    return True
