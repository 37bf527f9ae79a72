"""The provider's students on the hours screen come fifty a page and can be narrowed to a name; only
the students shown are logged as listed."""

from __future__ import annotations

import pytest

from koers.audit.models import Action, AuditEntry
from koers.inburgering.views_route import PURPOSE_HOURS
from koers.people.constants import AssignmentRole
from tests.factories import AssignmentFactory, PersonFactory

from .screens import logged_in

pytestmark = pytest.mark.django_db

URL = "/uren/"


@pytest.fixture
def students(tenants):
    """Fifty-one students besides the tenant's own person, each with a name of their own."""
    persons = [
        PersonFactory(municipality=tenants.a.municipality, given_names="Cursist", family_name=f"Zwaan{n:02d}")
        for n in range(51)
    ]
    for person in persons:
        AssignmentFactory(person=person, organisation=tenants.a.school, role=AssignmentRole.TAALAANBIEDER)
    return persons


def listed(tenant) -> list[int]:
    entries = AuditEntry.objects.filter(action=Action.LIST, purpose=PURPOSE_HOURS, user_id=tenant.provider.pk)
    return list(entries.values_list("person_id", flat=True))


def test_the_students_come_fifty_a_page(tenants, students):
    client = logged_in(tenants.a.provider)
    first = client.get(URL)
    assert len(first.context["rows"]) == 50 and first.context["page"].paginator.count == 52
    assert "Pagina 1 van 2" in first.content.decode()
    last = client.get(URL, {"page": 2})
    assert [student.family_name for student, _offer in last.context["rows"]] == ["Zwaan49", "Zwaan50"]


def test_only_the_students_shown_are_logged(tenants, students):
    logged_in(tenants.a.provider).get(URL, {"page": 2})
    assert sorted(listed(tenants.a)) == sorted(student.pk for student in students[-2:])


def test_a_name_narrows_the_list(tenants, students):
    response = logged_in(tenants.a.provider).get(URL, {"q": "zwaan1"})
    assert [student.family_name for student, _offer in response.context["rows"]] == [
        f"Zwaan{n}" for n in range(10, 20)
    ]


def test_a_name_nobody_has_says_so(tenants, students):
    content = logged_in(tenants.a.provider).get(URL, {"q": "Onbekendenaam"}).content.decode()
    assert "Geen cursist gevonden met deze naam." in content
    assert listed(tenants.a) == []


def test_another_municipalitys_students_are_never_found(tenants, students):
    response = logged_in(tenants.b.provider).get(URL, {"q": "zwaan"})
    assert response.context["rows"] == []


def test_the_next_page_keeps_the_search(tenants, students):
    content = logged_in(tenants.a.provider).get(URL, {"q": "zwaan"}).content.decode()
    assert 'href="?q=zwaan&amp;page=2#cursisten"' in content
