"""The view across municipalities (a region, the ministry): broken down by municipality, only the
municipalities the analyst's grants cover, each suppressed on its own."""

from __future__ import annotations

import pytest

from koers.monitoring.figures import registry, rows_of
from koers.monitoring.selection import Selection
from koers.people.models import Person

from ..conftest import TODAY
from .conftest import PERIOD, women_and_men

pytestmark = pytest.mark.django_db


def test_a_regional_analyst_sees_a_column_per_municipality_of_the_region(tenants, client_as, tenants_of):
    women_and_men(tenants.a.municipality, 6, 6)
    women_and_men(tenants.b.municipality, 9, 9)
    region = frozenset({tenants.a.municipality.pk, tenants.b.municipality.pk})
    rows = {
        r.group: r.people
        for r in rows_of(registry["koppelingen"], Selection(region, *PERIOD, TODAY, "municipality"))
    }
    assert rows == {
        m.name: Person.objects.filter(municipality=m, koppeling_date__range=PERIOD).count()
        for m in (tenants.a.municipality, tenants.b.municipality)
    }
    page = client_as(tenants_of(region)).get(
        "/monitoring/", {"breakdown": "municipality", "start": "2020-01-01"}
    )
    html = page.content.decode()
    assert f'<th scope="row">{tenants.a.municipality.name}</th>' in html
    assert f'<th scope="row">{tenants.b.municipality.name}</th>' in html


def test_an_analyst_of_b_sees_only_b_in_the_view_across_municipalities(tenants, client_as):
    women_and_men(tenants.a.municipality, 6, 6)
    women_and_men(tenants.b.municipality, 9, 9)
    html = client_as(tenants.b.analyst).get("/monitoring/", {"breakdown": "municipality"}).content.decode()
    assert f'<th scope="row">{tenants.b.municipality.name}</th>' in html
    assert tenants.a.municipality.name not in html
