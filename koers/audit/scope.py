"""Which audit entries a privacy officer (the functional administrator) of some municipalities sees:
entries about their municipalities' persons, and entries written by their municipalities' staff."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from koers.access.constants import Role
from koers.access.models import Membership, User
from koers.access.query import grants_for
from koers.people.models import Person

from .models import AuditEntry

# The functional administrator keeps the log, the retention periods and the anonymisation report.
PRIVACY_ROLES = frozenset({Role.FUNCTIONAL_ADMIN})


def privacy_municipalities(user: User) -> frozenset[int]:
    """The municipalities whose log and retention the user looks after (empty: none)."""
    return frozenset().union(*(g.municipality_ids for g in grants_for(user) if g.role in PRIVACY_ROLES))


def privacy_scope(request: HttpRequest) -> frozenset[int]:
    """The user's privacy municipalities; a 403 for a user who looks after none."""
    municipalities = privacy_municipalities(request.user)
    if not municipalities:
        raise PermissionDenied(_("Alleen de functioneel beheerder beheert privacy en logboek."))
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
