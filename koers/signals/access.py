"""Which signals a user sees: those of the persons they reach, of the data categories they may see
of each. The same rule as ``koers.access.query.categories_for``, as one queryset filter (one
condition per grant), so lists filter and page in SQL."""

from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from koers.access.constants import Role
from koers.access.models import User
from koers.access.query import Grant, grant_condition, grants_for
from koers.people.models import named_persons

from .models import Signal, SignalStatus

TEAM_ROLES = frozenset({Role.TEAM_LEAD})
"""Who sees the team view: every visible signal of the municipality, grouped per worker."""
ACTING_ROLES = frozenset({Role.CONSULTANT, Role.TEAM_LEAD, Role.MB_BEGELEIDER})
"""Who may snooze or resolve a signal they see."""
POLICY_ROLES = frozenset({Role.FUNCTIONAL_ADMIN})
"""Who changes the signal policy of the municipalities their organisation serves."""


def _grant_condition(grant: Grant, user: User, today: dt.date) -> Q | None:
    if not grant.categories:
        return None
    reached = grant_condition(grant, user, person="person_id", on=today)
    if reached is None:
        return None
    return reached & Q(category__in=[str(c) for c in grant.categories])


def visible_signals(user: User, today: dt.date, queryset: QuerySet[Signal] | None = None) -> QuerySet[Signal]:
    qs = queryset if queryset is not None else Signal.objects.all()
    conditions = [c for g in grants_for(user) if (c := _grant_condition(g, user, today)) is not None]
    if not conditions:
        return qs.none()
    return qs.filter(reduce(or_, conditions))


def active(today: dt.date) -> Q:
    """Open, or snoozed until a day that has come."""
    return Q(status=SignalStatus.OPEN) | Q(status=SignalStatus.SNOOZED, snoozed_until__lte=today)


def mine(user: User, today: dt.date) -> Q:
    """Signals of persons whose consultant the user is, or to whom they are assigned by name: the
    persons read first (a caseload, one indexed query each), so that the signals are found through
    their person index rather than by testing every signal of the municipality."""
    return Q(person_id__in=named_persons(user, today))


def may_see_team(user: User) -> bool:
    return any(g.role in TEAM_ROLES for g in grants_for(user))


def may_act(user: User) -> bool:
    return any(g.role in ACTING_ROLES for g in grants_for(user))
