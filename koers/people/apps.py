import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "koers.people"
    verbose_name = "Personen en dossiers"

    def ready(self) -> None:
        from koers.access.query import can_register_in
        from koers.lib import jobs
        from koers.lib.navigation import DossierSection, MenuItem, register_dossier_section, register_menu_item

        from . import consultants, totals

        consultants.connect()
        jobs.register_periodic("people.compact_totals", totals.compact, daily_at=dt.time(1, 45))

        register_menu_item(MenuItem("caseload", _("Mijn caseload"), "people:caseload", order=10))
        register_menu_item(
            MenuItem(
                "register",
                _("Persoon registreren"),
                "people:register",
                order=20,
                visible=lambda user: bool(can_register_in(user)),
            )
        )
        register_dossier_section(DossierSection("overview", _("Overzicht"), "people:detail", order=10))
