"""Template helpers of the screens: who is logged in, and what they may do."""

from __future__ import annotations

from django import template

from koers.access.constants import Role
from koers.access.models import User
from koers.access.query import roles_of
from koers.lib.i18n import field_label
from koers.lib.navigation import Link, menu_for

from ..constants import LANGUAGES

register = template.Library()


@register.simple_tag
def role_labels(user: User) -> list[str]:
    """The labels of the user's roles, in the order of ``Role``."""
    roles = roles_of(user)
    return [str(role.label) for role in Role if role in roles]


@register.filter
def language_names(codes: list[str]) -> list[str]:
    """Dutch names of language codes (an unknown code is shown as it is)."""
    return [LANGUAGES.get(code, code) for code in codes or ()]


@register.simple_tag
def main_menu(user: User) -> list[Link]:
    return menu_for(user)


@register.filter
def label(instance: object, name: str) -> object:
    """``{{ event|label:"kind" }}``: the label of a choice field's value, as ``get_kind_display`` gives it
    but with the field's labels translated once per language (a timeline page shows 25 events)."""
    return field_label(instance, name)
