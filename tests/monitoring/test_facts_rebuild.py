"""The facts are built in bulk where dossiers arrive in bulk (``koers generate``), each night by the
worker, and on request with ``koers monitoring rebuild``."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from koers.inburgering.models import Examenresultaat, Urenregistratie
from koers.lib import jobs
from koers.monitoring.ahead import nightly
from koers.monitoring.facts import rebuild
from koers.monitoring.models import EventFacts, EventKind, HoursFacts, PersonFacts, StaleFacts
from koers.people.models import Person

pytestmark = pytest.mark.django_db


def test_generated_dossiers_arrive_with_their_facts():
    call_command("generate", municipalities=2, persons=120, seed=3, stdout=io.StringIO())
    assert PersonFacts.objects.count() == Person.objects.count() == 120
    assert HoursFacts.objects.count() == Urenregistratie.objects.count() > 0
    assert EventFacts.objects.filter(kind=EventKind.EXAM).count() == Examenresultaat.objects.count() > 0
    call_command("generate", municipalities=2, persons=30, seed=4, stdout=io.StringIO())
    assert PersonFacts.objects.count() == Person.objects.count() == 150


def test_the_rebuild_command_builds_everyone_or_one_person(generated):
    out = io.StringIO()
    call_command("monitoring", "rebuild", stdout=out)
    assert "500 personen" in out.getvalue() and "rijen" in out.getvalue()
    person = Person.objects.order_by("pk").first()
    PersonFacts.objects.filter(pk=person.pk).delete()
    call_command("monitoring", "rebuild", "--person", str(person.pk), stdout=out)
    assert PersonFacts.objects.filter(pk=person.pk).exists()
    with pytest.raises(CommandError, match="Geen persoon"):
        call_command("monitoring", "rebuild", "--person", "999999", stdout=out)


def test_the_worker_rebuilds_the_facts_each_night(generated):
    task = jobs.task("monitoring.rebuild_facts")
    assert task.func is nightly and task.daily_at == dt.time(3, 0)
    StaleFacts.objects.create(person_id=Person.objects.order_by("pk").values_list("pk", flat=True)[0])
    PersonFacts.objects.all().delete()
    nightly()
    assert PersonFacts.objects.count() == Person.objects.count()
    assert not StaleFacts.objects.exists()


def test_a_rebuild_of_everyone_reads_without_naming_each_arrangement(generated_with_support):
    """PostgreSQL takes at most 65,535 parameters per statement: at a million dossiers the ontzorgen
    arrangements outnumber that, and a query naming each one stopped ``koers generate``. (The inserts
    go in batches of a fixed size.)"""
    from django.db import connection

    from koers.ontzorgen.models import Arrangement

    parameters: list[int] = []

    def counted(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("SELECT"):
            parameters.append(len(params or ()))
        return execute(sql, params, many, context)

    arrangements = Arrangement.objects.count()
    with connection.execute_wrapper(counted):
        rebuild()
    assert EventFacts.objects.filter(kind=EventKind.ONTZORGEN).count() == arrangements
    assert max(parameters) < arrangements
