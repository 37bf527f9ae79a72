"""The functional administrator sets, per municipality, which roles must log in with a second
factor; the login follows it at once. Other roles and other municipalities are refused."""

import pytest

from koers.access.constants import Role
from koers.audit.models import AuditEntry
from koers.security.models import TwoFactorPolicy
from koers.security.policy import two_factor_required

pytestmark = pytest.mark.django_db

URL = "/accounts/beleid/tweestapsverificatie/"


def test_without_a_policy_the_screen_shows_the_installation_default(tenants, client_as, settings):
    settings.KOERS_TWO_FACTOR_ROLES = f"{Role.CONSULTANT},{Role.FUNCTIONAL_ADMIN}"
    [row] = client_as(tenants.a.admin).get(URL).context["rows"]
    assert (row.municipality, row.configured) == (tenants.a.municipality, False)
    assert set(row.form["required_roles"].value()) == {Role.CONSULTANT, Role.FUNCTIONAL_ADMIN}


def test_the_admin_sets_the_roles_and_the_login_follows(tenants, client_as, settings):
    settings.KOERS_TWO_FACTOR_ROLES = "none"
    prefix = f"m{tenants.a.municipality.pk}"
    response = client_as(tenants.a.admin).post(
        URL, {"municipality": tenants.a.municipality.pk, f"{prefix}-required_roles": [Role.CONSULTANT, Role.TEAM_LEAD]}
    )
    assert response.status_code == 302
    assert set(TwoFactorPolicy.objects.get().required_roles) == {Role.CONSULTANT, Role.TEAM_LEAD}
    assert {role for role in Role if two_factor_required(tenants.a.user(role))} == {Role.CONSULTANT, Role.TEAM_LEAD}
    assert not two_factor_required(tenants.b.consultant)
    entry = AuditEntry.objects.get(purpose="Beleid tweestapsverificatie")
    assert (entry.municipality_id, entry.person_id) == (tenants.a.municipality.pk, None)


def test_an_unknown_role_is_refused_and_nothing_is_stored(tenants, client_as):
    prefix = f"m{tenants.a.municipality.pk}"
    response = client_as(tenants.a.admin).post(
        URL, {"municipality": tenants.a.municipality.pk, f"{prefix}-required_roles": ["directeur"]}
    )
    assert response.status_code == 400 and "error-summary" in response.content.decode()
    assert not TwoFactorPolicy.objects.exists()


def test_a_policy_for_another_municipality_is_ignored(tenants, client_as):
    prefix = f"m{tenants.b.municipality.pk}"
    client_as(tenants.a.admin).post(URL, {"municipality": tenants.b.municipality.pk, f"{prefix}-required_roles": []})
    assert not TwoFactorPolicy.objects.exists()


@pytest.mark.parametrize("role", [r for r in Role if r != Role.FUNCTIONAL_ADMIN])
def test_other_roles_may_not_set_the_policy(tenants, client_as, role):
    assert client_as(tenants.a.user(role)).get(URL).status_code == 403
