"""The Ontzorgen tab of a dossier: setting up an arrangement with its items, extensions and plan."""

import datetime as dt
from decimal import Decimal

from koers.access.constants import DataCategory
from koers.audit.models import Action, AuditEntry
from koers.ontzorgen.constants import ItemKind
from koers.ontzorgen.models import Arrangement, WithheldItem
from koers.people.models import TimelineEvent

from .factories import WithheldItemFactory, iban_number


def url(person, tail=""):
    return f"/personen/{person.pk}/ontzorgen/{tail}"


def item_data(**overrides):
    data = {
        "kind": ItemKind.RENT,
        "payee_name": "Woonstichting De Linie",
        "payee_iban": "NL91 ABNA 0417 1643 00",
        "amount": "612,35",
        "reference": "HUUR-1234",
        "valid_from": "01-09-2026",
    }
    return data | overrides


def test_a_consultant_starts_ontzorgen_for_the_household(tenants, client_as):
    person = tenants.a.person
    response = client_as(tenants.a.consultant).post(url(person), {"start": "15-01-2026"})
    assert response.status_code == 302
    arrangement = Arrangement.objects.get(household=person.household)
    assert arrangement.start == dt.date(2026, 1, 15)
    assert arrangement.last_day == dt.date(2026, 7, 14)
    event = TimelineEvent.objects.get(person=person, title="Financieel ontzorgen gestart")
    assert event.category == DataCategory.FINANCE


def test_the_page_shows_the_arrangement_and_its_items(tenants, client_as, arrangement):
    WithheldItemFactory(
        arrangement=arrangement, payee_name="Woonstichting De Linie", amount=Decimal("612.35")
    )
    content = client_as(tenants.a.consultant).get(url(tenants.a.person)).content.decode()
    for text in ("Woonstichting De Linie", "612,35", "01-09-2026", "28-02-2027", "Loopt"):
        assert text in content
    assert AuditEntry.objects.filter(
        person_id=tenants.a.person.pk, action=Action.READ, categories="bsn,financien,identiteit"
    ).exists()


def test_a_consultant_adds_an_item_with_a_dutch_amount_and_a_spaced_iban(tenants, client_as, arrangement):
    response = client_as(tenants.a.consultant).post(url(tenants.a.person, "vaste-lasten/"), item_data())
    assert response.status_code == 302
    item = WithheldItem.objects.get(arrangement=arrangement)
    assert (item.payee_iban, item.amount) == ("NL91ABNA0417164300", Decimal("612.35"))
    assert TimelineEvent.objects.filter(person=tenants.a.person, title="Vaste last ingehouden: Huur").exists()


def test_it_refuses_an_invalid_iban(tenants, client_as, arrangement):
    response = client_as(tenants.a.consultant).post(
        url(tenants.a.person, "vaste-lasten/"), item_data(payee_iban="NL92 ABNA 0417 1643 00")
    )
    assert response.status_code == 400
    assert "Dit is geen geldig IBAN" in response.content.decode()
    assert not WithheldItem.objects.exists()
    assert not TimelineEvent.objects.filter(title__startswith="Vaste last").exists()


def test_it_refuses_an_item_starting_outside_the_arrangement(tenants, client_as, arrangement):
    response = client_as(tenants.a.consultant).post(
        url(tenants.a.person, "vaste-lasten/"), item_data(valid_from="01-03-2027")
    )
    assert response.status_code == 400
    assert "binnen het arrangement" in response.content.decode()
    assert not WithheldItem.objects.exists()


def test_it_refuses_a_nonsense_amount_and_date_without_crashing(tenants, client_as, arrangement):
    response = client_as(tenants.a.consultant).post(
        url(tenants.a.person, "vaste-lasten/"), item_data(amount="-5", valid_from="31-02-2026")
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Vul een bestaande datum in" in content
    assert "Er zijn 2 fouten gevonden" in content


def test_an_extension_moves_the_end_and_lands_on_the_timeline(tenants, client_as, arrangement):
    response = client_as(tenants.a.consultant).post(
        url(tenants.a.person, "verlengen/"), {"months": "3", "reason": "Toeslagen nog niet ontvangen"}
    )
    assert response.status_code == 302
    arrangement.refresh_from_db()
    assert arrangement.last_day == dt.date(2027, 5, 31)
    assert TimelineEvent.objects.filter(
        person=tenants.a.person, title="Financieel ontzorgen verlengd met 3 maanden"
    ).exists()


def test_ending_an_item_and_marking_a_self_payment_step_done_stop_the_withholding(
    tenants, client_as, arrangement
):
    energy = WithheldItemFactory(arrangement=arrangement, kind=ItemKind.ENERGY, payee_iban=iban_number(7))
    rent = WithheldItemFactory(arrangement=arrangement)
    client = client_as(tenants.a.consultant)
    client.post(
        url(tenants.a.person, "afbouwplan/"),
        {
            "kind": "zelf_betalen",
            "description": "Energie zelf betalen",
            "due_date": "01-01-2027",
            "item": energy.pk,
        },
    )
    step = arrangement.steps.get()
    assert (
        client.post(url(tenants.a.person, f"afbouwplan/{step.pk}/"), {"status": "gedaan"}).status_code == 302
    )
    energy.refresh_from_db()
    assert energy.valid_until == dt.date(2026, 12, 31)
    assert (
        client.post(
            url(tenants.a.person, f"vaste-lasten/{rent.pk}/beeindigen/"), {"valid_until": "31-01-2027"}
        ).status_code
        == 302
    )
    rent.refresh_from_db()
    assert rent.valid_until == dt.date(2027, 1, 31)
