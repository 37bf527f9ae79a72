"""Small assertions shared by the API tests."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.audit.models import AuditEntry

PROBLEM_JSON = "application/problem+json"


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM_JSON
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["detail"] and body["type"]
    assert body["instance"] == response.wsgi_request.path
    return body


def invalid_names(body: dict) -> set[str]:
    return {param["name"] for param in body["invalidParams"]}


def audit_inserts(queries: CaptureQueriesContext) -> int:
    table = AuditEntry._meta.db_table
    # On PostgreSQL the INSERT may follow the chain head's UPDATE in one statement (WITH ... INSERT).
    return sum(1 for q in queries.captured_queries if f'INSERT INTO "{table}"' in q["sql"])


def count_queries(callable_) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        result = callable_()
    return len(queries), result


def centrumgemeente() -> tuple[list, object]:
    """Leidschendam-Voorburg's team serving Wassenaar and Voorschoten: the three municipalities and
    a consultant of the team."""
    from koers.access.constants import Role
    from tests.factories import MunicipalityFactory, OrganisationFactory, user_with_role

    served = [
        MunicipalityFactory(cbs_code="1916", name="Leidschendam-Voorburg"),
        MunicipalityFactory(cbs_code="0629", name="Wassenaar"),
        MunicipalityFactory(cbs_code="0626", name="Voorschoten"),
    ]
    team = OrganisationFactory(name="Team inburgering Leidschendam-Voorburg", municipality=served[0], serves=served)
    return served, user_with_role(Role.CONSULTANT, team)
