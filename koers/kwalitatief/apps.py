from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KwalitatiefConfig(AppConfig):
    name = "koers.kwalitatief"
    verbose_name = "Kwalitatieve monitoring"

    def ready(self) -> None:
        from koers.access.constants import DataCategory
        from koers.lib.navigation import DossierSection, MenuItem, register_dossier_section, register_menu_item

        from . import deadlines
        from .constants import REPORT_ROLES

        register_menu_item(MenuItem("kwalitatief", _("Gesprekken"), "kwalitatief:rounds", roles=REPORT_ROLES,
                                    order=85))
        register_dossier_section(DossierSection("gesprekken", _("Gesprekken"), "kwalitatief:person",
                                                categories=frozenset({DataCategory.NOTES}), order=85))
        deadlines.register()
