"""A period in the log's search and in the unusual-access report runs from the first moment of its
first day to the last moment of its last day, local time; any date the form accepts is safe."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from koers.audit.models import UnusualAccessPolicy
from tests.factories import PersonFactory

from .entries import read

pytestmark = pytest.mark.django_db

SEARCH = "/privacy/logboek/"
UNUSUAL = "/privacy/ongebruikelijke-toegang/"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(*moment: int) -> dt.datetime:
    return dt.datetime(*moment, tzinfo=AMSTERDAM)


def test_the_search_finds_the_last_second_of_the_last_day_and_not_the_next_midnight(tenants, client_as):
    read(tenants.a.consultant, [tenants.a.person], at=local(2026, 10, 31, 23, 59, 59))
    read(tenants.a.consultant, [tenants.a.person], at=local(2026, 11, 1, 0, 0))
    read(tenants.a.consultant, [tenants.a.person], at=local(2026, 11, 30, 23, 59, 59))
    read(tenants.a.consultant, [tenants.a.person], at=local(2026, 12, 1, 0, 0))
    page = client_as(tenants.a.admin).get(SEARCH, {"start": "2026-11-01", "end": "2026-11-30"}).context["page"]
    assert sorted(entry.at.astimezone(AMSTERDAM).replace(tzinfo=None) for entry in page) == [
        dt.datetime(2026, 11, 1, 0, 0), dt.datetime(2026, 11, 30, 23, 59, 59)
    ]


def test_the_unusual_access_report_counts_the_reads_of_the_last_evening(tenants, client_as):
    UnusualAccessPolicy.objects.create(municipality=tenants.a.municipality, many_dossiers=2)
    persons = PersonFactory.create_batch(2, municipality=tenants.a.municipality)
    read(tenants.a.consultant, persons, at=local(2026, 11, 20, 21, 30))
    read(tenants.a.team_lead, persons, at=local(2026, 11, 21, 0, 0))
    response = client_as(tenants.a.admin).get(UNUSUAL, {"start": "2026-11-01", "end": "2026-11-20"})
    [report] = [r for r in response.context["reports"] if r.municipality == tenants.a.municipality]
    assert [f.username for f in report.many_dossiers] == [tenants.a.consultant.username]


@pytest.mark.parametrize("url", [SEARCH, UNUSUAL])
def test_the_first_and_last_days_of_the_calendar_answer_like_any_other(tenants, client_as, url):
    read(tenants.a.consultant, [tenants.a.person])
    response = client_as(tenants.a.admin).get(url, {"start": "0001-01-01", "end": "9999-12-31"})
    assert response.status_code == 200
