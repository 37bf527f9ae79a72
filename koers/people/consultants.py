"""The consultants around a user: the choices of the caseload's consultant filter.

They are read from the memberships, not from the dossiers, and kept in the cache per set of
municipalities: a large municipality has hundreds of consultants, and the caseload is the screen
opened most. A change to a user, a membership or an organisation's werkgebied makes every kept list
old at once in the process that made the change (in every process when the cache is shared, as with
Redis); a process that did not see the change reads the list anew at most ``KEEP_SECONDS`` later.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable

from django.core.cache import cache
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

from koers.access.constants import Role
from koers.access.models import Membership, Organisation, User
from koers.access.query import grants_for

from .forms import user_label

CONSULTANT_ROLES = (Role.CONSULTANT, Role.TEAM_LEAD)
"""Team leads may hold dossiers too."""
KEEP_SECONDS = 60
GENERATION = "people:consultants:generation"


def consultants_of(municipality_ids: Iterable[int]) -> QuerySet[User]:
    """The consultants and team leads of the organisations serving these municipalities."""
    return User.objects.filter(
        memberships__role__in=CONSULTANT_ROLES, memberships__organisation__serves__in=list(municipality_ids)
    ).distinct()


def consultants_serving(municipality_ids: Iterable[int]) -> list[tuple[int, str]]:
    """The consultants of these municipalities by name, as choices."""
    users = consultants_of(municipality_ids).order_by("first_name", "last_name", "pk").only(
        "first_name", "last_name", "username")
    return [(user.pk, user_label(user)) for user in users]


def consultants_around(user: User) -> list[tuple[int, str]]:
    """The consultants of the municipalities where ``user`` works, from the cache when kept."""
    served = sorted(frozenset().union(*(g.municipality_ids for g in grants_for(user))))
    generation = cache.get(GENERATION)
    if generation is None:
        generation = new_generation()
    # Hashed: a national team serves hundreds of municipalities, longer than some caches allow a key.
    digest = hashlib.sha256(",".join(map(str, served)).encode()).hexdigest()
    key = f"people:consultants:{generation}:{digest}"
    kept = cache.get(key)
    if kept is None:
        kept = consultants_serving(served)
        cache.set(key, kept, KEEP_SECONDS)
    return kept


def new_generation(*args: object, **kwargs: object) -> str:
    """Makes every kept list old (a signal receiver, hence the arguments it ignores)."""
    generation = uuid.uuid4().hex
    cache.set(GENERATION, generation, None)
    return generation


def connect() -> None:
    for model in (User, Membership, Organisation):
        post_save.connect(new_generation, sender=model, dispatch_uid=f"consultants-{model.__name__}-save")
        post_delete.connect(new_generation, sender=model, dispatch_uid=f"consultants-{model.__name__}-delete")
    m2m_changed.connect(new_generation, sender=Organisation.serves.through, dispatch_uid="consultants-serves")
