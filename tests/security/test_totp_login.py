import datetime as dt

import pytest

from koers.access.constants import Role
from koers.audit.models import AuditEntry, Outcome
from koers.lib import clock
from koers.security import totp
from koers.security.models import RecoveryCode, TotpDevice
from tests.factories import TEST_PASSWORD

from .factories import SECRET, code_for, enrolled, policy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_factor_for_all_roles(settings):
    settings.KOERS_TWO_FACTOR_ROLES = "all"


def password_step(client, user, next_url=""):
    data = {"username": user.username, "password": TEST_PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post("/accounts/login/", data)


def logged_in(client) -> bool:
    return client.get("/personen/").status_code == 200


def test_a_user_whose_role_needs_no_second_factor_logs_in_with_the_password(client, tenants):
    policy(tenants.a.municipality, [])
    response = password_step(client, tenants.a.consultant)
    assert response.status_code == 302
    assert response.url == "/personen/"
    assert logged_in(client)


def test_a_user_with_an_authenticator_app_is_not_logged_in_before_the_code(client, tenants):
    enrolled(tenants.a.consultant)
    response = password_step(client, tenants.a.consultant)
    assert response.url == "/accounts/code/"
    assert not logged_in(client)


def test_the_right_code_logs_in_and_goes_to_the_page_asked_for(client, tenants):
    enrolled(tenants.a.consultant)
    password_step(client, tenants.a.consultant, next_url=f"/personen/{tenants.a.person.pk}/")
    response = client.post("/accounts/code/", {"code": code_for()})
    assert response.url == f"/personen/{tenants.a.person.pk}/"
    assert logged_in(client)
    entry = AuditEntry.objects.get(user_id=tenants.a.consultant.pk, purpose="Aanmelden")
    assert entry.outcome == Outcome.ALLOWED
    assert entry.ip_address == "127.0.0.1"


def test_it_refuses_a_wrong_code_and_logs_the_attempt(client, tenants):
    enrolled(tenants.a.consultant)
    password_step(client, tenants.a.consultant)
    response = client.post("/accounts/code/", {"code": "000000" if code_for() != "000000" else "111111"})
    assert response.status_code == 200
    assert "Deze code klopt niet of is al gebruikt." in response.content.decode()
    assert not logged_in(client)
    refused = AuditEntry.objects.get(user_id=tenants.a.consultant.pk, outcome=Outcome.REFUSED)
    assert refused.purpose == "Aanmelden met code"


def test_a_code_is_accepted_only_once(client, tenants):
    enrolled(tenants.a.consultant)
    password_step(client, tenants.a.consultant)
    code = code_for()
    client.post("/accounts/code/", {"code": code})
    client.post("/accounts/logout/")
    password_step(client, tenants.a.consultant)
    response = client.post("/accounts/code/", {"code": code})
    assert response.status_code == 200
    assert not logged_in(client)


def test_it_accepts_the_code_of_the_previous_step_but_not_an_older_one(tenants):
    device = enrolled(tenants.a.consultant)
    now = clock.now()
    assert totp.verify(device, code_for(at=now - dt.timedelta(seconds=30)))
    device.refresh_from_db()
    assert not totp.verify(device, code_for(at=now - dt.timedelta(seconds=90)))


def test_the_code_is_checked_against_the_koers_clock(tenants):
    device = enrolled(tenants.a.consultant)
    later = clock.now() + dt.timedelta(hours=3)
    code = code_for(at=later)
    assert not totp.verify(device, code)
    with clock.frozen(later):
        assert totp.verify(device, code)


def test_a_recovery_code_logs_in_once(client, tenants):
    user = tenants.a.consultant
    enrolled(user)
    codes = totp.replace_recovery_codes(user)
    password_step(client, user)
    response = client.post("/accounts/code/", {"code": codes[3].upper()})
    assert response.url == "/personen/"
    assert logged_in(client)
    client.post("/accounts/logout/")
    password_step(client, user)
    client.post("/accounts/code/", {"code": codes[3]})
    assert not logged_in(client)


def test_recovery_codes_are_stored_only_as_hashes(tenants):
    codes = totp.replace_recovery_codes(tenants.a.consultant)
    hashes = list(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert len(hashes) == 10
    assert not {c.replace("-", "") for c in codes} & set(hashes)
    assert all(code.replace("-", "") not in h for code in codes for h in hashes)


def test_the_code_step_expires_after_five_minutes(client, tenants):
    enrolled(tenants.a.consultant)
    password_step(client, tenants.a.consultant)
    later = clock.now() + dt.timedelta(minutes=6)
    with clock.frozen(later):
        response = client.post("/accounts/code/", {"code": code_for(at=later)})
    assert response.url == "/accounts/login/"
    assert not logged_in(client)


def test_the_code_step_without_a_password_sends_to_the_login(client, tenants):
    response = client.get("/accounts/code/")
    assert response.url == "/accounts/login/"


def test_a_user_who_must_use_two_factors_sets_up_the_app_before_getting_in(client, tenants):
    user = tenants.a.consultant
    response = password_step(client, user)
    assert response.url == "/accounts/tweestapsverificatie/"
    assert not logged_in(client)
    page = client.get("/accounts/tweestapsverificatie/").content.decode()
    device = TotpDevice.objects.get(user=user)
    assert "<svg" in page
    assert totp.grouped_secret(device) in page
    assert "verplicht" in page
    response = client.post("/accounts/tweestapsverificatie/", {"code": code_for(device.secret)})
    assert response.url == "/accounts/herstelcodes/"
    codes_page = client.get("/accounts/herstelcodes/").content.decode()
    assert codes_page.count("<code>") == 10
    assert logged_in(client)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/accounts/herstelcodes/").url == "/accounts/beveiliging/"


def test_a_wrong_code_does_not_confirm_the_app(client, tenants):
    password_step(client, tenants.a.consultant)
    client.get("/accounts/tweestapsverificatie/")
    device = TotpDevice.objects.get(user=tenants.a.consultant)
    wrong = "123456" if code_for(device.secret) != "123456" else "654321"
    response = client.post("/accounts/tweestapsverificatie/", {"code": wrong})
    assert response.status_code == 200
    assert "Er is 1 fout gevonden" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert not logged_in(client)


def test_the_policy_is_per_municipality(client, tenants):
    policy(tenants.a.municipality, [Role.FUNCTIONAL_ADMIN])
    assert password_step(client, tenants.a.consultant).url == "/personen/"
    client.post("/accounts/logout/")
    assert password_step(client, tenants.a.admin).url == "/accounts/tweestapsverificatie/"
    client.get("/accounts/tweestapsverificatie/")
    assert password_step(client, tenants.b.consultant).url == "/accounts/tweestapsverificatie/"


def test_a_logged_in_user_may_set_up_the_app_of_their_own_accord(client, tenants):
    policy(tenants.a.municipality, [])
    user = tenants.a.consultant
    client.force_login(user)
    assert "Tweestapsverificatie instellen" in client.get("/accounts/beveiliging/").content.decode()
    client.get("/accounts/tweestapsverificatie/")
    device = TotpDevice.objects.get(user=user)
    response = client.post("/accounts/tweestapsverificatie/", {"code": code_for(device.secret)})
    assert response.url == "/accounts/herstelcodes/"
    client.post("/accounts/logout/")
    assert password_step(client, user).url == "/accounts/code/"


def test_new_recovery_codes_replace_the_old_ones(client, tenants):
    user = tenants.a.consultant
    enrolled(user)
    old = totp.replace_recovery_codes(user)
    client.force_login(user)
    response = client.post("/accounts/beveiliging/")
    assert response.url == "/accounts/herstelcodes/"
    assert not totp.use_recovery_code(user, old[0])
    assert RecoveryCode.objects.filter(user=user).count() == 10


def test_the_admin_site_logs_in_through_the_koers_login(client, tenants):
    tenants.a.admin.is_staff = True
    tenants.a.admin.save()
    enrolled(tenants.a.admin)
    response = client.post(
        "/beheer/login/", {"username": tenants.a.admin.username, "password": TEST_PASSWORD}
    )
    assert response.url.startswith("/accounts/login/")
    assert client.get("/beheer/").status_code == 302


def test_the_enrolment_shows_a_secret_of_its_own_for_each_user(client, tenants):
    password_step(client, tenants.a.consultant)
    client.get("/accounts/tweestapsverificatie/")
    secrets_ = set(TotpDevice.objects.values_list("secret", flat=True))
    assert SECRET not in secrets_
    assert len(next(iter(secrets_))) == 32
