import datetime as dt

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "koers.monitoring"
    verbose_name = "Monitoring en evaluatie"

    def ready(self) -> None:
        from koers.lib import jobs
        from koers.lib.bench import register_benchmark
        from koers.lib.navigation import MenuItem, register_menu_item

        from . import catalogue, support_figures  # noqa: F401 (registers the figures)
        from . import ahead, bench, facts_sources
        from .access import MONITORING_ROLES
        from .views_taakstelling import TAAKSTELLING_ROLES

        register_menu_item(
            MenuItem("monitoring", _("Monitoring"), "monitoring:dashboard", roles=MONITORING_ROLES, order=80)
        )
        register_menu_item(
            MenuItem(
                "taakstelling",
                _("Taakstelling"),
                "monitoring:taakstelling",
                roles=TAAKSTELLING_ROLES,
                order=81,
            )
        )
        register_benchmark(bench.BENCHMARK)
        jobs.register_periodic("monitoring.rebuild_facts", ahead.nightly, daily_at=dt.time(3, 0))
        jobs.register_periodic("monitoring.keep_wide_figures", ahead.keep_wide_figures, every=ahead.every())
        facts_sources.connect()
