import io

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.factories import TEST_PASSWORD
from tests.inburgering.factories import InburgeringsplichtFactory

from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_a_consultant_goes_from_brede_intake_to_a_revised_pip_and_its_letter(tenants, page: Page):
    tenant = tenants.a
    person = tenant.person
    person.given_names, person.family_name = "Amina", "Haddad"
    person.save()
    InburgeringsplichtFactory(person=person)
    log_in(page, tenant.consultant.username, TEST_PASSWORD)
    page.goto(f"/personen/{person.pk}/")
    page.get_by_role("link", name="Brede intake en PIP").click()
    expect(page.get_by_role("heading", name="Actueel PIP")).to_be_visible()

    # Brede intake: a first conversation saved as a concept.
    page.get_by_role("link", name="Brede intake starten").click()
    page.get_by_label("Datum gesprek").fill("18-11-2026")
    page.get_by_label("Taal van het gesprek").select_option("ar")
    page.get_by_label("Er was een tolk of cultureel mediator bij").check()
    page.get_by_label("Beroepen en werkervaring").fill("Verpleegkundige in Aleppo, 6 jaar")
    page.get_by_role("group", name="Kinderopvang nodig").get_by_label("Ja").check()
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text("Het concept van de brede intake is opgeslagen")

    # Later: resume the concept and complete it.
    page.get_by_role("link", name="Terug naar het overzicht").click()
    page.get_by_role("link", name="Brede intake hervatten").click()
    expect(page.get_by_label("Beroepen en werkervaring")).to_have_value("Verpleegkundige in Aleppo, 6 jaar")
    expect(page.get_by_role("group", name="Kinderopvang nodig").get_by_label("Ja")).to_be_checked()
    page.get_by_label("Wat wil de inburgeraar bereiken?").fill("Weer in de zorg werken")
    page.get_by_label("Samenvatting voor het PIP").fill(
        "B1 haalbaar; werkervaring in de zorg; kinderopvang regelen."
    )
    screenshot(page, "brede-intake")
    page.get_by_role("button", name="Brede intake afronden").click()
    expect(page.get_by_text("B1 haalbaar; werkervaring in de zorg; kinderopvang regelen.")).to_be_visible()

    # The first PIP: the B1-route.
    page.get_by_role("link", name="PIP opstellen").click()
    expect(page.get_by_label("Doelen")).to_have_value("Weer in de zorg werken")
    page.get_by_label("Dagtekening").fill("01-10-2026")
    page.get_by_label("B1-route", exact=True).check()
    page.get_by_label("Geschatte intensiteit B1-route (uren)").fill("600")
    page.get_by_label("Uitleg in eenvoudige taal").fill("U leert Nederlands op niveau B1.")
    page.get_by_role("button", name="PIP vaststellen").click()
    expect(page.get_by_role("heading", name="PIP versie 1")).to_be_visible()
    expect(page.get_by_role("status").first).to_contain_text("Bezwaar is mogelijk tot en met 12-11-2026")

    # Revised to the Z-route; DUO's rules first refuse the intensity that belongs to the B1-route.
    page.get_by_role("link", name="Terug naar het overzicht").click()
    page.get_by_role("link", name="PIP herzien").click()
    page.get_by_label("Dagtekening").fill("20-11-2026")
    page.get_by_label("Z-route", exact=True).check()
    page.get_by_label("Geen niveau opgeven").check()
    page.get_by_role("button", name="PIP vaststellen").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(
        "Een geschatte intensiteit kan alleen worden opgegeven bij de B1-route voor een asielmigrant."
    )
    screenshot(page, "pip-rules")
    page.get_by_label("Geschatte intensiteit B1-route (uren)").fill("")
    page.get_by_role("button", name="PIP vaststellen").click()
    expect(page.get_by_role("heading", name="PIP versie 2")).to_be_visible()

    # Both versions, the current one prominent, and the diff.
    page.get_by_role("link", name="Terug naar het overzicht").click()
    expect(page.get_by_text("Versie 2: Z-route")).to_be_visible()
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(1)).to_contain_text("Vervangen door een nieuwere versie")
    screenshot(page, "pip-overview")
    page.get_by_role("button", name="Vergelijk").click()
    diff = page.locator("table.plan-diff")
    leerroute = diff.get_by_role("row", name="Leerroute")
    expect(leerroute).to_contain_text("B1-route")
    expect(leerroute).to_contain_text("Z-route")
    expect(diff.get_by_role("row", name="Dagtekening")).to_contain_text("20 november 2026")
    screenshot(page, "pip-diff")

    # The letter of the current version.
    page.get_by_role("link", name="Terug naar het overzicht").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Brief downloaden (PDF)").click()
    download = info.value
    assert download.suggested_filename == "pip-versie-2-amina-haddad.pdf"
    content = download.path().read_bytes()
    assert content.startswith(b"%PDF-")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(content)).pages)
    assert "Amina Haddad" in text
    assert "Z-route" in text
