"""The functional administrator searches the log of their own municipality and exports, for an
inzageverzoek, every read of one person's dossier (CSV and PDF)."""

import csv
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from koers.access.constants import Role
from koers.audit.log import record
from koers.audit.models import Action, AuditEntry, Channel, Outcome
from koers.lib import clock

from .entries import read, refused_attempt

pytestmark = pytest.mark.django_db

SEARCH = "/privacy/logboek/"


def test_the_admin_finds_the_entries_of_a_person(tenants, client_as):
    read(tenants.a.consultant, [tenants.a.person])
    read(tenants.a.consultant, [tenants.a.other_person])
    response = client_as(tenants.a.admin).get(SEARCH, {"person": tenants.a.person.pk})
    assert response.status_code == 200
    assert [e.person_id for e in response.context["page"]] == [tenants.a.person.pk]


def test_the_admin_filters_by_user_action_and_period(tenants, client_as):
    with clock.frozen(dt.date(2026, 10, 1)):
        read(tenants.a.consultant, [tenants.a.person])
    read(tenants.a.consultant, [tenants.a.person])
    read(tenants.a.mb_worker, [tenants.a.person])
    client = client_as(tenants.a.admin)
    found = client.get(
        SEARCH, {"user": tenants.a.consultant.username, "start": "2026-11-01", "action": "lezen"}
    )
    assert [(e.username, e.at.date()) for e in found.context["page"]] == [
        (tenants.a.consultant.username, dt.date(2026, 11, 25))
    ]


def test_the_search_never_shows_another_municipalitys_entries(tenants, client_as):
    read(tenants.b.consultant, [tenants.b.person])
    read(tenants.a.consultant, [tenants.a.person])
    page = client_as(tenants.a.admin).get(SEARCH).context["page"]
    assert {e.person_id for e in page} == {tenants.a.person.pk}


def test_a_refused_attempt_on_a_dossier_shows_to_both_municipalities(tenants, client_as):
    refused_attempt(tenants.b.consultant, tenants.a.person)
    for tenant in (tenants.a, tenants.b):
        page = client_as(tenant.admin).get(SEARCH, {"outcome": "geweigerd"}).context["page"]
        assert [e.person_id for e in page] == [tenants.a.person.pk]


def test_the_search_is_paginated(tenants, client_as):
    for _ in range(3):
        record(
            user=tenants.a.consultant,
            action=Action.LIST,
            persons=[tenants.a.person] * 20,
            purpose="x",
            channel=Channel.UI,
        )
    response = client_as(tenants.a.admin).get(SEARCH, {"page": 2})
    assert response.context["page"].number == 2 and len(response.context["page"]) == 10


def test_an_invalid_search_explains_itself(tenants, client_as):
    response = client_as(tenants.a.admin).get(SEARCH, {"start": "gisteren", "person": "abc"})
    assert response.status_code == 400 and "error-summary" in response.content.decode()


@pytest.mark.parametrize("role", [r for r in Role if r != Role.FUNCTIONAL_ADMIN])
def test_other_roles_may_not_search_the_log(tenants, client_as, role):
    assert client_as(tenants.a.user(role)).get(SEARCH).status_code == 403


def test_the_inzage_csv_lists_every_read_with_role_organisation_categories_and_purpose(tenants, client_as):
    read(tenants.a.consultant, [tenants.a.person])
    read(tenants.a.volunteer, [tenants.a.person], purpose="Maatje: dossier", categories=("identiteit",))
    read(tenants.a.consultant, [tenants.a.other_person])
    response = client_as(tenants.a.admin).get(f"/privacy/logboek/inzage/{tenants.a.person.pk}.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[0][:3] == ["Moment", "Medewerker", "Rol en organisatie"]
    assert [(r[1], r[2], r[4], r[5]) for r in rows[1:]] == [
        (
            tenants.a.consultant.username,
            f"Consulent inburgering ({tenants.a.team.name})",
            "Contactgegevens, Identiteit",
            "Scherm: dossier inzien",
        ),
        (
            tenants.a.volunteer.username,
            f"Vrijwilliger ({tenants.a.mb_organisation.name})",
            "Identiteit",
            "Maatje: dossier",
        ),
    ]
    export = AuditEntry.objects.get(action=Action.EXPORT)
    assert (export.user_id, export.person_id) == (tenants.a.admin.pk, tenants.a.person.pk)


def test_the_inzage_pdf_lists_the_reads(tenants, client_as):
    read(tenants.a.consultant, [tenants.a.person])
    response = client_as(tenants.a.admin).get(f"/privacy/logboek/inzage/{tenants.a.person.pk}.pdf")
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(response.content)).pages)
    assert tenants.a.consultant.username in text and "Scherm:dossierinzien" in text


def test_the_inzage_export_of_another_municipalitys_person_is_a_logged_404(tenants, client_as):
    response = client_as(tenants.b.admin).get(f"/privacy/logboek/inzage/{tenants.a.person.pk}.csv")
    assert response.status_code == 404
    entry = AuditEntry.objects.get()
    assert (entry.user_id, entry.person_id, entry.outcome) == (
        tenants.b.admin.pk,
        tenants.a.person.pk,
        Outcome.REFUSED,
    )
