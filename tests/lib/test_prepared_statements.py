"""On PostgreSQL a query run a few times on a connection is prepared there, so that it is planned
once (the settings: ``tests/security/test_settings_from_environment.py``)."""

import pytest
from django.db import connection

from koers.people.models import Person
from tests.prepared import prepared_statements


@pytest.mark.django_db
def test_the_repeated_query_of_a_screen_is_prepared_on_the_connection(tenants):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    for _ in range(6):
        assert Person.objects.filter(pk=tenants.a.person.pk).values_list("family_name", flat=True).get()
    assert any('"people_person"."family_name"' in statement and "$1" in statement for statement in prepared_statements())
