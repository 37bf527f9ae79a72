"""The consultant records advances and bridging loans and their settlements on the Ontzorgen tab: Dutch
amounts and dates, clear refusals that store nothing; the MB worker only reads; another municipality
never reaches them."""

import datetime as dt
import re
from collections import Counter
from decimal import Decimal

import pytest

from koers.audit.models import AuditEntry, Channel, Outcome
from koers.lib.changes import ChangeContext
from koers.ontzorgen.advances import grant_advance
from koers.ontzorgen.constants import AdvanceKind, SettlementKind
from koers.ontzorgen.models import Advance, Settlement

from .factories import ArrangementFactory


def url(person, tail=""):
    return f"/personen/{person.pk}/ontzorgen/{tail}"


def advance_form(**changes) -> dict:
    return {"kind": AdvanceKind.ADVANCE, "reason": "Zorgtoeslag nog niet ontvangen", "amount": "400,00",
            "paid_on": "10-09-2026", "settle_by": "10-12-2026", "instalment": ""} | changes


def granted(tenant, arrangement) -> Advance:
    return grant_advance(arrangement=arrangement, by=ChangeContext(tenant.consultant, "test", Channel.UI), data={
        "kind": AdvanceKind.ADVANCE, "reason": "Zorgtoeslag", "amount": Decimal("400.00"),
        "paid_on": dt.date(2026, 9, 10), "settle_by": dt.date(2026, 12, 10), "instalment": None})


def test_the_consultant_records_an_advance_and_its_settlement(tenants, client_as, arrangement):
    client = client_as(tenants.a.consultant)
    assert client.post(url(tenants.a.person, "voorschotten/"), advance_form()).status_code == 302
    advance = Advance.objects.get()
    assert (advance.amount, advance.paid_on, advance.created_by) == (
        Decimal("400.00"), dt.date(2026, 9, 10), tenants.a.consultant)
    response = client.post(url(tenants.a.person, "voorschotten/verrekenen/"), {
        "advance": advance.pk, "on": "20-11-2026", "amount": "150,00", "kind": SettlementKind.ALLOWANCE, "note": ""})
    assert response.status_code == 302
    page = client.get(url(tenants.a.person)).content.decode()
    assert 'data-open="250.00"' in page and "Verrekend met de ontvangen toeslag" in page


@pytest.mark.parametrize(("changes", "message"), [
    ({"kind": AdvanceKind.BRIDGING_LOAN}, "Geef het bedrag dat elke maand wordt afgelost."),
    ({"amount": "veel"}, "Voer een getal in."),
    ({"paid_on": "31-02-2026"}, "Vul een bestaande datum in"),
    ({"settle_by": "01-09-2026"}, "De datum van verrekenen ligt na de datum van uitbetalen."),
])
def test_an_impossible_advance_shows_a_dutch_error_and_stores_nothing(tenants, client_as, arrangement, changes,
                                                                       message):
    response = client_as(tenants.a.consultant).post(url(tenants.a.person, "voorschotten/"), advance_form(**changes))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "error-summary" in page
    assert not Advance.objects.exists()


def test_settling_too_much_or_another_households_advance_is_refused(tenants, client_as, arrangement):
    advance = granted(tenants.a, arrangement)
    other = granted(tenants.a, ArrangementFactory(household=tenants.a.other_person.household))
    client = client_as(tenants.a.consultant)
    data = {"advance": advance.pk, "on": "20-11-2026", "amount": "400,01", "kind": SettlementKind.ALLOWANCE}
    response = client.post(url(tenants.a.person, "voorschotten/verrekenen/"), data)
    assert response.status_code == 400 and "Er staat nog € 400,00 open" in response.content.decode()
    response = client.post(url(tenants.a.person, "voorschotten/verrekenen/"), data | {"advance": other.pk,
                                                                                      "amount": "1,00"})
    assert response.status_code == 400
    assert not Settlement.objects.exists()


def test_the_mb_worker_reads_the_advances_but_cannot_record_them(tenants, client_as, arrangement):
    granted(tenants.a, arrangement)
    client = client_as(tenants.a.mb_worker)
    page = client.get(url(tenants.a.person)).content.decode()
    assert "Voorschot op toeslagen" in page and "Voorschot vastleggen" not in page
    assert client.post(url(tenants.a.person, "voorschotten/"), advance_form()).status_code == 403
    assert Advance.objects.count() == 1


def test_another_municipality_never_reaches_the_advances(tenants, client_as, arrangement):
    advance = granted(tenants.a, arrangement)
    client = client_as(tenants.b.consultant)
    assert client.post(url(tenants.a.person, "voorschotten/"), advance_form()).status_code == 404
    assert client.post(url(tenants.a.person, "voorschotten/verrekenen/"), {
        "advance": advance.pk, "on": "20-11-2026", "amount": "1,00", "kind": SettlementKind.ALLOWANCE}).status_code == 404
    assert AuditEntry.objects.filter(user_id=tenants.b.consultant.pk, outcome=Outcome.REFUSED,
                                     person_id=tenants.a.person.pk).count() == 2
    assert Advance.objects.count() == 1 and not Settlement.objects.exists()


def test_every_label_on_the_page_points_at_its_own_input(tenants, client_as, arrangement):
    granted(tenants.a, arrangement)
    page = client_as(tenants.a.consultant).get(url(tenants.a.person)).content.decode()
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [name for name, count in ids.items() if count > 1] == []
    assert all(ids[target] == 1 for target in re.findall(r'<label[^>]*\sfor="([^"]+)"', page))
