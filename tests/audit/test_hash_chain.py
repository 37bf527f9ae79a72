"""The audit log is a hash chain: changing or removing an entry is detected."""

import datetime as dt
import itertools

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from koers.audit.chain import verify
from koers.audit.log import record
from koers.audit.models import Action, AuditEntry, Channel


def log_reads(tenant, times: int) -> list[AuditEntry]:
    entries = []
    for _ in range(times):
        entries += record(
            user=tenant.consultant,
            action=Action.READ,
            persons=[tenant.person, tenant.other_person],
            categories=["identiteit"],
            purpose="Scherm: dossier inzien",
            channel=Channel.UI,
        )
    return entries


def test_each_entry_links_to_the_hash_of_the_one_before(tenants):
    entries = log_reads(tenants.a, 3)
    stored = list(AuditEntry.objects.order_by("id"))
    assert [e.pk for e in stored] == [e.pk for e in entries]
    assert stored[0].previous_hash == ""
    assert all(later.previous_hash == earlier.entry_hash for earlier, later in itertools.pairwise(stored))
    assert len({e.entry_hash for e in stored}) == len(stored)
    assert verify().intact and verify().checked == 6


def test_a_row_altered_in_the_database_is_found(tenants):
    entries = log_reads(tenants.a, 3)
    altered = entries[3]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET username = %s WHERE id = %s",
            ["iemand-anders", altered.pk],
        )
    result = verify()
    assert (result.intact, result.broken_at, result.checked) == (False, altered.pk, 3)


def test_a_row_deleted_from_the_middle_is_found_at_the_entry_after_it(tenants):
    entries = log_reads(tenants.a, 3)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [entries[2].pk])
    result = verify()
    assert (result.intact, result.broken_at) == (False, entries[3].pk)


def test_rows_deleted_from_the_end_are_found(tenants):
    entries = log_reads(tenants.a, 2)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [entries[-1].pk])
    result = verify()
    assert (result.intact, result.broken_at, result.checked) == (False, None, 3)


def test_a_rehashed_row_still_breaks_the_link_of_the_next_one(tenants):
    entries = log_reads(tenants.a, 2)
    forged = entries[1]
    forged.username = "iemand-anders"
    from koers.audit.chain import content_of, entry_hash_of

    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AuditEntry._meta.db_table} SET username = %s, entry_hash = %s WHERE id = %s",
            ["iemand-anders", entry_hash_of(content_of(forged)), forged.pk],
        )
    assert verify().broken_at == entries[2].pk


def test_the_command_reports_an_intact_log(tenants, capsys):
    log_reads(tenants.a, 2)
    call_command("audit", "verify")
    assert "4 regels gecontroleerd" in capsys.readouterr().out


def test_the_command_names_the_first_broken_entry(tenants):
    entries = log_reads(tenants.a, 2)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEntry._meta.db_table} SET purpose = 'x' WHERE id = %s", [entries[1].pk])
    with pytest.raises(CommandError, match=f"regel {entries[1].pk}"):
        call_command("audit", "verify")


def altered(value):
    """Another value of the same kind and length."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, dt.datetime):
        return value + dt.timedelta(seconds=1)
    if value is None:
        return 1
    if not value:
        return "x"
    return value[:-1] + ("x" if value[-1] != "x" else "y")


@pytest.mark.parametrize("column", [f.attname for f in AuditEntry._meta.concrete_fields if not f.primary_key])
def test_altering_any_column_of_a_row_is_found(tenants, column):
    entries = log_reads(tenants.a, 2)
    target = entries[1]
    value = getattr(target, column)
    new = "10.0.0.9" if column == "ip_address" else altered(value)
    AuditEntry.objects.filter(pk=target.pk).update(**{column: new})
    result = verify()
    assert (result.intact, result.broken_at) == (False, target.pk)
