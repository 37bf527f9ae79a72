"""Registrations of the route: the dossier tab "Inburgering" and the provider's menu item for hours."""

from django.utils.translation import gettext_lazy as _

from koers.access.constants import Role
from koers.lib.navigation import DossierSection, MenuItem, register_dossier_section, register_menu_item

from .route import ROUTE_CATEGORIES


def register() -> None:
    register_dossier_section(
        DossierSection("inburgering", _("Inburgering"), "inburgering:route", categories=ROUTE_CATEGORIES, order=30)
    )
    register_menu_item(
        MenuItem("provider_hours", _("Uren doorgeven"), "inburgering:provider_hours",
                 roles=frozenset({Role.TAALAANBIEDER}), order=40)
    )
