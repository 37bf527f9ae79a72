import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.access.constants import Role
from koers.audit.models import Action, AuditEntry, Channel
from koers.people.constants import Phase, TargetGroup
from tests.factories import AssignmentFactory, PersonFactory
from tests.prepared import prepared_statements

from .helpers import assert_problem, audit_inserts, count_queries, invalid_names

URL = "/api/v1/personen"


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def test_a_consultant_lists_the_persons_of_their_own_municipality_only(tenants, api_as):
    response = api_as(tenants.a.consultant).get(URL)
    assert ids(response) == {tenants.a.person.pk, tenants.a.other_person.pk}
    assert response.json()["count"] == 2


def test_the_list_is_paginated_with_page_size(tenants, api_as):
    PersonFactory.create_batch(3, municipality=tenants.a.municipality)
    body = api_as(tenants.a.consultant).get(URL, {"pageSize": 2, "page": 2}).json()
    assert (body["count"], len(body["results"])) == (5, 2)
    assert body["previous"] and body["next"]


def test_name_search_ignores_case_and_accents(tenants, api_as):
    ozturk = PersonFactory(municipality=tenants.a.municipality, given_names="Elif", family_name="Öztürk")
    PersonFactory(municipality=tenants.b.municipality, given_names="Elif", family_name="Öztürk")
    assert ids(api_as(tenants.a.consultant).get(URL, {"search": "elif OZTURK"})) == {ozturk.pk}


def test_it_filters_on_bsn_and_accepts_dots_between_the_digits(tenants, api_as):
    bsn = tenants.a.other_person.bsn
    dotted = f"{bsn[:4]}.{bsn[4:6]}.{bsn[6:]}"
    assert ids(api_as(tenants.a.consultant).get(URL, {"bsn": dotted})) == {tenants.a.other_person.pk}


def test_a_bsn_search_finds_nothing_for_a_user_who_may_not_see_the_bsn(tenants, api_as):
    assert ids(api_as(tenants.a.volunteer).get(URL, {"bsn": tenants.a.person.bsn})) == set()
    assert ids(api_as(tenants.a.mb_worker).get(URL, {"bsn": tenants.a.person.bsn})) == {tenants.a.person.pk}


def test_a_bsn_of_another_municipality_is_not_found(tenants, api_as):
    assert ids(api_as(tenants.a.consultant).get(URL, {"bsn": tenants.b.person.bsn})) == set()


def test_it_filters_on_date_of_birth_phase_and_target_group(tenants, api_as):
    born = PersonFactory(municipality=tenants.a.municipality, date_of_birth=dt.date(2001, 1, 9))
    regeldag = PersonFactory(municipality=tenants.a.municipality, phase=Phase.REGELDAG)
    family = PersonFactory(municipality=tenants.a.municipality, target_group=TargetGroup.GEZIN)
    client = api_as(tenants.a.consultant)
    assert ids(client.get(URL, {"dateOfBirth": "2001-01-09"})) == {born.pk}
    assert ids(client.get(URL, {"phase": Phase.REGELDAG})) == {regeldag.pk}
    assert ids(client.get(URL, {"targetGroup": TargetGroup.GEZIN})) == {family.pk}


def test_it_filters_on_consultant_and_municipality(tenants, api_as):
    client = api_as(tenants.a.consultant)
    assert ids(client.get(URL, {"consultant": tenants.a.consultant.pk})) == {tenants.a.person.pk}
    assert ids(client.get(URL, {"municipality": tenants.a.municipality.cbs_code})) == {
        tenants.a.person.pk,
        tenants.a.other_person.pk,
    }
    assert ids(client.get(URL, {"municipality": tenants.b.municipality.cbs_code})) == set()


def test_an_invalid_filter_value_gives_a_problem_naming_the_parameter(tenants, api_as):
    client = api_as(tenants.a.consultant)
    body = assert_problem(client.get(URL, {"phase": "nergens", "dateOfBirth": "gisteren"}), 400)
    assert invalid_names(body) == {"phase", "dateOfBirth"}


def test_a_volunteer_never_receives_the_bsn(tenants, api_as):
    [item] = api_as(tenants.a.volunteer).get(URL).json()["results"]
    assert item["id"] == tenants.a.person.pk
    assert "bsn" not in item and "literacy" not in item
    assert item["familyName"] == tenants.a.person.family_name and "phone" in item


def test_roles_without_dossiers_get_an_empty_list(tenants, api_as):
    for role in (Role.POLICY_ANALYST, Role.FUNCTIONAL_ADMIN):
        assert ids(api_as(tenants.a.user(role)).get(URL)) == set()


def test_the_list_logs_one_entry_per_person_on_the_page_in_one_insert(tenants, api_as):
    client = api_as(tenants.a.consultant)
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    assert audit_inserts(queries) == 1
    entries = AuditEntry.objects.all()
    assert sorted(e.person_id for e in entries) == sorted([tenants.a.person.pk, tenants.a.other_person.pk])
    assert {(e.action, e.channel, e.purpose) for e in entries} == {(Action.LIST, Channel.API, "API v1 GET /personen")}
    assert {e.categories for e in entries} == {"bsn,contact,identiteit,opleiding_werk"}


def test_only_the_persons_on_the_page_are_logged(tenants, api_as):
    PersonFactory.create_batch(3, municipality=tenants.a.municipality)
    api_as(tenants.a.consultant).get(URL, {"pageSize": 2})
    assert AuditEntry.objects.count() == 2


def add_persons(tenant, count: int) -> None:
    """Persons of the tenant's consultant, each with MB support by the tenant's MB organisation."""
    for person in PersonFactory.create_batch(count, municipality=tenant.municipality, consultant=tenant.consultant):
        AssignmentFactory(person=person, organisation=tenant.mb_organisation)


def test_the_number_of_queries_does_not_grow_with_the_number_of_persons(tenants, api_as):
    def queries_for_list(user, expected: int) -> int:
        client = api_as(user)
        count, response = count_queries(lambda: client.get(URL, {"pageSize": 100}))
        assert len(response.json()["results"]) == expected
        return count

    add_persons(tenants.a, 1)
    few = {user: queries_for_list(user, 3 if user == tenants.a.consultant else 2)
           for user in (tenants.a.consultant, tenants.a.mb_worker)}
    add_persons(tenants.a, 27)
    many = {user: queries_for_list(user, 30 if user == tenants.a.consultant else 29)
            for user in (tenants.a.consultant, tenants.a.mb_worker)}
    assert many == few


def test_a_filter_given_without_a_value_is_refused(tenants, api_as):
    body = assert_problem(api_as(tenants.a.consultant).get(URL, {"phase": "", "search": ""}), 400)
    assert invalid_names(body) == {"phase", "search"}


def test_a_page_size_out_of_range_is_refused_not_silently_replaced(tenants, api_as):
    client = api_as(tenants.a.consultant)
    for size in ("0", "501", "veel"):
        body = assert_problem(client.get(URL, {"pageSize": size}), 400)
        assert invalid_names(body) == {"pageSize"}
    assert_problem(client.get(URL, {"page": "eerste"}), 400)


def test_a_name_search_is_planned_for_its_name_however_often_it_is_asked(tenants, api_as):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    client = api_as(tenants.a.consultant)
    for _ in range(7):
        answer = client.get(URL, {"search": tenants.a.person.family_name})
        assert answer.status_code == 200
    assert not any('"search_name"' in statement and "LIKE" in statement for statement in prepared_statements())
