import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.audit.log import record
from koers.audit.models import Action, AuditEntry, Channel, Outcome


def test_one_call_logs_every_person_read_with_who_what_and_why_in_one_insert(tenants):
    persons = [tenants.a.person, tenants.a.other_person]
    with CaptureQueriesContext(connection) as queries:
        record(
            user=tenants.a.consultant,
            action=Action.LIST,
            persons=persons,
            categories=["identiteit", "bsn"],
            purpose="Mijn caseload",
            channel=Channel.UI,
        )
    # Read the chain's head, insert every entry at once, move the head on (on PostgreSQL the last two
    # in one statement once the head exists: test_append_in_one_statement).
    assert sum('INSERT INTO "audit_auditentry"' in q["sql"] for q in queries.captured_queries) == 1
    entries = AuditEntry.objects.filter(action=Action.LIST)
    assert {e.person_id for e in entries} == {p.pk for p in persons}
    assert {e.municipality_id for e in entries} == {tenants.a.municipality.pk}
    assert all(
        e.username == tenants.a.consultant.username and e.categories == "bsn,identiteit" for e in entries
    )


def test_a_refused_attempt_is_logged_with_the_id_that_was_tried(tenants):
    record(
        user=tenants.a.volunteer,
        action=Action.READ,
        purpose="Dossier",
        channel=Channel.UI,
        outcome=Outcome.REFUSED,
        person_id=tenants.b.person.pk,
    )
    entry = AuditEntry.objects.get()
    assert (entry.person_id, entry.outcome) == (tenants.b.person.pk, Outcome.REFUSED)


def test_an_audit_entry_cannot_be_changed_once_written(tenants):
    [entry] = record(
        user=tenants.a.consultant,
        action=Action.READ,
        persons=[tenants.a.person],
        purpose="Dossier",
        channel=Channel.UI,
    )
    entry.purpose = "iets anders"
    with pytest.raises(ValueError):
        entry.save()


def test_a_refused_attempt_without_a_usable_id_is_still_logged(tenants, client):
    client.force_login(tenants.a.consultant)
    response = client.get("/api/v1/personen/abc")
    assert response.status_code == 404
    entry = AuditEntry.objects.get()
    assert (entry.person_id, entry.outcome, entry.channel) == (None, Outcome.REFUSED, Channel.API)
