import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AvgConfig(AppConfig):
    name = "koers.avg"
    verbose_name = "AVG-rechten en bewaartermijnen"

    def ready(self) -> None:
        from koers.access.policy import PRIVACY_ROLES, RIGHTS_ROLES, UNUSUAL_ACCESS_ROLES
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
            DossierSection("avg", _("AVG-rechten"), "avg:dossier", roles=RIGHTS_ROLES, order=90)
        )
        register_menu_item(
            MenuItem("privacy", _("Privacy en logboek"), "avg:privacy", roles=PRIVACY_ROLES, order=90)
        )
        register_menu_item(
            MenuItem(
                "unusual",
                _("Ongebruikelijke toegang"),
                "avg:unusual",
                roles=UNUSUAL_ACCESS_ROLES - PRIVACY_ROLES,
                order=91,
            )
        )
