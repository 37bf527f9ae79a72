import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AvgConfig(AppConfig):
    name = "koers.avg"
    verbose_name = "AVG-rechten en bewaartermijnen"

    def ready(self) -> None:
        from koers.access.constants import Role
        from koers.lib import jobs
        from koers.lib.navigation import (
            DossierSection,
            MenuItem,
            register_dossier_section,
            register_menu_item,
        )

        from .anonymise import anonymise_due_dossiers

        jobs.register_periodic("avg.anonymise", anonymise_due_dossiers, daily_at=dt.time(3, 0))
        register_dossier_section(
            DossierSection(
                "avg", _("AVG-rechten"), "avg:dossier", roles=frozenset({Role.CONSULTANT}), order=90
            )
        )
        register_menu_item(
            MenuItem(
                "privacy",
                _("Privacy en logboek"),
                "avg:privacy",
                roles=frozenset({Role.FUNCTIONAL_ADMIN}),
                order=90,
            )
        )
