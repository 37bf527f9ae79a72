"""A dossier's timeline brings its total along with its page (``TotalWithPagePaginator``): the same
events, pages and totals as counting them apart, one query fewer on every dossier page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.access.constants import DataCategory
from koers.access.query import categories_for
from tests.factories import TimelineEventFactory

from .conftest import htmx_headers

START = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)


@pytest.fixture
def events(tenants):
    person = tenants.a.person
    made = [
        TimelineEventFactory(
            person=person, title=f"Gesprek {n:02d}", occurred_at=START + dt.timedelta(days=n),
            category=DataCategory.HEALTH if n % 10 == 0 else DataCategory.EDUCATION_WORK,
        )
        for n in range(60)
    ]
    return person, made


def shown(content: str) -> list[str]:
    return [title for title in (f"Gesprek {n:02d}" for n in range(60)) if title in content]


def test_the_timeline_is_not_counted_apart(tenants, client_as, events):
    person, _ = events
    with CaptureQueriesContext(connection) as queries:
        client_as(tenants.a.consultant).get(f"/personen/{person.pk}/")
    assert not [q["sql"] for q in queries if "COUNT(" in q["sql"] and "people_timelineevent" in q["sql"]
                and "OVER" not in q["sql"]]


def test_each_page_shows_its_events_and_the_total(tenants, client_as, events):
    person, _ = events
    client = client_as(tenants.a.consultant)
    total = 60 + person.timeline.exclude(title__startswith="Gesprek ").count()
    pages = {}
    for number in (1, 2, 3):
        response = client.get(f"/personen/{person.pk}/", {"page": number}, **htmx_headers("timeline-results"))
        content = response.content.decode()
        assert f"{total} gebeurtenissen" in content
        assert f"pagina {number} van 3" in content
        pages[number] = shown(content)
    assert sorted(pages[1] + pages[2] + pages[3]) == [f"Gesprek {n:02d}" for n in range(60)]
    assert "Gesprek 59" in pages[1] and "Gesprek 00" in pages[3]


@pytest.mark.parametrize("page, number", [("9", 3), ("0", 3), ("-1", 3), ("twee", 1), ("9" * 22, 3)])
def test_a_page_out_of_range_is_read_as_django_reads_it(tenants, client_as, events, page, number):
    person, _ = events
    response = client_as(tenants.a.consultant).get(
        f"/personen/{person.pk}/", {"page": page}, **htmx_headers("timeline-results")
    )
    assert response.status_code == 200
    assert f"pagina {number} van 3" in response.content.decode()


def test_the_total_counts_only_what_the_role_may_see(tenants, client_as, events):
    person, _ = events
    content = client_as(tenants.a.team_lead).get(
        f"/personen/{person.pk}/", **htmx_headers("timeline-results")
    ).content.decode()
    granted = categories_for(tenants.a.team_lead, person)
    assert DataCategory.HEALTH not in granted
    expected = person.timeline.filter(category__in=granted).count()
    assert 0 < expected < person.timeline.count()
    assert f"{expected} gebeurtenissen" in content
    assert "Gesprek 00" not in content and "Gesprek 10" not in content
