"""Looking at a dashboard or exporting a table is logged as one aggregate entry: no person."""

from __future__ import annotations

from koers.audit.models import Action, AuditEntry, Channel, Outcome


def test_opening_the_dashboard_logs_one_aggregate_read(tenants, client_as):
    client_as(tenants.a.analyst).get(
        "/monitoring/", {"gender": "v", "start": "2026-01-01", "end": "2026-06-30"}
    )
    [entry] = AuditEntry.objects.all()
    assert (entry.action, entry.outcome, entry.channel) == (Action.READ, Outcome.ALLOWED, Channel.UI)
    assert entry.person_id is None
    assert entry.municipality_id == tenants.a.municipality.pk
    assert entry.user_id == tenants.a.analyst.pk
    assert "2026-01-01 t/m 2026-06-30" in entry.detail and "gender=v" in entry.detail


def test_an_export_logs_one_aggregate_export(tenants, client_as):
    client_as(tenants.a.analyst).get("/monitoring/leerroutes.csv")
    [entry] = AuditEntry.objects.all()
    assert (entry.action, entry.person_id) == (Action.EXPORT, None)
    assert entry.detail.startswith("leerroutes.csv:")


def test_an_invalid_filter_is_not_logged_as_a_read(tenants, client_as):
    client_as(tenants.a.analyst).get("/monitoring/", {"start": "2026-06-30", "end": "2026-01-01"})
    assert not AuditEntry.objects.exists()
