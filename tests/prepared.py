"""What PostgreSQL prepared on the test's connection (``KOERS_DB_PREPARED``)."""

from django.db import connection


def prepared_statements() -> list[str]:
    """The text of each statement prepared on this connection."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]
