import datetime as dt

import pytest
from django.contrib.auth.signals import user_login_failed

from koers.audit.models import AuditEntry, Outcome
from koers.lib import clock
from koers.security.models import LockKind, LoginLockout
from tests.factories import TEST_PASSWORD

from .factories import code_for, enrolled

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limits(settings):
    settings.KOERS_TWO_FACTOR_ROLES = "none"
    settings.KOERS_LOGIN_MAX_FAILURES = 5
    settings.KOERS_LOGIN_FAILURE_WINDOW_SECONDS = 15 * 60
    settings.KOERS_LOGIN_LOCKOUT_SECONDS = 15 * 60


def attempt(client, username, password, ip="10.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def fail(client, username, times, ip="10.0.0.1"):
    for _ in range(times):
        attempt(client, username, "verkeerd-wachtwoord", ip)


def test_five_wrong_passwords_lock_the_username_even_for_the_right_password(client, tenants):
    user = tenants.a.consultant
    fail(client, user.username, 5)
    response = attempt(client, user.username, TEST_PASSWORD, ip="10.0.0.2")
    assert response.status_code == 200
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert client.get("/personen/").status_code == 302


def test_four_wrong_passwords_do_not_lock(client, tenants):
    user = tenants.a.consultant
    fail(client, user.username, 4)
    assert attempt(client, user.username, TEST_PASSWORD).status_code == 302
    assert not LoginLockout.objects.exists()


def test_the_lockout_ends_after_fifteen_minutes(client, tenants):
    user = tenants.a.consultant
    fail(client, user.username, 5)
    with clock.frozen(clock.now() + dt.timedelta(minutes=14)):
        assert attempt(client, user.username, TEST_PASSWORD).status_code == 200
    with clock.frozen(clock.now() + dt.timedelta(minutes=15, seconds=1)):
        assert attempt(client, user.username, TEST_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "earlier",
    [pytest.param(4, id="failures-older-than-the-window-do-not-count"),
     pytest.param(5, id="failures-after-a-lockout-start-counting-afresh")],
)
def test_failures_before_the_window_or_a_lockout_do_not_count(client, tenants, earlier):
    user = tenants.a.consultant
    fail(client, user.username, earlier)
    with clock.frozen(clock.now() + dt.timedelta(minutes=16)):
        fail(client, user.username, 1)
        assert attempt(client, user.username, TEST_PASSWORD).status_code == 302


def test_a_different_spelling_of_the_username_counts_as_the_same(client, tenants):
    user = tenants.a.consultant
    for spelling in (
        user.username.upper(),
        user.username,
        f" {user.username}",
        user.username.title(),
        user.username,
    ):
        attempt(client, spelling, "verkeerd-wachtwoord", ip="10.0.0.9")
    assert LoginLockout.objects.filter(kind=LockKind.USERNAME, key=user.username.lower()).exists()


def test_one_address_trying_many_usernames_is_locked(client, tenants):
    for number in range(5):
        attempt(client, f"iemand-{number}", "verkeerd-wachtwoord", ip="10.0.0.66")
    response = attempt(client, tenants.a.consultant.username, TEST_PASSWORD, ip="10.0.0.66")
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert attempt(client, tenants.a.consultant.username, TEST_PASSWORD, ip="10.0.0.67").status_code == 302


def test_a_successful_login_clears_the_count_of_the_username(client, tenants):
    user = tenants.a.consultant
    fail(client, user.username, 4, ip="10.0.0.3")
    attempt(client, user.username, TEST_PASSWORD, ip="10.0.0.4")
    client.post("/accounts/logout/")
    fail(client, user.username, 4, ip="10.0.0.5")
    assert attempt(client, user.username, TEST_PASSWORD, ip="10.0.0.5").status_code == 302


def test_every_failure_and_both_lockouts_are_in_the_audit_log(client, tenants):
    user = tenants.a.consultant
    fail(client, user.username, 5)
    attempt(client, user.username, TEST_PASSWORD)
    refused = AuditEntry.objects.filter(user_id=user.pk, outcome=Outcome.REFUSED)
    purposes = sorted(refused.values_list("purpose", flat=True))
    assert purposes.count("Aanmelden met wachtwoord") == 5
    assert purposes.count("Blokkade na mislukte aanmeldingen") == 2
    assert purposes.count("Aanmelden tijdens blokkade") == 1
    assert all(entry.ip_address == "10.0.0.1" for entry in refused)
    assert all(user.username in entry.detail for entry in refused)
    locks = refused.filter(purpose="Blokkade na mislukte aanmeldingen").values_list("detail", flat=True)
    assert {detail.split(";")[1].split()[0] for detail in locks} == {"Gebruikersnaam", "IP-adres"}


def test_an_unknown_username_is_logged_with_the_name_that_was_tried(client, tenants):
    attempt(client, "bestaat-niet", "verkeerd-wachtwoord")
    entry = AuditEntry.objects.get(outcome=Outcome.REFUSED)
    assert entry.user_id is None
    assert "bestaat-niet" in entry.detail


def test_wrong_codes_count_towards_the_lockout(client, tenants, settings):
    user = tenants.a.consultant
    enrolled(user)
    attempt(client, user.username, TEST_PASSWORD)
    wrong = "000000" if code_for() != "000000" else "111111"
    for _ in range(5):
        response = client.post("/accounts/code/", {"code": wrong}, REMOTE_ADDR="10.0.0.1")
    assert response.url == "/accounts/login/"
    assert client.post("/accounts/code/", {"code": code_for()}).url == "/accounts/login/"
    assert client.get("/personen/").status_code == 302
    assert LoginLockout.objects.filter(kind=LockKind.USERNAME, key=user.username.lower()).exists()


def test_during_a_lockout_the_password_is_not_even_checked(client, tenants):
    user = tenants.a.consultant
    fail(client, user.username, 5)
    checked = []
    user_login_failed.connect(lambda **kwargs: checked.append(kwargs), dispatch_uid="lockout-test", weak=False)
    try:
        attempt(client, user.username, "nog-een-gok")
    finally:
        user_login_failed.disconnect(dispatch_uid="lockout-test")
    assert checked == []
