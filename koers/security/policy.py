"""Who must log in with a second factor: policy as data per municipality, with a default for the
installation (``KOERS_TWO_FACTOR_ROLES``)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from koers.access.constants import Role
from koers.access.models import User

from .models import TwoFactorPolicy


def default_required_roles() -> set[str]:
    value = settings.KOERS_TWO_FACTOR_ROLES.strip().lower()
    if value == "all":
        return set(Role.values)
    if value == "none":
        return set()
    roles = {item.strip() for item in value.split(",") if item.strip()}
    unknown = roles - set(Role.values)
    if unknown:
        raise ImproperlyConfigured(
            f"KOERS_TWO_FACTOR_ROLES names unknown roles: {', '.join(sorted(unknown))}"
        )
    return roles


def required_roles_in(municipality_id: int, policies: dict[int, set[str]]) -> set[str]:
    return policies.get(municipality_id, default_required_roles())


def two_factor_required(user: User) -> bool:
    """True when any role the user holds must use two-factor authentication in the municipality of
    the organisation it is held in. A superuser always must, unless the installation asks no one."""
    if user.is_superuser and default_required_roles():
        return True
    memberships = list(user.memberships.select_related("organisation"))
    municipality_ids = {m.organisation.municipality_id for m in memberships}
    policies = {
        p.municipality_id: set(p.required_roles)
        for p in TwoFactorPolicy.objects.filter(municipality_id__in=municipality_ids)
    }
    return any(m.role in required_roles_in(m.organisation.municipality_id, policies) for m in memberships)
