"""The facts tables vacuumed after a small share of their rows changed (PostgreSQL).

Every change to a dossier rewrites that person's facts rows, and each rewrite leaves the table pages it
touched no longer all-visible until a VACUUM marks them again. The figures read covering indexes
without the table only on all-visible pages; on the others every index entry costs a visit to the
table. The pages hold the rows of many persons, so a little churn spreads far: on a million dossiers,
the facts of 1% of the persons refreshed made the hours figure visit the table for 14% of its rows
(133,000 of 960,000). PostgreSQL's default vacuums a table after 20% of its rows changed (600,000 rows
of hours facts), which a day of changes never reaches, so the nightly rebuild was the only VACUUM.
With these settings autovacuum comes after 0.5% (and a thousand rows), both for rows deleted and for
rows inserted.
"""

from django.db import migrations

SETTINGS = {
    "autovacuum_vacuum_scale_factor": "0.005",
    "autovacuum_vacuum_threshold": "1000",
    "autovacuum_vacuum_insert_scale_factor": "0.005",
    "autovacuum_vacuum_insert_threshold": "1000",
}
TABLES = ("monitoring_personfacts", "monitoring_eventfacts", "monitoring_hoursfacts", "monitoring_assignmentfacts")


def vacuum_often(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    settings = ", ".join(f"{name} = {value}" for name, value in SETTINGS.items())
    for name in TABLES:
        schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(name)} SET ({settings})")


def vacuum_as_default(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in TABLES:
        schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(name)} RESET ({', '.join(SETTINGS)})")


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0004_caseload_index_by_municipality")]

    operations = [migrations.RunPython(vacuum_often, vacuum_as_default, elidable=False)]
