from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OntzorgenConfig(AppConfig):
    name = "koers.ontzorgen"
    verbose_name = "Financieel ontzorgen"

    def ready(self) -> None:
        from koers.access.constants import DataCategory
        from koers.lib.deadlines import register_deadline_source
        from koers.lib.navigation import (
            DossierSection,
            MenuItem,
            register_dossier_section,
            register_menu_item,
        )

        from .deadlines import SOURCES
        from .runs import RUN_ROLES

        register_dossier_section(
            DossierSection(
                "ontzorgen",
                _("Ontzorgen"),
                "ontzorgen:dossier",
                categories=frozenset({DataCategory.FINANCE}),
                order=60,
            )
        )
        register_menu_item(
            MenuItem("ontzorgen_runs", _("Betaalrondes"), "ontzorgen:runs", roles=RUN_ROLES, order=60)
        )
        for source in SOURCES:
            register_deadline_source(source)
