"""Systems authenticate with a token (``koers create-api-token``); the UI's session works too."""

import io

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from .helpers import assert_problem


def create_token(*args: str) -> str:
    out = io.StringIO()
    call_command("create-api-token", *args, stdout=out)
    return out.getvalue().strip()


def test_the_command_prints_a_token_that_opens_the_api(tenants):
    key = create_token(tenants.a.consultant.username)
    assert Token.objects.get(user=tenants.a.consultant).key == key
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/personen").status_code == 200


def test_the_command_keeps_the_token_unless_asked_to_rotate_it(tenants):
    first = create_token(tenants.a.consultant.username)
    assert create_token(tenants.a.consultant.username) == first
    rotated = create_token(tenants.a.consultant.username, "--rotate")
    assert rotated != first
    assert not Token.objects.filter(key=first).exists()


def test_the_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="Geen actieve gebruiker"):
        create_token("niemand")


def test_without_a_token_the_api_answers_401_as_a_problem(db):
    response = APIClient().get("/api/v1/personen")
    body = assert_problem(response, 401)
    assert body["title"] == "Niet aangemeld"
    assert response["WWW-Authenticate"] == "Token"


def test_an_invalid_token_answers_401_as_a_problem(tenants):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    assert_problem(client.get("/api/v1/personen"), 401)


def test_the_session_of_a_logged_in_user_also_works(tenants):
    client = APIClient()
    client.force_login(tenants.a.consultant)
    assert client.get(f"/api/v1/personen/{tenants.a.person.pk}").status_code == 200
