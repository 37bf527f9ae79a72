"""A volunteer (maatje) in the browser: the MB worker matches them to a household after seeing why they
are suggested; the volunteer sees only that household, reports a concern; the MB worker sees it."""

import pytest
from playwright.sync_api import Page, expect

from tests.begeleiding.factories import volunteer_in
from tests.factories import TEST_PASSWORD

from .conftest import log_in, screenshot
from .mb_steps import handle_concern, match_volunteer, write_report

pytestmark = pytest.mark.browser


def test_a_volunteer_is_matched_reports_a_concern_and_the_worker_sees_it(tenants, page: Page):
    tenant = tenants.a
    person = tenant.person
    maatje = volunteer_in(tenant.mb_organisation)
    stranger = volunteer_in(tenant.mb_organisation)
    page_url = f"/personen/{person.pk}/begeleiding/maatje/"

    log_in(page, tenant.mb_worker.username, TEST_PASSWORD)
    page.goto(f"/personen/{person.pk}/begeleiding/")
    match_volunteer(page, maatje, "Spreekt dezelfde taal: Arabisch")
    screenshot(page, "mb-maatje-gekoppeld")
    page.get_by_role("button", name="Afmelden").click()

    log_in(page, maatje.user.username, TEST_PASSWORD)
    page.get_by_role("link", name="Mijn maatjes").click()
    expect(page.get_by_role("link", name=person.full_name)).to_be_visible()
    expect(page.get_by_role("link", name=tenant.other_person.full_name)).to_have_count(0)
    write_report(page, person, "Samen naar het gemeentehuis geweest.", "Er liggen veel ongeopende brieven.")
    assert page.goto(f"/personen/{tenant.other_person.pk}/begeleiding/maatje/").status == 404
    page.goto("/personen/")
    page.get_by_role("button", name="Afmelden").click()

    log_in(page, stranger.user.username, TEST_PASSWORD)
    assert page.goto(page_url).status == 404
    page.goto("/personen/")
    page.get_by_role("button", name="Afmelden").click()

    log_in(page, tenant.mb_worker.username, TEST_PASSWORD)
    handle_concern(page, person, "Er liggen veel ongeopende brieven.")
    screenshot(page, "mb-maatje-zorg-afgehandeld")
