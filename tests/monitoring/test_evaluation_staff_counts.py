"""The execution table's paid MB workers and volunteers: the distinct people with an assignment running
on the last day of the period, per municipality, as the assignments themselves say, also right after
an assignment changed."""

from __future__ import annotations

import datetime as dt

import pytest

from koers.access.models import Municipality
from koers.monitoring.evaluation import evaluation_report, staff_counts
from koers.people.constants import AssignmentRole
from koers.people.models import Assignment, Person
from tests.factories import AssignmentFactory, UserFactory

from ..conftest import TODAY
from .conftest import PERIOD

pytestmark = pytest.mark.django_db


def counted_from_assignments(municipality_id: int, role: str, day: dt.date) -> int:
    running = Assignment.objects.active(day).filter(person__municipality_id=municipality_id, role=role)
    return running.exclude(user=None).values("user").distinct().count()


def test_each_municipality_counts_its_distinct_workers_and_volunteers_on_the_last_day(generated_with_support):
    counts = staff_counts(generated_with_support, TODAY)
    for municipality_id in generated_with_support:
        assert counts.get(municipality_id, (0, 0)) == (
            counted_from_assignments(municipality_id, AssignmentRole.MB_BEGELEIDING, TODAY),
            counted_from_assignments(municipality_id, AssignmentRole.VRIJWILLIGER, TODAY),
        )
    assert sum(volunteers for _, volunteers in counts.values()) > 0


def test_a_new_volunteer_counts_once_however_many_people_they_support(generated_with_support):
    municipality = Municipality.objects.get(pk=min(generated_with_support))
    before = staff_counts(generated_with_support, TODAY).get(municipality.pk, (0, 0))
    volunteer = UserFactory(username="maatje-nieuw")
    for person in Person.objects.filter(municipality=municipality)[:3]:
        AssignmentFactory(person=person, user=volunteer, role=AssignmentRole.VRIJWILLIGER,
                          start_date=TODAY - dt.timedelta(days=10))
    ended = UserFactory(username="maatje-gestopt")
    AssignmentFactory(person=person, user=ended, role=AssignmentRole.VRIJWILLIGER,
                      start_date=TODAY - dt.timedelta(days=100), end_date=TODAY - dt.timedelta(days=1))

    report = evaluation_report(generated_with_support, *PERIOD, TODAY)

    lines = {line[0]: line for line in report.section("uitvoering").lines}
    assert lines[municipality.name][-2:] == [str(before[0]), str(before[1] + 1)]
