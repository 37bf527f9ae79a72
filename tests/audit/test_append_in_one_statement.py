"""On PostgreSQL an entry is appended in one statement after reading the head; when another writer
moved the head on in between, nothing is stored and the entries are linked again after it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.audit import chain
from koers.audit.chain import verify
from koers.audit.log import append_under_lock, record
from koers.audit.models import Action, AuditEntry, Channel

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the one-statement append is PostgreSQL's")


def log_read(tenant) -> list[AuditEntry]:
    return record(user=tenant.consultant, action=Action.READ, persons=[tenant.person], categories=["identiteit"],
                  purpose="Scherm: dossier inzien", channel=Channel.UI)


def test_an_append_reads_the_head_and_writes_in_one_statement(tenants):
    log_read(tenants.a)  # the head exists from here on
    with CaptureQueriesContext(connection) as queries:
        entries = log_read(tenants.a)
    assert len(queries) == 2
    assert entries[0].pk == AuditEntry.objects.latest("id").pk
    assert verify().intact


def test_when_another_writer_came_first_the_entries_follow_its_entry(tenants, monkeypatch):
    log_read(tenants.a)
    first_linked = chain.linked
    other = AuditEntry(username="ander", action=Action.READ, purpose="Scherm: dossier inzien", channel=Channel.UI)

    def linked_while_another_writes(entries, previous_hash):
        monkeypatch.setattr(chain, "linked", first_linked)
        append_under_lock([other])  # moves the head on after it was read
        return first_linked(entries, previous_hash)

    monkeypatch.setattr(chain, "linked", linked_while_another_writes)
    [mine] = log_read(tenants.a)
    assert mine.previous_hash == other.entry_hash
    assert mine.pk > other.pk
    assert AuditEntry.objects.count() == 3
    assert verify().intact


def test_what_the_statement_stores_is_what_was_hashed(tenants):
    """Every value crosses to the database unchanged: quotes, backslashes, non-Latin script, a moment
    to the microsecond, an address and no address."""
    log_read(tenants.a)
    detail = 'zoekterm "O\'Brien" \\ \u0627\u0644\u0627\u0633\u0645 \u1270\u130d\u122d\u129b {"json": [1]}'
    entries = record(user=tenants.a.consultant, action=Action.LIST, persons=[tenants.a.person, tenants.b.person],
                     categories={tenants.a.person.pk: ["identiteit"], tenants.b.person.pk: ["bsn", "identiteit"]},
                     purpose="Scherm: caseload", channel=Channel.UI, detail=detail)
    stored = {e.pk: e for e in AuditEntry.objects.filter(pk__in=[e.pk for e in entries])}
    for entry in entries:
        assert stored[entry.pk].detail == detail
        assert stored[entry.pk].at == entry.at
        assert stored[entry.pk].categories == entry.categories
        assert stored[entry.pk].entry_hash == entry.entry_hash
    assert verify().intact
