import datetime as dt

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "koers.audit"
    verbose_name = "Logboek (NEN 7513)"

    def ready(self) -> None:
        from koers.lib import jobs

        from . import rollup

        jobs.register_periodic("audit.roll_up_reads", rollup.roll_up_ended_days, daily_at=dt.time(1, 30))
