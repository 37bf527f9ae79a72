"""The dossiers' table vacuumed after 0.2% of its rows changed (``koers.lib.autovacuum``): the caseload
counts a municipality's dossiers from an index alone. Vacuuming a million dossiers takes about two
seconds."""

from django.db import migrations

from koers.lib.autovacuum import vacuumed_often


class Migration(migrations.Migration):
    dependencies = [("people", "0003_person_name_order")]

    operations = [vacuumed_often("people_person", share=0.002)]
