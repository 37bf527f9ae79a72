"""Posting notifications to the Notificatie API the way DUO does."""

from __future__ import annotations

import json
import uuid

from django.test import Client

URL = "/duo/v1/notificaties"
TOKEN = "duo-gedeeld-geheim-voor-tests"
MUNICIPALITY_OIN = "00000001001234567000"
DUO_SENDER_OIN = "00000001800866472000"


def notification(**overrides: object) -> dict:
    return {"registratieDatumTijd": "2026-11-25T09:15:00+01:00", "gebeurtenisId": "SS102", "bsn": "999990019",
            **overrides}


def post(client: Client, body: object, *, message_id: str | None = None, token: str = TOKEN,
         content_type: str = "application/json", **headers: str):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(
        URL, data=data, content_type=content_type,
        headers={
            "Authorization": f"Bearer {token}",
            "bron": DUO_SENDER_OIN,
            "doel": MUNICIPALITY_OIN,
            "berichtId": message_id or str(uuid.uuid4()),
            **headers,
        },
    )

