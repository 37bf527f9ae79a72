"""Dossiers closed longer than the municipality's retention period are anonymised by a scheduled job,
with a report of what was removed; open dossiers and municipalities without a period are left alone."""

import datetime as dt

import pytest
from django.core.management import call_command

from koers.avg.anonymise import anonymise_due_dossiers
from koers.avg.closure import dossier_closed_on, due_for_anonymisation
from koers.avg.models import AnonymisationRun, RetentionPolicy
from koers.inburgering.constants import PlichtStatus
from koers.lib import clock, jobs
from koers.people.constants import Phase
from koers.people.models import Person, TimelineEvent
from tests.begeleiding.factories import start
from tests.factories import TimelineEventFactory

from .factories import closed_dossier, open_dossier

pytestmark = pytest.mark.django_db


def test_a_dossier_is_closed_on_the_day_its_duty_ended(tenants):
    person = closed_dossier(tenants.a.municipality, dt.date(2020, 6, 30), status=PlichtStatus.BEEINDIGD)
    assert dossier_closed_on(person) == dt.date(2020, 6, 30)
    assert dossier_closed_on(open_dossier(tenants.a.municipality)) is None


def test_an_open_mb_trajectory_keeps_the_dossier_open_and_its_closing_counts(tenants):
    person = closed_dossier(tenants.a.municipality, dt.date(2020, 6, 30))
    trajectory = start(person, tenants.a.consultant)
    assert dossier_closed_on(person) is None
    trajectory.state, trajectory.closed_on = Phase.AFGESLOTEN, dt.date(2021, 2, 1)
    trajectory.save()
    assert dossier_closed_on(person) == dt.date(2021, 2, 1)


def test_the_period_ends_exactly_the_given_number_of_years_after_closing(tenants):
    RetentionPolicy.objects.create(municipality=tenants.a.municipality, years_after_closing=5)
    person = closed_dossier(tenants.a.municipality, dt.date(2021, 11, 25))
    with clock.frozen(dt.date(2026, 11, 24)):
        assert not due_for_anonymisation(clock.today()).exists()
    assert list(due_for_anonymisation(clock.today())) == [person]


def test_a_dossier_closed_on_29_february_is_due_on_28_february_five_years_on(tenants):
    RetentionPolicy.objects.create(municipality=tenants.a.municipality, years_after_closing=5)
    person = closed_dossier(tenants.a.municipality, dt.date(2024, 2, 29))
    with clock.frozen(dt.date(2029, 2, 27)):
        assert not due_for_anonymisation(clock.today()).exists()
    with clock.frozen(dt.date(2029, 2, 28)):
        assert list(due_for_anonymisation(clock.today())) == [person]


def test_a_municipality_without_a_retention_period_keeps_its_dossiers(tenants):
    closed_dossier(tenants.b.municipality, dt.date(2001, 1, 1))
    assert anonymise_due_dossiers().dossiers == 0


def test_the_job_removes_identifying_data_and_keeps_what_monitoring_counts(tenants):
    RetentionPolicy.objects.create(municipality=tenants.a.municipality, years_after_closing=2)
    person = closed_dossier(
        tenants.a.municipality,
        dt.date(2023, 1, 1),
        email="amina@example.org",
        phone="0612345678",
        street="Dorpsstraat",
    )
    TimelineEventFactory(person=person, title="Gesprek met Amina", body="Vertelde over haar dochter")
    kept = (
        "gender",
        "date_of_birth",
        "country_of_origin",
        "target_group",
        "literacy",
        "koppeling_date",
        "municipality_id",
        "phase",
    )
    before = Person.objects.values(*kept).get(pk=person.pk)
    report = anonymise_due_dossiers()
    person.refresh_from_db()
    assert Person.objects.values(*kept).get(pk=person.pk) == before
    assert (person.given_names, person.email, person.phone, person.street) == ("", "", "", "")
    assert person.bsn.startswith("X") and len(person.bsn) == 9
    assert not TimelineEvent.objects.filter(person=person, body__contains="dochter").exists()
    assert TimelineEvent.objects.filter(person=person, title__startswith="Dossier geanonimiseerd").exists()
    assert report.dossiers == 1
    removed = AnonymisationRun.objects.get().removed
    assert removed["people.Person"] == {
        "bsn": 1,
        "email": 1,
        "family_name": 1,
        "given_names": 1,
        "languages": 1,
        "nationality": 1,
        "phone": 1,
        "street": 1,
    }
    assert removed["people.TimelineEvent"]["body"] == 1
    assert tenants.a.person.family_name not in str(removed)


def test_a_second_run_finds_nothing_left_to_do(tenants):
    RetentionPolicy.objects.create(municipality=tenants.a.municipality, years_after_closing=2)
    closed_dossier(tenants.a.municipality, dt.date(2023, 1, 1))
    assert anonymise_due_dossiers().dossiers == 1
    assert anonymise_due_dossiers().dossiers == 0


def test_a_dry_run_counts_and_changes_nothing(tenants, capsys):
    RetentionPolicy.objects.create(municipality=tenants.a.municipality, years_after_closing=2)
    person = closed_dossier(tenants.a.municipality, dt.date(2023, 1, 1))
    call_command("avg", "anonymise", "--dry-run")
    output = capsys.readouterr().out
    assert "Proefdraai: 1 dossiers" in output and "people.Person.bsn: 1" in output
    assert Person.objects.get(pk=person.pk).bsn == person.bsn
    assert not AnonymisationRun.objects.exists()


def test_the_job_is_scheduled_every_night():
    assert jobs.task("avg.anonymise").daily_at == dt.time(3, 0)


def test_many_due_dossiers_are_anonymised_in_runs_of_a_bounded_size(tenants, monkeypatch):
    """A municipality that first sets a retention period may have tens of thousands of dossiers due:
    more than one statement can name, so the job goes in runs and names rows in bounded lists."""
    from koers.avg import anonymise
    from koers.lib import sql

    RetentionPolicy.objects.create(municipality=tenants.a.municipality, years_after_closing=2)
    due = [closed_dossier(tenants.a.municipality, dt.date(2023, 1, 1)) for _ in range(5)]
    for person in due:
        TimelineEventFactory.create_batch(3, person=person, body="Vertelde over haar dochter")
    monkeypatch.setattr(anonymise, "RUN_SIZE", 2)
    monkeypatch.setattr(sql, "IN_LIST_SIZE", 4)
    assert anonymise_due_dossiers().dossiers == 5
    assert sorted(AnonymisationRun.objects.values_list("dossiers", flat=True)) == [1, 2, 2]
    assert not TimelineEvent.objects.filter(person__in=due, body__contains="dochter").exists()
    assert all(bsn.startswith("X") for bsn in Person.objects.filter(pk__in=[p.pk for p in due])
               .values_list("bsn", flat=True))
    assert not Person.objects.get(pk=tenants.a.person.pk).bsn.startswith("X")
