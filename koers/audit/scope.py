"""Which audit entries a privacy officer (the functional administrator) of some municipalities sees:
entries about their municipalities' persons, and entries written by their municipalities' staff; and
whose unusual-access report a user reads (the privacy officer's, and the team lead's)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from koers.access.models import Membership
from koers.access.policy import PRIVACY_ROLES, UNUSUAL_ACCESS_ROLES
from koers.access.query import municipalities_with
from koers.people.models import Person

from .models import AuditEntry


def privacy_scope(request: HttpRequest) -> frozenset[int]:
    """The municipalities whose log and retention the user looks after; a 403 for a user who looks
    after none."""
    municipalities = municipalities_with(request.user, PRIVACY_ROLES)
    if not municipalities:
        raise PermissionDenied(_("Alleen de functioneel beheerder beheert privacy en logboek."))
    return municipalities


def unusual_access_scope(request: HttpRequest) -> frozenset[int]:
    """The municipalities whose unusual-access report the user reads; a 403 for anyone else."""
    municipalities = municipalities_with(request.user, UNUSUAL_ACCESS_ROLES)
    if not municipalities:
        raise PermissionDenied(_("Alleen de functioneel beheerder en de teamleider zien dit verslag."))
    return municipalities


def staff_of(municipality_ids: frozenset[int]) -> QuerySet:
    """Ids of users holding a role in an organisation of, or serving, these municipalities."""
    return Membership.objects.filter(
        Q(organisation__municipality_id__in=municipality_ids) | Q(organisation__serves__in=municipality_ids)
    ).values("user_id")


def entries_in_scope(municipality_ids: frozenset[int]) -> QuerySet[AuditEntry]:
    persons = Person.objects.filter(municipality_id__in=municipality_ids).values("pk")
    return AuditEntry.objects.filter(
        Q(municipality_id__in=municipality_ids)
        | Q(person_id__in=persons)
        | Q(user_id__in=staff_of(municipality_ids))
    )
