"""A search by name pages as the caseload does, with the total counted in the page's own query
(``koers.lib.pagination.SearchPaginator``): the same persons, pages and totals, one query fewer."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.people.models import Person
from tests.factories import PersonFactory


def listed_ids(response) -> list[int]:
    return [
        int(pk)
        for pk in re.findall(r'<th scope="row"><a href="/personen/(\d+)/">', response.content.decode())
    ]


@pytest.fixture
def haddads(tenants) -> list[int]:
    """Every Haddad of municipality A (the tenant's own and 70 more); three in B are not found."""
    PersonFactory.create_batch(70, municipality=tenants.a.municipality, family_name="Haddad")
    PersonFactory.create_batch(3, municipality=tenants.b.municipality, family_name="Haddad")
    found = Person.objects.filter(municipality=tenants.a.municipality, search_name__contains="haddad")
    return sorted(found.values_list("pk", flat=True))


def test_a_name_search_pages_through_every_match_with_its_total(tenants, client_as, haddads):
    client = client_as(tenants.a.consultant)
    first = client.get("/personen/", {"q": "haddad"})
    second = client.get("/personen/", {"q": "haddad", "page": 2})

    total = len(haddads)
    assert f"{total} personen gevonden, pagina 1 van 2" in first.content.decode()
    assert f"{total} personen gevonden, pagina 2 van 2" in second.content.decode()
    assert len(listed_ids(first)) == 50 and len(listed_ids(second)) == total - 50
    assert sorted(listed_ids(first) + listed_ids(second)) == haddads


def test_the_total_comes_with_the_page_instead_of_a_count_of_its_own(tenants, client_as, haddads):
    client = client_as(tenants.a.consultant)
    with CaptureQueriesContext(connection) as queries:
        client.get("/personen/", {"q": "haddad"})
    counts = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(*)") and "people_person" in q["sql"]]
    assert counts == []
    # A list narrowed otherwise is counted (the whole list's total is kept: test_caseload_total.py).
    with CaptureQueriesContext(connection) as queries:
        client.get("/personen/", {"phase": "koppeling"})
    assert any(q["sql"].startswith("SELECT COUNT(*)") and "people_person" in q["sql"] for q in queries)


@pytest.mark.parametrize("page, number", [("9", 2), ("0", 2), ("-3", 2), ("twee", 1), ("", 1), ("9" * 22, 2)])
def test_a_page_out_of_range_or_no_page_at_all_is_read_as_django_reads_it(
    tenants, client_as, haddads, page, number
):
    """Past the end or below one: the last page; not a number: the first."""
    response = client_as(tenants.a.consultant).get("/personen/", {"q": "haddad", "page": page})
    assert response.status_code == 200
    assert len(listed_ids(response)) == (50 if number == 1 else len(haddads) - 50)
    assert f"{len(haddads)} personen gevonden, pagina {number} van 2" in response.content.decode()


def test_a_search_without_matches_says_so(tenants, client_as, haddads):
    response = client_as(tenants.a.consultant).get("/personen/", {"q": "nobody-by-this-name"})
    assert "0 personen gevonden" in response.content.decode()
    assert "Geen personen gevonden." in response.content.decode()
