import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignalsConfig(AppConfig):
    name = "koers.signals"
    verbose_name = "Signalen en termijnen"

    def ready(self) -> None:
        from koers.lib import jobs
        from koers.lib.bench import register_benchmark
        from koers.lib.navigation import DossierSection, MenuItem, register_dossier_section, register_menu_item

        from . import bench, engine, hooks, policy
        from .access import POLICY_ROLES, may_see_team

        register_menu_item(MenuItem("attention", _("Aandacht"), "signals:mine", order=15))
        register_menu_item(
            MenuItem("attention_team", _("Aandacht team"), "signals:team", order=16, visible=may_see_team)
        )
        register_menu_item(
            MenuItem("signal_policy", _("Signaalbeleid"), "signals:policy_index", roles=POLICY_ROLES, order=90)
        )
        register_dossier_section(DossierSection("signals", _("Signalen"), "signals:dossier", order=15))
        register_benchmark(bench.BENCHMARK)
        jobs.register_periodic("signals.recompute", engine.recompute_all, daily_at=dt.time(2, 0))
        jobs.register_task(policy.RECOMPUTE_TASK, engine.recompute_municipality)
        hooks.connect()
