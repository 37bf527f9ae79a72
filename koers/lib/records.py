"""What Koers stores as text — timeline titles, audit details, letters, receipts, payment files — is
written in the installation's language (``LANGUAGE_CODE``, Dutch), whatever the language of the
screen of whoever caused it: the dossier is shared, and a record reads the same for everyone who
opens it later."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation


def record_language() -> translation.override:
    """Within this block, translated texts come out in the language of the records."""
    return translation.override(settings.LANGUAGE_CODE)


def recorded(label: Any) -> str:
    """A (lazy) label, such as a choice's, in the language of the records."""
    with record_language():
        return str(label)
