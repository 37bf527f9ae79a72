"""A consultant sets up financieel ontzorgen with two fixed costs, runs the month and downloads the
pain.001, whose control sum is the sum of the two costs."""

from decimal import Decimal

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

    page.goto("/ontzorgen/betaalrondes/")
    page.get_by_label("Maand").fill("2026-12")
    page.get_by_role("button", name="Betaalronde aanmaken").click()
    expect(page.get_by_text("er is geen nieuwe gemaakt en niets dubbel betaald")).to_be_visible()
