"""A volunteer (maatje) in the browser: the MB worker matches them to a household after seeing why they
are suggested; the volunteer sees only that household, reports a concern; the MB worker sees it."""

import pytest
from playwright.sync_api import Page, expect

from tests.begeleiding.factories import volunteer_in
from tests.factories import TEST_PASSWORD

from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_a_volunteer_is_matched_reports_a_concern_and_the_worker_sees_it(tenants, page: Page):
    tenant = tenants.a
    person = tenant.person
    maatje = volunteer_in(tenant.mb_organisation)
    stranger = volunteer_in(tenant.mb_organisation)
    page_url = f"/personen/{person.pk}/begeleiding/maatje/"

    log_in(page, tenant.mb_worker.username, TEST_PASSWORD)
    page.goto(f"/personen/{person.pk}/begeleiding/")
    page.get_by_role("link", name="Maatje en verslagen").click()
    row = page.get_by_role("row", name=str(maatje))
    expect(row).to_contain_text("Spreekt dezelfde taal: Arabisch")
    screenshot(page, "mb-maatje-suggesties")
    row.get_by_role("button", name="Koppelen").click()
    expect(page.get_by_text(f"{maatje} is nu het maatje van dit huishouden.")).to_be_visible()
    page.get_by_role("button", name="Afmelden").click()

    log_in(page, maatje.user.username, TEST_PASSWORD)
    page.get_by_role("link", name="Mijn maatjes").click()
    expect(page.get_by_role("link", name=person.full_name)).to_be_visible()
    expect(page.get_by_role("link", name=tenant.other_person.full_name)).to_have_count(0)
    page.get_by_role("link", name=person.full_name).click()
    page.get_by_role("link", name="Verslag schrijven").click()
    page.get_by_label("Wat is er gebeurd?").fill("Samen naar het gemeentehuis geweest.")
    page.get_by_label("Ik maak me zorgen").check()
    page.get_by_label("Wat is uw zorg?").fill("Er liggen veel ongeopende brieven.")
    page.get_by_role("button", name="Verslag opslaan").click()
    expect(page.get_by_text("Samen naar het gemeentehuis geweest.")).to_be_visible()
    expect(page.get_by_text("Er liggen veel ongeopende brieven.")).to_have_count(0)
    assert page.goto(f"/personen/{tenant.other_person.pk}/begeleiding/maatje/").status == 404
    page.goto("/personen/")
    page.get_by_role("button", name="Afmelden").click()

    log_in(page, stranger.user.username, TEST_PASSWORD)
    assert page.goto(page_url).status == 404
    page.goto("/personen/")
    page.get_by_role("button", name="Afmelden").click()

    log_in(page, tenant.mb_worker.username, TEST_PASSWORD)
    page.goto(page_url)
    expect(page.get_by_text("Er liggen veel ongeopende brieven.")).to_be_visible()
    screenshot(page, "mb-maatje-zorg")
    page.get_by_role("button", name="Zorgmelding afgehandeld").click()
    expect(page.get_by_text("De zorgmelding is afgehandeld.")).to_be_visible()
