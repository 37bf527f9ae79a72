"""The log's search counts its rows up to a cap: past it, the newest rows are shown over the cap's
pages, and the caption asks for a narrower search instead of giving a total."""

import pytest

from koers.audit import views
from koers.audit.log import record
from koers.audit.models import Action, Channel

pytestmark = pytest.mark.django_db

SEARCH = "/privacy/logboek/"


@pytest.fixture
def seventy_entries(tenants):
    for _ in range(2):
        record(user=tenants.a.consultant, action=Action.LIST, persons=[tenants.a.person] * 35, purpose="x",
               channel=Channel.UI)


def test_a_search_with_more_rows_than_the_cap_counts_to_the_cap(tenants, client_as, seventy_entries, monkeypatch):
    monkeypatch.setattr(views, "COUNTED_AT_MOST", 60)
    response = client_as(tenants.a.admin).get(SEARCH, {"page": 2})
    page = response.context["page"]
    assert page.paginator.capped and page.paginator.num_pages == 2 and len(page) == 10
    assert "Meer dan 60 logregels" in response.content.decode()


def test_the_pages_end_at_the_cap(tenants, client_as, seventy_entries, monkeypatch):
    monkeypatch.setattr(views, "COUNTED_AT_MOST", 60)
    page = client_as(tenants.a.admin).get(SEARCH, {"page": 3}).context["page"]
    assert page.number == 2


def test_a_search_within_the_cap_gives_its_total(tenants, client_as, seventy_entries, monkeypatch):
    monkeypatch.setattr(views, "COUNTED_AT_MOST", 70)
    response = client_as(tenants.a.admin).get(SEARCH)
    assert not response.context["page"].paginator.capped
    assert "70 logregels" in response.content.decode() and "Meer dan" not in response.content.decode()
