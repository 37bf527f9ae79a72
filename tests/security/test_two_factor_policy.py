import pytest
from django.core.exceptions import ImproperlyConfigured

from koers.access.constants import Role
from koers.access.models import Membership
from koers.security.demo import add_demo_security
from koers.security.policy import two_factor_required
from tests.factories import UserFactory

from .factories import policy

pytestmark = pytest.mark.django_db


def test_without_a_policy_every_role_must_use_two_factors_by_default(tenants, settings):
    settings.KOERS_TWO_FACTOR_ROLES = "all"
    assert all(two_factor_required(tenants.a.user(role)) for role in Role)


def test_the_installation_may_name_the_roles_that_must(tenants, settings):
    settings.KOERS_TWO_FACTOR_ROLES = f"{Role.FUNCTIONAL_ADMIN},{Role.TEAM_LEAD}"
    required = {role for role in Role if two_factor_required(tenants.a.user(role))}
    assert required == {Role.FUNCTIONAL_ADMIN, Role.TEAM_LEAD}


def test_the_installation_may_ask_no_one(tenants, settings):
    settings.KOERS_TWO_FACTOR_ROLES = "none"
    assert not any(two_factor_required(tenants.a.user(role)) for role in Role)


def test_an_unknown_role_in_the_setting_is_a_configuration_error(tenants, settings):
    settings.KOERS_TWO_FACTOR_ROLES = "consultant,directeur"
    with pytest.raises(ImproperlyConfigured, match="directeur"):
        two_factor_required(tenants.a.consultant)


def test_a_municipality_policy_overrides_the_default_for_its_own_roles_only(tenants, settings):
    settings.KOERS_TWO_FACTOR_ROLES = "none"
    policy(tenants.a.municipality, [Role.CONSULTANT, Role.VRIJWILLIGER])
    assert two_factor_required(tenants.a.consultant)
    assert two_factor_required(tenants.a.volunteer)
    assert not two_factor_required(tenants.a.team_lead)
    assert not two_factor_required(tenants.b.consultant)


def test_a_user_with_roles_in_two_municipalities_follows_the_stricter(tenants, settings):
    settings.KOERS_TWO_FACTOR_ROLES = "none"
    policy(tenants.b.municipality, [Role.CONSULTANT])
    user = tenants.a.consultant
    assert not two_factor_required(user)
    Membership.objects.create(user=user, organisation=tenants.b.team, role=Role.CONSULTANT)
    assert two_factor_required(user)


def test_a_superuser_must_unless_no_one_must(db, settings):
    superuser = UserFactory(is_superuser=True)
    settings.KOERS_TWO_FACTOR_ROLES = Role.FUNCTIONAL_ADMIN.value
    assert two_factor_required(superuser)
    settings.KOERS_TWO_FACTOR_ROLES = "none"
    assert not two_factor_required(superuser)


def test_the_demo_asks_no_second_factor(tenants, settings):
    settings.KOERS_TWO_FACTOR_ROLES = "all"
    assert add_demo_security([tenants.a.municipality, tenants.b.municipality]) == 2
    assert add_demo_security([tenants.a.municipality]) == 1
    assert not any(two_factor_required(tenants.a.user(role)) for role in Role)
    assert not two_factor_required(tenants.b.consultant)
