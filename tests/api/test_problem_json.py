"""Every API error is problem+json (RFC 9457) in Dutch; other paths keep Django's HTML pages."""

import json

from django.test import RequestFactory

from koers.lib.problem import handler404, handler500

from .helpers import PROBLEM_JSON, assert_problem


def test_an_unknown_api_url_is_a_problem_with_the_api_version(client):
    response = client.get("/api/v1/bestaat-niet")
    body = assert_problem(response, 404)
    assert body["title"] == "Niet gevonden"
    assert body["type"] == "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5"
    assert response["API-Version"] == "1.0.0"


def test_an_unknown_url_outside_the_api_stays_an_html_page(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "API-Version" not in response


def test_a_server_error_in_the_api_is_a_problem_and_elsewhere_a_page():
    factory = RequestFactory()
    response = handler500(factory.get("/api/v1/personen"))
    assert (response.status_code, response["Content-Type"]) == (500, PROBLEM_JSON)
    body = json.loads(response.content)
    assert (body["title"], body["instance"]) == ("Interne fout", "/api/v1/personen")
    assert handler500(factory.get("/personen/"))["Content-Type"].startswith("text/html")
    assert handler404(factory.get("/personen/x"), None)["Content-Type"].startswith("text/html")


def test_malformed_json_is_a_bad_request_problem(tenants, api_as):
    response = api_as(tenants.a.consultant).generic(
        "POST", "/api/v1/personen", "{niet: json", content_type="application/json"
    )
    body = assert_problem(response, 400)
    assert body["detail"] == "De invoer is geen geldige JSON."
    assert "invalidParams" not in body


def test_asking_for_another_format_than_json_is_not_acceptable(tenants, api_as):
    response = api_as(tenants.a.consultant).get("/api/v1/personen", HTTP_ACCEPT="text/html")
    assert_problem(response, 406)


def test_a_problem_names_the_request_path_as_instance_without_the_query(tenants, api_as):
    response = api_as(tenants.a.consultant).get("/api/v1/personen", {"page": 99})
    body = assert_problem(response, 404)
    assert body["instance"] == "/api/v1/personen"
    assert body["detail"] == "Ongeldige pagina."


def test_successful_api_responses_carry_the_api_version(tenants, api_as):
    response = api_as(tenants.a.consultant).get("/api/v1/personen")
    assert (response.status_code, response["API-Version"]) == (200, "1.0.0")
