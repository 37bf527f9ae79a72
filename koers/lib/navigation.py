"""Where the parts of Koers hang their screens: the main menu and the tabs of a dossier.

Each app registers its entries in its ``AppConfig.ready()``; the base template and the dossier
heading read them, so adding a part of the domain never means editing another app's templates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.functional import Promise

from koers.lib.views import reversed_url, urls_by_pk

if TYPE_CHECKING:
    from koers.access.constants import DataCategory, Role
    from koers.access.models import User
    from koers.people.models import Person


@dataclass(frozen=True)
class MenuItem:
    """An entry in the main menu, shown to users holding one of ``roles`` (all users when empty)."""

    key: str
    label: str | Promise
    url_name: str
    roles: frozenset[Role] = frozenset()
    order: int = 100
    visible: Callable[[User], bool] | None = None

    def shown_to(self, user: User, roles: frozenset[Role]) -> bool:
        if self.roles and not (self.roles & roles):
            return False
        return self.visible(user) if self.visible else True


@dataclass(frozen=True)
class DossierSection:
    """A tab of the dossier, shown when the user may see at least one of ``categories`` of it
    (always when empty). ``url_name`` takes the person's id as ``pk``."""

    key: str
    label: str | Promise
    url_name: str
    categories: frozenset[DataCategory] = frozenset()
    roles: frozenset[Role] = frozenset()
    order: int = 100

    def shown_for(self, granted: frozenset[DataCategory], roles: frozenset[Role]) -> bool:
        if self.roles and not (self.roles & roles):
            return False
        return not self.categories or bool(self.categories & granted)


@dataclass
class Registry:
    menu: dict[str, MenuItem] = field(default_factory=dict)
    sections: dict[str, DossierSection] = field(default_factory=dict)


registry = Registry()


def register_menu_item(item: MenuItem) -> None:
    registry.menu[item.key] = item


def register_dossier_section(section: DossierSection) -> None:
    registry.sections[section.key] = section


@dataclass(frozen=True)
class Link:
    key: str
    label: str | Promise
    url: str


def menu_for(user: User) -> list[Link]:
    from koers.access.query import roles_of

    roles = roles_of(user)
    items = sorted(registry.menu.values(), key=lambda i: (i.order, i.key))
    return [Link(i.key, i.label, reversed_url(i.url_name)) for i in items if i.shown_to(user, roles)]


def sections_for(user: User, person: Person, granted: frozenset[DataCategory]) -> list[Link]:
    from koers.access.query import roles_of

    roles = roles_of(user)
    sections = sorted(registry.sections.values(), key=lambda s: (s.order, s.key))
    return [
        Link(s.key, s.label, urls_by_pk(s.url_name)(person.pk)) for s in sections if s.shown_for(granted, roles)
    ]
