"""The OpenAPI document is published at a stable URL, documents errors and filters, and validates."""

import pytest
import yaml
from django.core.management import call_command

OPERATIONS = {"get", "post", "patch", "put", "delete"}


@pytest.fixture
def document(db, client) -> dict:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def operations(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in OPERATIONS:
                yield path, method, operation


def test_the_document_is_public_in_yaml_and_json_and_says_the_same(db, client, document):
    response = client.get("/api/v1/openapi.yaml")
    assert response.status_code == 200
    assert yaml.safe_load(response.content) == document
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == "1.0.0"


def test_it_describes_the_dutch_resources_without_trailing_slashes(document):
    assert set(document["paths"]) == {
        "/api/v1/personen",
        "/api/v1/personen/{id}",
        "/api/v1/personen/{id}/tijdlijn",
        "/api/v1/huishoudens",
        "/api/v1/huishoudens/{id}",
        "/api/v1/urenregistraties",
        "/api/v1/kengetallen",
        "/api/v1/kengetallen/{code}",
    }


def test_every_operation_documents_problem_json_errors_and_the_version_header(document):
    for path, method, operation in operations(document):
        responses = operation["responses"]
        for code in ("401", "403", "404", "500"):
            assert "application/problem+json" in responses[code]["content"], (path, method, code)
        for response in responses.values():
            assert response["headers"]["API-Version"]["required"] is True


def test_validation_errors_are_documented_with_invalid_params(document):
    for path, method in (("/api/v1/personen", "post"), ("/api/v1/personen/{id}", "patch")):
        content = document["paths"][path][method]["responses"]["400"]["content"]
        assert content["application/problem+json"]["schema"]["$ref"] == "#/components/schemas/ValidationProblem"
    problem = document["components"]["schemas"]["ValidationProblem"]
    assert {"type", "title", "status", "detail", "instance", "invalidParams"} <= set(problem["properties"])


def test_the_filters_are_documented_in_camel_case(document):
    names = {p["name"] for p in document["paths"]["/api/v1/personen"]["get"]["parameters"]}
    assert {"search", "bsn", "dateOfBirth", "phase", "targetGroup", "consultant", "municipality"} <= names
    timeline = {p["name"] for p in document["paths"]["/api/v1/personen/{id}/tijdlijn"]["get"]["parameters"]}
    assert {"kind", "category", "id"} <= timeline


def test_fields_of_data_categories_are_documented_as_optional(document):
    person = document["components"]["schemas"]["Person"]
    assert "bsn" in person["properties"] and "bsn" not in person["required"]
    assert {"id", "url"} <= set(person["required"])


def test_the_schema_validates_without_warnings(db, tmp_path):
    target = tmp_path / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert "/api/v1/personen" in target.read_text()


def test_the_documentation_page_loads_everything_from_koers_itself(db, client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "/api/v1/openapi.json" in page
    assert "cdn" not in page and "https://" not in page
    assert client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js").status_code == 200
