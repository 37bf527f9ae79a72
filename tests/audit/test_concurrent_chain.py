"""Two writers logging at the same moment never fork the chain: the head's lock puts them in line."""

import threading

import pytest
from django.db import connection

from koers.access.constants import Role
from koers.audit.chain import verify
from koers.audit.log import record
from koers.audit.models import Action, AuditEntry, Channel
from tests.factories import OrganisationFactory, PersonFactory, user_with_role

WRITES_PER_THREAD = 25


def write_many(user, person, errors: list[BaseException]) -> None:
    try:
        for _ in range(WRITES_PER_THREAD):
            record(
                user=user,
                action=Action.READ,
                persons=[person],
                categories=["identiteit"],
                purpose="Scherm: dossier inzien",
                channel=Channel.UI,
            )
    except BaseException as error:  # reported to the test thread, which fails on it
        errors.append(error)
    finally:
        connection.close()


# SQLite's in-memory test database (shared cache) answers a busy table with an error instead of
# waiting; the file database Koers runs on waits (busy_timeout). Row locks are PostgreSQL's.
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks: run with DATABASE_URL on PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_two_threads_writing_at_once_leave_one_unbroken_chain():
    team = OrganisationFactory()
    user = user_with_role(Role.CONSULTANT, team)
    person = PersonFactory(municipality=team.municipality)
    errors: list[BaseException] = []
    threads = [threading.Thread(target=write_many, args=(user, person, errors)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEntry.objects.count() == 2 * WRITES_PER_THREAD
    result = verify()
    assert result.intact and result.checked == 2 * WRITES_PER_THREAD
    assert AuditEntry.objects.values("previous_hash").distinct().count() == 2 * WRITES_PER_THREAD
