import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DuoConfig(AppConfig):
    name = "koers.duo"
    verbose_name = "Koppeling met DUO"

    def ready(self) -> None:
        from koers.access.constants import DataCategory
        from koers.access.policy import REGISTERING_ROLES
        from koers.lib import jobs
        from koers.lib.bench import register_benchmark
        from koers.lib.navigation import DossierSection, MenuItem, register_dossier_section, register_menu_item

        from . import announced, bench, contactpersoon, deadlines, outbox, processing, uren

        deadlines.register()
        contactpersoon.connect()
        announced.connect()
        uren.connect()
        register_benchmark(bench.BENCHMARK)
        jobs.register_task("duo.send_outbox", outbox.send_due)
        jobs.register_periodic("duo.send_outbox.periodic", outbox.send_due, every=dt.timedelta(seconds=30))
        jobs.register_periodic("duo.process_notifications", processing.process_due, every=dt.timedelta(seconds=1))
        register_menu_item(
            MenuItem("duo_announced", _("Aangemeld door DUO"), "duo:announced", roles=REGISTERING_ROLES, order=60)
        )
        register_dossier_section(
            DossierSection("duo", _("DUO"), "duo:dossier", categories=frozenset({DataCategory.DUO}), order=80)
        )
