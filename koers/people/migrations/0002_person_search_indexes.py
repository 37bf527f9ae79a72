"""Indexes found by ``koers bench load`` on a million dossiers.

* Search by (part of) a name without reading every dossier of the municipality: on PostgreSQL a
  trigram index (pg_trgm, GIN) on ``search_name`` serves ``search_name LIKE '%word%'``. SQLite has
  no such index; the search there is the same query, only slower on large data.
* The caseload's list of consultants (the consultants of the visible dossiers) from the index
  alone, instead of reading every dossier of the municipality.
"""

from django.db import migrations, models

INDEX = "person_search_name_trgm"


def create_trigram_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON people_person USING gin (search_name gin_trgm_ops)")


def drop_trigram_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["municipality", "consultant"], name="person_mun_consultant"),
        ),
        migrations.RunPython(create_trigram_index, drop_trigram_index, elidable=False),
    ]
