"""The log is the largest table: every screen read adds to it. Its reports and its search find a
period through an index on the moment (alone, or after the municipality or the user), so their cost
follows the period and not the years of log before it. Which of those indexes PostgreSQL takes depends
on its statistics; that the period is an index condition does not. (The plans are read with
sequential scans switched off: on a test's few rows a sequential scan is always cheapest.)"""

import datetime as dt

import pytest
from django.db import connection

from koers.audit import unusual
from koers.audit.forms import AuditSearchForm
from koers.audit.models import AuditEntry
from koers.audit.scope import entries_in_scope

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the plans are PostgreSQL's"),
]

NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def plan(queryset) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


def period_is_an_index_condition(found: str) -> bool:
    conditions = [line for line in found.splitlines() if "Index Cond" in line]
    return any("at >=" in line and "at <" in line for line in conditions) and "AT TIME ZONE" not in found


def test_the_municipalitys_reads_in_a_period_are_found_through_an_index(tenants):
    period = unusual.in_period(*NOVEMBER).order_by()
    assert period_is_an_index_condition(plan(period.filter(municipality_id=tenants.a.municipality.pk)))


def test_a_users_reads_in_a_period_are_found_through_an_index(tenants):
    period = unusual.in_period(*NOVEMBER).order_by()
    assert period_is_an_index_condition(plan(period.filter(user_id=tenants.a.consultant.pk)))


def test_the_municipality_and_the_user_have_indexes_that_lead_to_the_moment():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'audit_auditentry'")
        definitions = " ".join(row[0] for row in cursor.fetchall())
    assert "(municipality_id, at)" in definitions and "(user_id, at)" in definitions


def test_the_search_by_period_reads_the_moments_index():
    form = AuditSearchForm({"start": "2026-11-01", "end": "2026-11-30"})
    assert period_is_an_index_condition(plan(form.apply(AuditEntry.objects.all()).order_by()))


def test_the_scoped_search_asks_no_time_zone_of_each_row(tenants):
    form = AuditSearchForm({"start": "2026-11-01", "end": "2026-11-30"})
    found = plan(form.apply(entries_in_scope(frozenset({tenants.a.municipality.pk}))).values("pk"))
    assert "AT TIME ZONE" not in found
