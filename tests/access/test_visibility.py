from koers.access.constants import DataCategory, Role
from koers.access.query import categories_for, visible_persons


def test_a_consultant_sees_every_person_of_their_municipality_and_none_of_the_other(tenants):
    seen = set(visible_persons(tenants.a.consultant))
    assert seen == {tenants.a.person, tenants.a.other_person}


def test_a_volunteer_sees_only_the_person_they_are_matched_with(tenants):
    assert list(visible_persons(tenants.a.volunteer)) == [tenants.a.person]


def test_a_volunteer_never_sees_the_bsn(tenants):
    categories = categories_for(tenants.a.volunteer, tenants.a.person)
    assert DataCategory.IDENTITY in categories
    assert DataCategory.BSN not in categories


def test_the_mb_organisation_sees_only_assigned_persons(tenants):
    assert list(visible_persons(tenants.a.mb_worker)) == [tenants.a.person]


def test_policy_analysts_and_administrators_see_no_dossiers(tenants):
    for role in (Role.POLICY_ANALYST, Role.FUNCTIONAL_ADMIN):
        assert not visible_persons(tenants.a.user(role)).exists()


def test_no_role_of_one_municipality_reaches_a_person_of_the_other(tenants):
    for role in Role:
        user = tenants.a.user(role)
        assert not visible_persons(user).filter(municipality=tenants.b.municipality).exists()
        assert categories_for(user, tenants.b.person) == frozenset()


def test_an_ended_assignment_no_longer_gives_access(tenants):
    tenants.a.person.assignments.filter(user=tenants.a.volunteer).update(end_date="2026-11-24")
    assert not visible_persons(tenants.a.volunteer).exists()
