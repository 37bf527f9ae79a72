"""Tables read through their indexes alone (index-only scans) while they change during the day are
vacuumed after a small share of their rows changed (PostgreSQL; a migration sets it per table).

PostgreSQL reads an index without the table only for the table pages marked all-visible, and a change
to any row of a page clears that mark until a VACUUM sets it again. A page holds the rows of many
persons, so a little churn spreads far: after 1% of a million dossiers changed, counting the largest
municipality's dossiers (the caseload's total) visited the table for 30% of them (15,766 of 52,647;
6 → 22 ms), and refreshing the facts of 1% of the persons made the hours figure visit the table for 14%
of its rows (133,000 of 960,000). PostgreSQL's default vacuums a table after 20% of its rows changed,
which a day of changes on a million dossiers never reaches.
"""

from __future__ import annotations

from django.db import migrations

ROWS = 1000
"""Whatever the share, a table is not vacuumed for fewer changed rows than this."""


def vacuumed_often(*tables: str, share: float) -> migrations.RunPython:
    """A migration operation: autovacuum for ``tables`` once ``share`` of their rows (and ``ROWS``)
    were updated, deleted or inserted since the last VACUUM."""
    settings = {
        "autovacuum_vacuum_scale_factor": share,
        "autovacuum_vacuum_threshold": ROWS,
        "autovacuum_vacuum_insert_scale_factor": share,
        "autovacuum_vacuum_insert_threshold": ROWS,
    }

    def alter(schema_editor, clause: str) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for name in tables:
            schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(name)} {clause}")

    def often(apps, schema_editor) -> None:
        alter(schema_editor, "SET ({})".format(", ".join(f"{name} = {value}" for name, value in settings.items())))

    def as_default(apps, schema_editor) -> None:
        alter(schema_editor, "RESET ({})".format(", ".join(settings)))

    return migrations.RunPython(often, as_default, elidable=False)
