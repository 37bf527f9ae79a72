"""A consultant sets up financieel ontzorgen with two fixed costs and a bridging loan, sees that the
months without a payment run are late, runs the month and downloads the pain.001, whose control sum
is the sum of the two costs, and the CSV that withholds the loan's instalment; sending the run
settles the instalment."""

from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree
from playwright.sync_api import Page, expect

from tests.factories import TEST_PASSWORD
from tests.ontzorgen.factories import PaymentAccountFactory

from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}


def add_item(page: Page, kind: str, payee: str, iban: str, amount: str) -> None:
    form = page.locator("#nieuwe-last")
    form.get_by_label("Soort").select_option(label=kind)
    form.get_by_label("Naam begunstigde").fill(payee)
    form.get_by_label("IBAN begunstigde").fill(iban)
    form.get_by_label("Bedrag per maand").fill(amount)
    form.get_by_label("Vanaf").fill("01-09-2026")
    form.get_by_role("button", name="Vaste last toevoegen").click()
    expect(page.get_by_role("status").first).to_contain_text("De vaste last is toegevoegd.")


def test_a_consultant_sets_up_ontzorgen_runs_the_month_and_downloads_the_payment_file(tenants, page: Page):
    tenant = tenants.a
    PaymentAccountFactory(municipality=tenant.municipality, name="Gemeente Aadorp")
    log_in(page, tenant.consultant.username, TEST_PASSWORD)
    page.goto(f"/personen/{tenant.person.pk}/")
    page.get_by_role("navigation", name="Onderdelen van het dossier").get_by_role(
        "link", name="Ontzorgen"
    ).click()
    expect(page.get_by_role("heading", name="Nog geen arrangement")).to_be_visible()

    page.get_by_label("Datum eerste uitkeringsbetaling").fill("01-09-2026")
    page.get_by_role("button", name="Ontzorgen starten").click()
    expect(page.get_by_text("Financieel ontzorgen is gestart.")).to_be_visible()

    page.locator("#nieuwe-last").get_by_label("IBAN begunstigde").fill("NL92 ABNA 0417 1643 00")
    page.locator("#nieuwe-last").get_by_role("button", name="Vaste last toevoegen").click()
    expect(page.get_by_role("alert")).to_contain_text("Dit is geen geldig IBAN")

    add_item(page, "Huur", "Woonstichting Vlietland", "NL91 ABNA 0417 1643 00", "612,35")
    add_item(page, "Premie zorgverzekering", "Zorgverzekeraar Zuiderzee", "NL05 KOER 0123 4567 89", "148,90")
    expect(page.locator("#vaste-lasten ~ * tbody tr, #vaste-lasten + div tbody tr")).to_have_count(2)
    expect(page.locator("#te-laat")).to_contain_text("Geen betaalronde voor november 2026")

    loan = page.locator("#nieuw-voorschot")
    loan.get_by_label("Soort").select_option(label="Overbruggingslening")
    loan.get_by_label("Reden").fill("Huurtoeslag nog niet ontvangen")
    loan.get_by_label("Bedrag", exact=True).fill("300,00")
    loan.get_by_label("Uitbetaald op").fill("10-09-2026")
    loan.get_by_label("Verrekend uiterlijk").fill("10-06-2027")
    loan.get_by_role("button", name="Voorschot vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Geef het bedrag dat elke maand wordt afgelost.")
    page.locator("#nieuw-voorschot").get_by_label("Aflossing per maand").fill("100,00")
    page.locator("#nieuw-voorschot").get_by_role("button", name="Voorschot vastleggen").click()
    expect(page.get_by_role("status").first).to_contain_text("Het voorschot is vastgelegd.")
    expect(page.locator("[data-open]")).to_have_attribute("data-open", "300.00")
    screenshot(page, "ontzorgen-arrangement")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Betaalrondes").click()
    page.get_by_label("Maand").fill("2026-12")
    page.get_by_role("button", name="Betaalronde aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Betaalronde december 2026")
    expect(page.locator("[data-total]")).to_have_text("€ 761,25")
    screenshot(page, "ontzorgen-betaalronde")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Betaalbestand voor de bank (SEPA pain.001)").click()
    document = etree.parse(download_info.value.path())
    assert Decimal(document.xpath("string(//p:GrpHdr/p:CtrlSum)", namespaces=NS)) == Decimal("761.25")
    amounts = sorted(Decimal(a) for a in document.xpath("//p:InstdAmt/text()", namespaces=NS))
    assert amounts == [Decimal("148.90"), Decimal("612.35")]
    expect(page.locator("[data-repayments]")).to_have_text("€ 100,00")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Bestand voor de uitkeringsadministratie (CSV)").click()
    rows = Path(download_info.value.path()).read_text(encoding="utf-8").splitlines()
    assert [row.split(";")[4] for row in rows[1:]].count("aflossing") == 1
    page.get_by_role("button", name="Markeren als verzonden naar de bank").click()
    page.goto(f"/personen/{tenant.person.pk}/ontzorgen/")
    expect(page.locator("[data-open]")).to_have_attribute("data-open", "200.00")

    page.goto("/ontzorgen/betaalrondes/")
    page.get_by_label("Maand").fill("2026-12")
    page.get_by_role("button", name="Betaalronde aanmaken").click()
    expect(page.get_by_text("er is geen nieuwe gemaakt en niets dubbel betaald")).to_be_visible()
