"""Uploaded files are checked by what they are, not by what they are called.

``validate_upload`` reads the first bytes of an upload and compares the detected type (puremagic's
signatures) with the kinds a form accepts; text kinds (CSV) must be valid UTF-8 without NUL characters.
Every refusal is a ``ValidationError`` with a Dutch message, so a form shows it beside the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import puremagic
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class UploadKind:
    label: str
    mime_types: frozenset[str]
    text: bool = False


KINDS: dict[str, UploadKind] = {
    "pdf": UploadKind("PDF", frozenset({"application/pdf"})),
    "jpeg": UploadKind("JPEG", frozenset({"image/jpeg"})),
    "png": UploadKind("PNG", frozenset({"image/png"})),
    "csv": UploadKind("CSV", frozenset(), text=True),
}

SNIFF_BYTES = 8192


def detected_mime_types(head: bytes) -> set[str]:
    try:
        matches = puremagic.magic_string(head)
    except (puremagic.PureError, ValueError):
        return set()
    return {match.mime_type for match in matches if match.mime_type}


def is_plain_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def validate_upload(upload: UploadedFile, *, kinds: Iterable[str], max_bytes: int) -> None:
    """Refuse an upload that is empty, too large, or not one of ``kinds`` (keys of ``KINDS``)."""
    accepted = [KINDS[kind] for kind in kinds]
    if not upload.size:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("Het bestand is groter dan %(limit)s.") % {"limit": filesizeformat(max_bytes)}, code="too_large"
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    mime_types = detected_mime_types(head)
    for kind in accepted:
        if kind.mime_types & mime_types:
            return
        if kind.text and not mime_types and is_plain_text(upload.read()):
            upload.seek(0)
            return
        upload.seek(0)
    raise ValidationError(
        _("Dit soort bestand wordt niet aangenomen. Toegestaan: %(kinds)s.")
        % {"kinds": ", ".join(kind.label for kind in accepted)},
        code="wrong_type",
    )
