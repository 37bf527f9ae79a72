"""A file handed out about one person: logged as an export, then sent as an attachment."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from koers.people.models import Person

from .log import record
from .models import Action, Channel


def logged_download(
    request: HttpRequest,
    person: Person,
    *,
    content: bytes | str,
    content_type: str,
    filename: str,
    purpose: str,
    detail: str,
    categories: Iterable[str] = (),
) -> HttpResponse:
    record(
        user=request.user,
        action=Action.EXPORT,
        persons=[person],
        categories=categories,
        purpose=purpose,
        channel=Channel.UI,
        request=request,
        detail=detail,
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
