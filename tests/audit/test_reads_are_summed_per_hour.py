"""Each night the log's allowed reads of the days that have ended are summed per hour, municipality,
user and person; the unusual-access report reads those sums and the entries after them, and finds
exactly what it finds from the entries alone."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from koers.audit import rollup
from koers.audit.models import ReadsPerHour, RolledUpDay, UnusualAccessPolicy
from koers.audit.unusual import unusual_access
from koers.lib import clock, jobs
from tests.factories import PersonFactory

from .entries import read, refused_attempt

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
KINDS = ("many_dossiers", "refused", "other_municipality", "outside_assignment", "at_night")


def local(*moment: int) -> dt.datetime:
    return dt.datetime(*moment, tzinfo=AMSTERDAM)


def findings(tenants, start: dt.date, end: dt.date) -> dict:
    ids = frozenset({tenants.a.municipality.pk, tenants.b.municipality.pk})
    return {
        (report.municipality.pk, kind): getattr(report, kind)
        for report in unusual_access(ids, start, end)
        for kind in KINDS
    }


@pytest.fixture
def a_fortnight_of_reads(tenants):
    """Reads of every kind the report lists, on days from 10 to 25 November (today), by day and night."""
    UnusualAccessPolicy.objects.create(municipality=tenants.a.municipality, many_dossiers=3)
    persons = PersonFactory.create_batch(4, municipality=tenants.a.municipality)
    for day in (10, 11, 17, 23, 24, 25):
        read(tenants.a.consultant, persons[: day % 4 + 1], at=local(2026, 11, day, 10, 15))
        read(tenants.a.consultant, persons[:2], at=local(2026, 11, day, 10, 45))
        read(tenants.a.team_lead, persons[:1], at=local(2026, 11, day, 23, 30))
        read(tenants.a.volunteer, [tenants.a.other_person], at=local(2026, 11, day, 2, 0))
        read(tenants.a.consultant, [tenants.b.person], at=local(2026, 11, day, 14, 0))
        read(tenants.b.consultant, [tenants.b.person], at=local(2026, 11, day, 0, 0))
    with clock.frozen(local(2026, 11, 20, 9, 0)):
        refused_attempt(tenants.b.consultant, tenants.a.person)
    return persons


def test_the_days_that_have_ended_are_summed_oldest_first_and_once(tenants, a_fortnight_of_reads):
    assert rollup.roll_up_ended_days() == 15
    assert list(RolledUpDay.objects.order_by("day").values_list("day", flat=True)) == [
        dt.date(2026, 11, 10) + dt.timedelta(days=n) for n in range(15)
    ]
    assert rollup.rolled_through() == dt.date(2026, 11, 24)
    assert not ReadsPerHour.objects.filter(day=dt.date(2026, 11, 25)).exists()
    assert rollup.roll_up_ended_days() == 0


def test_the_sums_hold_every_allowed_read_and_nothing_else(tenants, a_fortnight_of_reads):
    rollup.roll_up_ended_days()
    summed = sum(ReadsPerHour.objects.values_list("reads", flat=True))
    assert summed == rollup.allowed_reads().filter(at__lt=local(2026, 11, 25)).count()
    assert sum(RolledUpDay.objects.values_list("entries", flat=True)) == summed
    assert not ReadsPerHour.objects.filter(day=dt.date(2026, 11, 20), username=tenants.b.consultant.username,
                                           person_id=tenants.a.person.pk).exists()
    night = ReadsPerHour.objects.get(day=dt.date(2026, 11, 24), user_id=tenants.a.team_lead.pk)
    assert (night.hour, night.reads) == (23, 1)


@pytest.mark.parametrize(("start", "end"), [
    (dt.date(2026, 11, 1), dt.date(2026, 11, 25)),
    (dt.date(2026, 11, 11), dt.date(2026, 11, 23)),
    (dt.date(2026, 11, 24), dt.date(2026, 11, 30)),
    (dt.date(2026, 11, 25), dt.date(2026, 11, 25)),
])
def test_the_report_finds_the_same_from_the_sums_as_from_the_entries(tenants, a_fortnight_of_reads, start, end):
    from_entries = findings(tenants, start, end)
    assert any(from_entries.values())
    rollup.roll_up_ended_days()
    assert findings(tenants, start, end) == from_entries


def test_a_day_summed_again_is_summed_once(tenants, a_fortnight_of_reads):
    rollup.roll_up_ended_days()
    before = list(ReadsPerHour.objects.filter(day=dt.date(2026, 11, 17)).values_list("hour", "user_id", "reads"))
    rollup.roll_up_day(dt.date(2026, 11, 17))
    assert sorted(ReadsPerHour.objects.filter(day=dt.date(2026, 11, 17)).values_list(
        "hour", "user_id", "reads")) == sorted(before)


def test_an_empty_log_has_nothing_to_sum():
    assert rollup.roll_up_ended_days() == 0 and rollup.rolled_through() is None


def test_the_sums_are_made_each_night():
    task = jobs.task("audit.roll_up_reads")
    assert task.func is rollup.roll_up_ended_days and task.daily_at == dt.time(1, 30)
