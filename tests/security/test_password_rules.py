import pytest
from django.contrib.auth import password_validation

from koers.access.models import User
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

GOOD = "Zeilboot-Achter-De-Dijk-7"


def change(client, new_password: str, old_password: str = TEST_PASSWORD):
    return client.post(
        "/accounts/password_change/",
        {"old_password": old_password, "new_password1": new_password, "new_password2": new_password},
    )


@pytest.mark.parametrize(
    "password, message",
    [
        ("Kort-1!", "te kort"),
        ("password1234", "te algemeen"),
        ("739184620573", "alleen cijfers"),
    ],
)
def test_the_password_change_refuses_a_weak_password(client, tenants, password, message):
    user = tenants.a.consultant
    client.force_login(user)
    response = change(client, password)
    assert response.status_code == 200
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_the_password_change_refuses_a_password_like_the_name(client, tenants):
    user = tenants.a.consultant
    user.first_name, user.last_name = "Annemarie", "Vandenberghe"
    user.save()
    client.force_login(user)
    response = change(client, "vandenberghe1")
    assert "lijkt te veel op" in response.content.decode()


def test_the_password_change_asks_for_the_old_password(client, tenants):
    client.force_login(tenants.a.consultant)
    response = change(client, GOOD, old_password="niet-het-oude")
    assert response.status_code == 200
    assert "Er is 1 fout gevonden" in response.content.decode()


def test_a_strong_password_is_saved_and_the_session_stays(client, tenants):
    user = tenants.a.consultant
    client.force_login(user)
    response = change(client, GOOD)
    assert response.url == "/accounts/beveiliging/"
    assert User.objects.get(pk=user.pk).check_password(GOOD)
    assert client.get("/personen/").status_code == 200


def test_the_password_change_needs_a_login(client, db):
    assert client.get("/accounts/password_change/").url.startswith("/accounts/login/")


def test_the_rules_are_those_of_the_settings():
    names = [type(v).__name__ for v in password_validation.get_default_password_validators()]
    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
    assert password_validation.get_default_password_validators()[1].min_length == 12
