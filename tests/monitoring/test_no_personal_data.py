"""An analyst's dashboard and exports show aggregates only: no name, no BSN."""

from __future__ import annotations

from koers.monitoring.figures import registry
from koers.people.models import Person

from .conftest import women_and_men


def test_no_name_or_bsn_appears_on_the_dashboard_or_in_any_export(tenants, client_as):
    women_and_men(tenants.a.municipality, 6, 6)
    client = client_as(tenants.a.analyst)
    pages = [
        client.get("/monitoring/", {"breakdown": b}).content.decode() for b in ("gender", "country_of_origin")
    ]
    pages += [client.get(f"/monitoring/{key}.csv").content.decode() for key in registry]
    for person in Person.objects.all():
        for page in pages:
            assert person.bsn not in page
            assert person.family_name not in page
            assert person.given_names not in page
