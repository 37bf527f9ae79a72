"""What a response shows (its text, whatever the format) and whether it refuses."""

from __future__ import annotations

import io
import zipfile

from django.http import HttpResponse
from pypdf import PdfReader

REFUSED = frozenset({401, 403, 404, 405})
LOGIN_PAGES = ("/accounts/login/", "/portaal/inloggen/", "/beheer/login/")


def content_of(response: HttpResponse) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def text_of(response: HttpResponse) -> str:
    """Everything a reader of the response could see: markup and JSON as text, and the text of a PDF
    or a spreadsheet."""
    data = content_of(response)
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/pdf"):
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(name).decode(errors="replace") for name in archive.namelist())
    return data.decode(errors="replace")


def refuses(response: HttpResponse) -> bool:
    """A refusal: 401, 403, 404 or 405, or a redirect to a login page."""
    if response.status_code in REFUSED:
        return True
    return response.status_code == 302 and response["Location"].startswith(LOGIN_PAGES)
