"""Authorization as one queryset filter (after Open Zaak's ``query.py``).

``visible_persons(user)`` is the only way any view, API endpoint or export gets at dossiers;
``categories_for(user, person)`` tells which data of one dossier the user may see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet

from .constants import DataCategory, Role, Scope
from .policy import EDITING_ROLES, REGISTERING_ROLES, ROLE_CATEGORIES, ROLE_SCOPE

if TYPE_CHECKING:
    from koers.people.models import Person

    from .models import User


@dataclass(frozen=True)
class Grant:
    """One membership, resolved: a role in an organisation serving some municipalities."""

    role: Role
    organisation_id: int
    municipality_ids: frozenset[int]

    @property
    def scope(self) -> Scope:
        return ROLE_SCOPE[self.role]

    @property
    def categories(self) -> frozenset[DataCategory]:
        return ROLE_CATEGORIES[self.role]


def grants_for(user: User) -> tuple[Grant, ...]:
    """The user's grants, read once per request (two queries) and kept on the user object."""
    cached = getattr(user, "_koers_grants", None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        grants: tuple[Grant, ...] = ()
    else:
        from .models import Membership, Organisation

        memberships = list(Membership.objects.filter(user=user).values_list("role", "organisation_id"))
        served: dict[int, set[int]] = {}
        for org_id, mun_id in Organisation.serves.through.objects.filter(
            organisation_id__in={org for _, org in memberships}
        ).values_list("organisation_id", "municipality_id"):
            served.setdefault(org_id, set()).add(mun_id)
        grants = tuple(
            Grant(Role(role), org_id, frozenset(served.get(org_id, ()))) for role, org_id in memberships
        )
    user._koers_grants = grants
    return grants


def roles_of(user: User) -> frozenset[Role]:
    return frozenset(g.role for g in grants_for(user))


def grant_condition(grant: Grant, user: User, *, person: str = "pk", on: dt.date | None = None) -> Q | None:
    """The rows one grant reaches, as a filter on a model with a ``municipality_id`` that is, or points
    to, a person (``person`` names the field holding the person's id: ``"pk"`` on Person itself,
    ``"person_id"`` on a row about a person)."""
    from koers.people.models import Assignment

    if grant.scope == Scope.MUNICIPALITY:
        return Q(municipality_id__in=grant.municipality_ids)
    active = Assignment.objects.active(on).filter(person=OuterRef(person), organisation_id=grant.organisation_id)
    if grant.scope == Scope.ORGANISATION:
        return Q(municipality_id__in=grant.municipality_ids) & Q(Exists(active))
    if grant.scope == Scope.ASSIGNMENT:
        return Q(Exists(active.filter(user=user)))
    return None


def visible_persons(user: User, queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """The dossiers this user may open: the union over all their grants."""
    from koers.people.models import Person

    qs = queryset if queryset is not None else Person.objects.all()
    municipality_ids: set[int] = set()
    other: list[Q] = []
    for grant in grants_for(user):
        if grant.scope == Scope.MUNICIPALITY:
            municipality_ids |= grant.municipality_ids
        else:
            condition = grant_condition(grant, user)
            if condition is not None:
                other.append(condition)
    conditions = ([Q(municipality_id__in=municipality_ids)] if municipality_ids else []) + other
    if not conditions:
        return qs.none()
    return qs.filter(reduce(or_, conditions))


def grants_reaching(user: User, person: Person) -> list[Grant]:
    """The grants through which ``user`` reaches ``person`` (uses prefetched ``assignments`` if present)."""
    reaching = []
    assignments = None
    for grant in grants_for(user):
        if grant.scope == Scope.MUNICIPALITY:
            if person.municipality_id in grant.municipality_ids:
                reaching.append(grant)
            continue
        if grant.scope == Scope.NONE:
            continue
        if assignments is None:
            assignments = _active_assignments(person)
        for assignment in assignments:
            if assignment.organisation_id != grant.organisation_id:
                continue
            if grant.scope == Scope.ORGANISATION and person.municipality_id in grant.municipality_ids:
                reaching.append(grant)
                break
            if grant.scope == Scope.ASSIGNMENT and assignment.user_id == user.pk:
                reaching.append(grant)
                break
    return reaching


def _active_assignments(person: Person) -> list:
    from koers.lib import clock

    today = clock.today()
    cache = getattr(person, "_prefetched_objects_cache", {})
    if "assignments" in cache:
        items = cache["assignments"]
    else:
        items = person.assignments.all()
    return [a for a in items if a.start_date <= today and (a.end_date is None or a.end_date >= today)]


def categories_for(user: User, person: Person) -> frozenset[DataCategory]:
    """The data categories of this dossier the user may see (empty: no access at all)."""
    return frozenset().union(*(g.categories for g in grants_reaching(user, person)))


def can_register_in(user: User) -> frozenset[int]:
    """Municipality ids in which the user may register a new person (koppeling)."""
    return frozenset().union(
        *(g.municipality_ids for g in grants_for(user) if g.role in REGISTERING_ROLES)
    )


def can_edit(user: User, person: Person) -> bool:
    return any(g.role in EDITING_ROLES for g in grants_reaching(user, person))
