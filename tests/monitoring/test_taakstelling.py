"""The functional administrator records the taakstelling per half year; it is data, changed in place,
only for the municipalities they administer; other roles have no screen."""

from __future__ import annotations

import pytest

from koers.monitoring.models import Taakstelling

pytestmark = pytest.mark.django_db
URL = "/monitoring/taakstelling/"


def test_the_functional_administrator_records_and_corrects_a_taakstelling(tenants, client_as):
    client = client_as(tenants.a.admin)
    data = {"municipality": tenants.a.municipality.pk, "year": 2026, "half": 1, "number": 40}
    assert client.post(URL, data).status_code == 302
    assert client.post(URL, data | {"number": 42}).status_code == 302
    (saved,) = Taakstelling.objects.all()
    assert (saved.municipality, saved.year, saved.half, saved.number) == (tenants.a.municipality, 2026, 1, 42)
    assert saved.updated_by == tenants.a.admin
    assert "42" in client.get(URL).content.decode()


def test_it_refuses_another_municipality_and_nonsense_with_a_dutch_error(tenants, client_as):
    client = client_as(tenants.b.admin)
    other = client.post(
        URL, {"municipality": tenants.a.municipality.pk, "year": 2026, "half": 1, "number": 4}
    )
    assert other.status_code == 400
    bad = client.post(
        URL, {"municipality": tenants.b.municipality.pk, "year": "twee", "half": 3, "number": -1}
    )
    assert bad.status_code == 400
    assert 'href="#id_year"' in bad.content.decode() and 'href="#id_number"' in bad.content.decode()
    assert not Taakstelling.objects.exists()


@pytest.mark.parametrize("role", ["analyst", "consultant", "volunteer"])
def test_other_roles_have_no_taakstelling_screen(tenants, client_as, role):
    assert client_as(getattr(tenants.a, role)).get(URL).status_code == 403
