"""A change to a dossier reaches the dashboard at once: its person's facts are refreshed when the change
commits, without waiting for the nightly rebuild, and a reader never counts a change it could see
without its facts."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.access.models import Municipality
from koers.inburgering.constants import Examenniveau, Examenonderdeel
from koers.inburgering.models import Examenresultaat
from koers.monitoring.facts import FACTS, fresh
from koers.monitoring.figures import computed_together, registry, rows_of
from koers.monitoring.models import EventFacts, EventKind, PersonFacts, StaleFacts
from koers.people.constants import Gender

from ..conftest import TODAY
from ..factories import PersonFactory
from .conftest import selection
from .test_dashboard_access import koppelingen


def test_the_facts_are_refreshed_when_the_change_commits(tenants, django_capture_on_commit_callbacks):
    person = tenants.a.person
    with django_capture_on_commit_callbacks(execute=True):
        person.koppeling_date = dt.date(2026, 2, 3)
        person.save()
        Examenresultaat.objects.create(
            person=person, onderdeel=Examenonderdeel.KNM, niveau=Examenniveau.A2, exam_date=TODAY,
            passed=False,
        )
    assert PersonFacts.objects.get(pk=person.pk).koppeling_date == dt.date(2026, 2, 3)
    exam = EventFacts.objects.get(person_id=person.pk, kind=EventKind.EXAM)
    assert (exam.day, exam.series, exam.hit) == (TODAY, Examenonderdeel.KNM, False)
    assert not StaleFacts.objects.exists()


def test_before_the_commit_the_person_is_marked_and_a_reader_refreshes_first(
    tenants, django_capture_on_commit_callbacks
):
    person = tenants.a.person
    with django_capture_on_commit_callbacks(execute=False):
        person.gender = Gender.X
        person.save()
    assert StaleFacts.objects.filter(person_id=person.pk).exists()
    rows = rows_of(registry["koppelingen"], selection(frozenset({tenants.a.municipality.pk})))
    assert {row.group for row in rows} == {Gender.X, tenants.a.other_person.gender}
    assert PersonFacts.objects.get(pk=person.pk).gender == Gender.X
    assert not StaleFacts.objects.exists()


def test_the_dashboard_counts_a_new_dossier_at_once(tenants, client_as):
    client = client_as(tenants.a.analyst)
    assert koppelingen(client) == ["Totaal", "", "x", ""]
    PersonFactory.create_batch(4, municipality=tenants.a.municipality)
    assert koppelingen(client) == ["Totaal", "", "6", "6"]


def test_a_deleted_dossier_leaves_no_facts(tenants, django_capture_on_commit_callbacks):
    person = tenants.a.other_person.pk
    assert fresh(PersonFacts).filter(person_id=person).exists()
    with django_capture_on_commit_callbacks(execute=True):
        tenants.a.other_person.delete()
    assert not any(model.objects.filter(person_id=person).exists() for model in FACTS)


def test_a_deleted_consultant_leaves_the_caseload_at_once(tenants, django_capture_on_commit_callbacks):
    consultant = tenants.a.consultant.pk
    assert fresh(PersonFacts).filter(consultant_id=consultant).exists()
    with django_capture_on_commit_callbacks(execute=True):
        tenants.a.consultant.delete()
    assert not PersonFacts.objects.filter(consultant_id=consultant).exists()


def test_the_figures_count_from_the_facts_and_never_read_the_dossier(generated_with_support):
    everything = selection(frozenset(Municipality.objects.values_list("pk", flat=True)), "municipality")
    fresh(PersonFacts)  # what the fixture changed is refreshed first (that reads the dossier, once)
    with CaptureQueriesContext(connection) as queries, computed_together():
        for figure in registry.values():
            rows_of(figure, everything)
    read = " ".join(query["sql"] for query in queries if query["sql"].lstrip().upper().startswith("SELECT"))
    for table in ("people_person", "inburgering_", "begeleiding_", "ontzorgen_", "people_assignment"):
        assert table not in read
    assert "monitoring_personfacts" in read and "monitoring_hoursfacts" in read
