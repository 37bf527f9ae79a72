"""Template helpers of the screens: who is logged in, and what they may do."""

from __future__ import annotations

from django import template

from koers.access.constants import Role
from koers.access.models import User
from koers.access.query import can_register_in, roles_of

from ..constants import LANGUAGES

register = template.Library()


@register.simple_tag
def role_labels(user: User) -> list[str]:
    """The labels of the user's roles, in the order of ``Role``."""
    roles = roles_of(user)
    return [str(role.label) for role in Role if role in roles]


@register.simple_tag
def may_register(user: User) -> bool:
    return bool(can_register_in(user))


@register.filter
def language_names(codes: list[str]) -> list[str]:
    """Dutch names of language codes (an unknown code is shown as it is)."""
    return [LANGUAGES.get(code, code) for code in codes or ()]
