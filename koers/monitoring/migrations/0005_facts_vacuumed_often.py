"""The facts tables vacuumed after 0.5% of their rows changed (``koers.lib.autovacuum``): every change to
a dossier rewrites that person's facts rows, and the figures read the facts' covering indexes alone."""

from django.db import migrations

from koers.lib.autovacuum import vacuumed_often


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0004_caseload_index_by_municipality")]

    operations = [
        vacuumed_often(
            "monitoring_personfacts", "monitoring_eventfacts", "monitoring_hoursfacts", "monitoring_assignmentfacts",
            share=0.005,
        )
    ]
