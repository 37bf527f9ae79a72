"""The attention lists: mine (persons I am consultant of or assigned to) and the team's (every visible
person of the municipality, per worker), most urgent first, filtered, audit-logged, in a constant
number of queries."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.access.constants import DataCategory
from koers.audit.models import Action, AuditEntry
from koers.people.constants import AssignmentRole
from koers.signals.engine import recompute
from tests.factories import AssignmentFactory, PersonFactory
from tests.inburgering.route_factories import BoeteFactory, CurrentPipFactory, PlichtFactory
from tests.people.conftest import htmx_headers

from .factories import SignalFactory


def row_ids(html: str) -> list[int]:
    import re

    return [int(pk) for pk in re.findall(r'<tr id="signaal-(\d+)"', html)]


def test_the_list_shows_the_expected_mix_of_signals_most_urgent_first(tenants, client_as):
    from decimal import Decimal

    from koers.inburgering.constants import BoeteStatus

    person = tenants.a.person
    PlichtFactory(person=person, termijn_end=dt.date(2027, 1, 10))
    CurrentPipFactory(person=person, dagtekening=dt.date(2026, 11, 2))
    BoeteFactory(person=person, status=BoeteStatus.BESLUIT, decision_date=dt.date(2026, 11, 4), amount=Decimal(100))
    waiting = PersonFactory(municipality=tenants.a.municipality, consultant=tenants.a.consultant)
    PlichtFactory(person=waiting, leerroute_term_start=dt.date(2026, 9, 1), termijn_start=None, termijn_end=None)
    recompute()
    html = client_as(tenants.a.consultant).get("/aandacht/").content.decode()
    for label in ("Leerroute vaststellen (10 weken)", "Bezwaartermijn PIP loopt", "Inburgeringsaanbod ontbreekt",
                  "Inburgeringstermijn eindigt over 2 maanden", "Bezwaartermijn boete loopt", "Geen contact geweest"):
        assert label in html
    assert "te laat" in html
    dues = [s.due for s in sorted(tenants.a.person.signals.all(), key=lambda s: row_ids(html).index(s.pk))]
    assert dues == sorted(dues)


def test_my_list_holds_only_my_persons_and_the_team_list_all_of_the_municipality(tenants, client_as):
    mine = SignalFactory(person=tenants.a.person)
    other = SignalFactory(person=tenants.a.other_person, due=dt.date(2026, 10, 1))
    assert row_ids(client_as(tenants.a.consultant).get("/aandacht/").content.decode()) == [mine.pk]
    team = client_as(tenants.a.team_lead).get("/aandacht/team/").content.decode()
    assert sorted(row_ids(team)) == sorted([mine.pk, other.pk])
    assert "Zonder consulent" in team


def test_only_a_team_lead_sees_the_team_list(tenants, client_as):
    assert client_as(tenants.a.consultant).get("/aandacht/team/").status_code == 403
    assert client_as(tenants.a.volunteer).get("/aandacht/team/").status_code == 403


def test_the_team_lead_does_not_see_signals_of_categories_outside_the_role(tenants, client_as):
    fine = SignalFactory(person=tenants.a.person, kind="inburgering.boete_bezwaar", category=DataCategory.FINANCE)
    shown = SignalFactory(person=tenants.a.person, kind="inburgering.contact", category=DataCategory.CONTACT)
    assert row_ids(client_as(tenants.a.team_lead).get("/aandacht/team/").content.decode()) == [shown.pk]
    assert fine.pk not in row_ids(client_as(tenants.a.team_lead).get("/aandacht/team/").content.decode())


def test_the_filters_narrow_by_kind_due_window_and_worker(tenants, client_as):
    late = SignalFactory(person=tenants.a.person, kind="inburgering.leerroute", due=dt.date(2026, 11, 1))
    soon = SignalFactory(person=tenants.a.person, kind="inburgering.contact", category=DataCategory.CONTACT,
                         due=dt.date(2026, 12, 5))
    later = SignalFactory(person=tenants.a.other_person, kind="inburgering.leerroute", due=dt.date(2027, 3, 1))
    client = client_as(tenants.a.team_lead)
    assert row_ids(client.get("/aandacht/team/?kind=inburgering.contact").content.decode()) == [soon.pk]
    assert row_ids(client.get("/aandacht/team/?window=te_laat").content.decode()) == [late.pk]
    assert sorted(row_ids(client.get("/aandacht/team/?window=2w").content.decode())) == sorted([late.pk, soon.pk])
    worker = f"/aandacht/team/?worker={tenants.a.consultant.pk}"
    assert later.pk not in row_ids(client.get(worker).content.decode())
    partial = client.get("/aandacht/team/?window=3m", **htmx_headers("signal-results"))
    assert "<html" not in partial.content.decode() and len(row_ids(partial.content.decode())) == 2


def test_a_nonsense_filter_is_a_clear_error_not_a_crash(tenants, client_as):
    response = client_as(tenants.a.team_lead).get("/aandacht/team/?window=ooit&worker=abc")
    assert response.status_code == 200
    assert "alert--error" in response.content.decode()


def test_every_list_read_is_audit_logged_per_person_with_the_categories_shown(tenants, client_as):
    SignalFactory(person=tenants.a.person)
    SignalFactory(person=tenants.a.person, kind="inburgering.contact", category=DataCategory.CONTACT)
    client_as(tenants.a.consultant).get("/aandacht/")
    entry = AuditEntry.objects.get(action=Action.LIST)
    assert (entry.person_id, entry.categories) == (tenants.a.person.pk, "contact,opleiding_werk")


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def grow(tenant, count: int) -> None:
    for person in PersonFactory.create_batch(count, municipality=tenant.municipality, consultant=tenant.consultant):
        AssignmentFactory(person=person, organisation=tenant.mb_organisation, user=tenant.volunteer,
                          role=AssignmentRole.VRIJWILLIGER)
        SignalFactory(person=person, kind="inburgering.contact", category=DataCategory.CONTACT)
        SignalFactory(person=person)


def test_the_lists_take_as_many_queries_for_forty_persons_as_for_five(tenants, client_as):
    tenant = tenants.a
    clients = [(client_as(tenant.consultant), "/aandacht/"), (client_as(tenant.volunteer), "/aandacht/"),
               (client_as(tenant.team_lead), "/aandacht/team/"),
               (client_as(tenant.consultant), f"/aandacht/dossier/{tenant.person.pk}/")]
    grow(tenant, 5)
    few = [queries_for(client, url) for client, url in clients]
    grow(tenant, 35)
    many = [queries_for(client, url) for client, url in clients]
    assert few == many


def test_the_worker_filter_offers_the_teams_consultants_and_no_one_elses(tenants, client_as):
    workers = list(client_as(tenants.a.team_lead).get("/aandacht/team/").context["form"].fields["worker"].queryset)
    assert tenants.a.consultant in workers
    assert tenants.b.consultant not in workers and tenants.a.mb_worker not in workers
    refused = client_as(tenants.a.team_lead).get(f"/aandacht/team/?worker={tenants.b.consultant.pk}")
    assert "alert--error" in refused.content.decode()
