"""A consultant opens the "Inburgering" tab, records an offer that breaks DUO's conditions (sees DUO's
Dutch message in the error summary, nothing saved), corrects it, and finds it on the tab."""

import pytest
from playwright.sync_api import Page, expect

from koers.inburgering.models import Inburgeringsaanbod
from tests.factories import TEST_PASSWORD
from tests.inburgering.route_factories import InstellingFactory, route_ready

from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_a_consultant_records_an_offer_after_duos_conditions(tenants, page: Page):
    person = tenants.a.person
    route_ready(person)
    InstellingFactory(naam="Taalschool De Brug", instellingsnummer="0000012345")
    log_in(page, tenants.a.consultant.username, TEST_PASSWORD)
    page.goto(f"/personen/{person.pk}/")
    page.get_by_role("link", name="Inburgering", exact=True).click()
    expect(page.get_by_role("heading", name="Inburgeringstermijn")).to_be_visible()
    page.get_by_role("link", name="Inburgeringsaanbod vastleggen").click()

    page.get_by_label("Instelling").select_option(label="Taalschool De Brug (0000012345)")
    page.get_by_label("Datum inburgeringsaanbod").fill("01-08-2025")
    page.get_by_role("button", name="Opslaan").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("ligt vóór de dagtekening van het actuele PIP (15 augustus 2025)")
    assert not Inburgeringsaanbod.objects.exists()
    screenshot(page, "route-offer-refused")

    page.get_by_label("Datum inburgeringsaanbod").fill("01-09-2025")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Inburgeringsaanbod", exact=True)).to_be_visible()
    expect(page.get_by_text("Klaar om naar DUO te sturen")).to_be_visible()
    screenshot(page, "route-tab")
