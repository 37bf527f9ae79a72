"""Who may do what in qualitative monitoring, per municipality (the one access model decides the
municipalities; this module only picks the roles)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from koers.access.constants import Role
from koers.access.models import Municipality, User
from koers.access.query import municipalities_with

from .models import InterviewRound


def require_any(user: User, roles: Iterable[Role]) -> frozenset[int]:
    """The municipalities in which ``user`` holds one of ``roles``; none at all is a 403."""
    ids = municipalities_with(user, roles)
    if not ids:
        raise PermissionDenied(_("Je rol heeft geen toegang tot dit scherm."))
    return ids


def municipality_or_404(user: User, roles: Iterable[Role], municipality_id: int) -> Municipality:
    if municipality_id not in require_any(user, roles):
        raise Http404(_("Deze gemeente bestaat niet of je hebt er geen toegang toe."))
    return Municipality.objects.get(pk=municipality_id)


def round_or_404(user: User, roles: Iterable[Role], pk: int) -> InterviewRound:
    ids = require_any(user, roles)
    found = InterviewRound.objects.filter(pk=pk, municipality_id__in=ids).select_related("municipality").first()
    if found is None:
        raise Http404(_("Deze gespreksronde bestaat niet of je hebt er geen toegang toe."))
    return found
