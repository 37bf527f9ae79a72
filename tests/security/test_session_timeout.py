import datetime as dt

import pytest

from koers.lib import clock

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def timeouts(settings):
    settings.SESSION_COOKIE_AGE = 15 * 60
    settings.KOERS_SESSION_ABSOLUTE_SECONDS = 10 * 60 * 60


def at(minutes: float):
    return clock.frozen(clock.now() + dt.timedelta(minutes=minutes))


def test_a_session_idle_longer_than_the_timeout_ends(client, tenants):
    client.force_login(tenants.a.consultant)
    with at(16):
        response = client.get("/personen/")
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")
        assert "Je sessie is verlopen" in client.get(response.url).content.decode()


def test_a_session_in_use_stays_open(client, tenants):
    client.force_login(tenants.a.consultant)
    for minutes in (10, 20, 30, 40):
        with at(minutes):
            assert client.get("/personen/").status_code == 200


def test_a_session_ends_after_the_absolute_limit_however_busy(client, tenants):
    client.force_login(tenants.a.consultant)
    for minutes in range(10, 600, 10):
        with at(minutes):
            assert client.get("/personen/").status_code == 200
    with at(600.5):
        assert client.get("/personen/").status_code == 302


def test_an_expired_session_gets_no_api_answer(client, tenants):
    client.force_login(tenants.a.consultant)
    assert client.get("/api/v1/personen").status_code == 200
    with at(16):
        assert client.get("/api/v1/personen").status_code in (401, 403)


def test_the_session_cookie_lasts_no_longer_than_the_idle_timeout(client, tenants):
    client.force_login(tenants.a.consultant)
    with at(2):
        response = client.get("/personen/")
        assert client.session.get_expiry_age() == 15 * 60
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


def test_activity_is_noted_in_the_session_at_most_once_a_minute(client, tenants):
    client.force_login(tenants.a.consultant)
    with at(0.5):
        assert "sessionid" not in client.get("/personen/").cookies
    with at(1):
        assert "sessionid" in client.get("/personen/").cookies
    with at(1.5):
        assert "sessionid" not in client.get("/personen/").cookies


def test_the_idle_timeout_counts_from_the_last_noted_activity(client, tenants):
    client.force_login(tenants.a.consultant)
    with at(0.5):
        assert client.get("/personen/").status_code == 200
    with at(15.2):
        assert client.get("/personen/").status_code == 302
