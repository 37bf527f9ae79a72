"""A NUL character cannot be stored by PostgreSQL; Koers refuses it at the door with a 400."""

import pytest

from koers.people.models import Person
from tests.api.conftest import token_client


def test_the_api_refuses_a_nul_inside_json_with_problem_json_and_stores_nothing(tenants):
    before = Person.objects.count()
    response = token_client(tenants.a.consultant).post(
        "/api/v1/personen", {"municipality": "00\x0001", "familyName": "A\x00"}, format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "NUL" in response.json()["detail"]
    assert Person.objects.count() == before


def test_the_api_refuses_a_nul_in_a_query_parameter(tenants):
    response = token_client(tenants.a.consultant).get("/api/v1/personen", {"search": "Had\x00dad"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("path", ["/personen/", "/accounts/login/"])
def test_screens_refuse_a_nul_in_a_query_or_form(tenants, client, path):
    client.force_login(tenants.a.consultant)
    assert client.get(path, {"q": "\x00"}).status_code == 400
    assert client.post(path, {"username": "\x00"}).status_code == 400
