"""The caseload's total for a user who reaches whole municipalities is read from the counts the
database keeps (``koers.people.totals``), not counted; it is the number of dossiers the user may open."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.access.constants import Recipient, Role
from koers.access.models import Membership
from koers.access.query import visible_persons
from koers.people.models import Person
from koers.people.totals import visible_total
from tests.access.factories import ConsentFactory, TransferFactory
from tests.factories import PersonFactory, UserFactory


def status(response) -> str:
    content = response.content.decode()
    start = content.index('id="caseload-status"')
    return content[content.index(">", start) + 1:content.index("</p>", start)]


def counts_dossiers(queries) -> bool:
    return any("COUNT(" in q["sql"].upper() and "people_person" in q["sql"] for q in queries)


def test_the_caseload_total_is_read_from_the_kept_counts_without_counting_dossiers(tenants, client_as):
    Person.objects.bulk_create(PersonFactory.build_batch(53, municipality=tenants.a.municipality))
    Person.objects.bulk_create(PersonFactory.build_batch(7, municipality=tenants.b.municipality))
    client = client_as(tenants.a.consultant)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/personen/")
    assert "55 personen gevonden, pagina 1 van 2" in status(response)
    assert not counts_dossiers(queries.captured_queries)


def test_a_filtered_list_is_counted(tenants, client_as):
    Person.objects.bulk_create(PersonFactory.build_batch(3, municipality=tenants.a.municipality))
    without = Person.objects.filter(municipality=tenants.a.municipality, consultant__isnull=True).count()
    with CaptureQueriesContext(connection) as queries:
        response = client_as(tenants.a.consultant).get("/personen/?consultant=geen")
    assert f"{without} personen gevonden" in status(response)
    assert counts_dossiers(queries.captured_queries)


def test_a_person_transferred_in_counts_once_and_only_with_the_reach_it_gives(tenants, client_as):
    a, b = tenants.a, tenants.b
    moved = PersonFactory(municipality=b.municipality)
    transfer = TransferFactory(person=moved, to_municipality=a.municipality)
    consent = ConsentFactory(person=moved, recipients=[Recipient.NEXT_MUNICIPALITY])
    transfer.consent = consent
    transfer.save()
    # Transferred in and since registered here: counted with the municipality, not a second time.
    settled = PersonFactory(municipality=b.municipality)
    TransferFactory(person=settled, to_municipality=a.municipality, consent=ConsentFactory(
        person=settled, recipients=[Recipient.NEXT_MUNICIPALITY]))
    settled.municipality = a.municipality
    settled.save()
    expected = visible_persons(a.consultant).count()
    assert visible_total(a.consultant) == expected
    assert f"{expected} personen gevonden" in status(client_as(a.consultant).get("/personen/"))
    assert visible_total(b.consultant) == visible_persons(b.consultant).count() == 3


def test_a_team_serving_several_municipalities_counts_each_dossier_once(tenants):
    a, b = tenants.a, tenants.b
    a.team.serves.add(b.municipality)
    Membership.objects.create(user=a.consultant, organisation=b.team, role=Role.CONSULTANT)
    assert visible_total(a.consultant) == visible_persons(a.consultant).count() == 4


def test_a_partner_who_reaches_dossiers_through_assignments_has_them_counted(tenants, client_as):
    for user in (tenants.a.volunteer, tenants.a.mb_worker, tenants.a.provider):
        assert visible_total(user) is None
    assert "1 persoon gevonden" in status(client_as(tenants.a.volunteer).get("/personen/"))


def test_for_every_role_of_both_municipalities_the_total_is_what_the_user_may_open(tenants):
    TransferFactory(person=tenants.b.person, to_municipality=tenants.a.municipality,
                    transferred_on=dt.date(2026, 11, 1))
    for tenant in (tenants.a, tenants.b):
        for role in Role:
            user = tenant.user(role)
            total = visible_total(user)
            assert total is None or total == visible_persons(user).count(), (tenant, role)


def test_a_user_without_a_role_reaches_no_municipality(tenants):
    nobody = UserFactory()
    assert visible_total(nobody) is None
    assert not visible_persons(nobody).exists()
