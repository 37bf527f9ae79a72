"""Ontzorgen is FINANCE: only who may see a dossier's finances sees it, only the municipality's own
consultants and functional administrators reach its payment runs, and every refusal is logged."""

import pytest

from koers.access.constants import Role
from koers.audit.models import Action, AuditEntry, Channel, Outcome
from koers.lib.changes import ChangeContext
from koers.ontzorgen.runs import prepare_run

from .factories import WithheldItemFactory


def url(person, tail=""):
    return f"/personen/{person.pk}/ontzorgen/{tail}"


@pytest.fixture
def run(tenants, arrangement):
    WithheldItemFactory(arrangement=arrangement)
    return prepare_run(
        municipality=tenants.a.municipality,
        month=arrangement.start.replace(month=12),
        by=ChangeContext(tenants.a.consultant, "test", Channel.UI),
    ).run


@pytest.mark.parametrize("role", [Role.VRIJWILLIGER, Role.TAALAANBIEDER, Role.TEAM_LEAD, Role.POLICY_ANALYST])
def test_roles_without_finance_never_see_the_arrangement(tenants, client_as, arrangement, role):
    client = client_as(tenants.a.user(role))
    assert client.get(url(tenants.a.person)).status_code == 404
    assert "/ontzorgen/" not in client.get(f"/personen/{tenants.a.person.pk}/").content.decode()
    assert AuditEntry.objects.filter(user_id=tenants.a.user(role).pk, outcome=Outcome.REFUSED).exists()


def test_the_mb_worker_sees_the_arrangement_but_cannot_change_it(tenants, client_as, arrangement):
    client = client_as(tenants.a.mb_worker)
    page = client.get(url(tenants.a.person)).content.decode()
    assert "Financieel ontzorgen" in page and "Vaste last toevoegen" not in page
    assert client.post(url(tenants.a.person, "verlengen/"), {"months": "2", "reason": "x"}).status_code == 403
    assert not arrangement.extensions.exists()


def test_another_municipality_cannot_see_or_change_the_arrangement(tenants, client_as, arrangement):
    client = client_as(tenants.b.consultant)
    assert client.get(url(tenants.a.person)).status_code == 404
    assert client.post(url(tenants.a.person, "verlengen/"), {"months": "2", "reason": "x"}).status_code == 404
    assert not arrangement.extensions.exists()
    refused = AuditEntry.objects.filter(user_id=tenants.b.consultant.pk, outcome=Outcome.REFUSED)
    assert refused.filter(person_id=tenants.a.person.pk).count() == 2


def test_an_item_of_another_household_is_not_found(tenants, client_as, arrangement):
    from .factories import ArrangementFactory

    other = WithheldItemFactory(arrangement=ArrangementFactory(household=tenants.a.other_person.household))
    response = client_as(tenants.a.consultant).post(
        url(tenants.a.person, f"vaste-lasten/{other.pk}/beeindigen/"), {"valid_until": "31-12-2026"}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.valid_until is None


@pytest.mark.parametrize("role", [Role.CONSULTANT, Role.FUNCTIONAL_ADMIN])
def test_consultant_and_functional_admin_download_the_files_and_each_download_is_logged(
    tenants, client_as, run, role
):
    client = client_as(tenants.a.user(role))
    response = client.get(f"/ontzorgen/betaalrondes/{run.pk}/pain001.xml")
    assert response.status_code == 200 and response.content == bytes(run.pain_xml)
    assert response["Content-Disposition"] == f'attachment; filename="{run.message_id}.xml"'
    assert (
        client.get(f"/ontzorgen/betaalrondes/{run.pk}/uitkeringsadministratie.csv").content.decode()
        == run.csv
    )
    exports = AuditEntry.objects.filter(user_id=tenants.a.user(role).pk, action=Action.EXPORT)
    assert exports.count() == 2
    assert set(exports.values_list("person_id", flat=True)) == {tenants.a.person.pk}
    assert "bsn" in exports.get(detail__startswith="CSV").categories


@pytest.mark.parametrize(
    "role", [Role.MB_BEGELEIDER, Role.VRIJWILLIGER, Role.TAALAANBIEDER, Role.TEAM_LEAD, Role.POLICY_ANALYST]
)
def test_other_roles_get_no_payment_runs(tenants, client_as, run, role):
    client = client_as(tenants.a.user(role))
    assert client.get("/ontzorgen/betaalrondes/").status_code == 403
    assert client.get(f"/ontzorgen/betaalrondes/{run.pk}/pain001.xml").status_code == 403
    assert "Betaalrondes" not in client.get("/personen/").content.decode()


@pytest.mark.parametrize("role", [Role.CONSULTANT, Role.FUNCTIONAL_ADMIN])
def test_another_municipality_never_downloads_the_files(tenants, client_as, run, role):
    client = client_as(tenants.b.user(role))
    for tail in ("", "pain001.xml", "uitkeringsadministratie.csv"):
        assert client.get(f"/ontzorgen/betaalrondes/{run.pk}/{tail}").status_code == 404
    assert client.post(f"/ontzorgen/betaalrondes/{run.pk}/verzonden/").status_code == 404
    assert run.__class__.objects.get(pk=run.pk).status == "aangemaakt"
    assert AuditEntry.objects.filter(user_id=tenants.b.user(role).pk, outcome=Outcome.REFUSED).count() == 4
    assert run.message_id not in client.get("/ontzorgen/betaalrondes/").content.decode()


def test_only_the_functional_admin_keeps_the_debtor_account(tenants, client_as):
    data = {
        "name": "Gemeente Aadorp",
        "iban": "NL91 ABNA 0417 1643 00",
        "bic": "",
        "execution_day": "3",
        "csv_includes_bsn": "on",
    }
    assert client_as(tenants.a.consultant).post("/ontzorgen/betaalrekening/", data).status_code == 403
    admin = client_as(tenants.a.admin)
    assert admin.post("/ontzorgen/betaalrekening/", data | {"iban": "NL00 0000"}).status_code == 400
    assert admin.post("/ontzorgen/betaalrekening/", data).status_code == 302
    account = tenants.a.municipality.ontzorgen_account
    assert (account.iban, account.execution_day) == ("NL91ABNA0417164300", 3)
    assert admin.get(f"/ontzorgen/betaalrekening/?gemeente={tenants.b.municipality.pk}").status_code == 404
