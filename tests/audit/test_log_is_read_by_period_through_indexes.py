"""The log is the largest table: every screen read adds to it. Its reports and its search read a
period of one municipality's or one user's entries through an index on that and the moment, so their
cost follows the period and not the years of log before it. (The plans are read with sequential scans
switched off: on a test's few rows a sequential scan is always cheapest.)"""

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


def test_the_municipalitys_reads_in_a_period_are_found_by_municipality_and_moment(tenants):
    period = unusual.in_period(*NOVEMBER)
    found = plan(period.filter(municipality_id=tenants.a.municipality.pk).values("user_id"))
    assert "audit_municipality_at" in found and "at >=" in found and "at <" in found


def test_a_users_reads_in_a_period_are_found_by_user_and_moment(tenants):
    found = plan(unusual.in_period(*NOVEMBER).filter(user_id=tenants.a.consultant.pk).values("pk"))
    assert "audit_user_at" in found and "at >=" in found


def test_the_search_by_period_reads_the_moments_index():
    form = AuditSearchForm({"start": "2026-11-01", "end": "2026-11-30"})
    found = plan(form.apply(AuditEntry.objects.all()).values("pk"))
    assert "Index Cond" in found and "at >=" in found and "AT TIME ZONE" not in found


def test_the_scoped_search_asks_no_time_zone_of_each_row(tenants):
    form = AuditSearchForm({"start": "2026-11-01", "end": "2026-11-30"})
    found = plan(form.apply(entries_in_scope(frozenset({tenants.a.municipality.pk}))).values("pk"))
    assert "AT TIME ZONE" not in found
