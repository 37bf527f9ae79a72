"""While the next dashboard is being counted (seconds over many municipalities), the form says so in a
live region; the page with the figures comes without it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.factories import TEST_PASSWORD

from .conftest import log_in

pytestmark = pytest.mark.browser

COUNTING = "De cijfers worden geteld. Over veel gemeenten kan dat enkele seconden duren."
HOLD_THE_NEXT_PAGE = """() => {
  window.holdSubmit = (event) => event.preventDefault();
  window.addEventListener("submit", window.holdSubmit);
}"""
LET_IT_GO = """() => window.removeEventListener("submit", window.holdSubmit)"""


def test_the_dashboard_says_it_is_counting_until_the_figures_arrive(tenants, page: Page):
    log_in(page, tenants.a.analyst.username, TEST_PASSWORD)
    page.goto("/monitoring/")
    form = page.locator("form.monitoring-filters")
    status = form.get_by_role("status")
    expect(status).to_have_text("")

    # Keep the browser on this page after the submit, as if the next one took long to count.
    page.evaluate(HOLD_THE_NEXT_PAGE)
    page.get_by_label("Geslacht").select_option(label="Vrouw")
    page.get_by_role("button", name="Toon cijfers").click()

    expect(status).to_have_text(COUNTING)
    expect(form).to_have_attribute("aria-busy", "true")

    page.evaluate(LET_IT_GO)
    page.get_by_role("button", name="Toon cijfers").click()
    page.wait_for_url("**gender=v**")
    expect(page.locator("form.monitoring-filters").get_by_role("status")).to_have_text("")
    expect(page.locator("form.monitoring-filters")).not_to_have_attribute("aria-busy", "true")
