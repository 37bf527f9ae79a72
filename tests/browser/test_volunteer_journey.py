import pytest
from playwright.sync_api import Page, expect

from tests.factories import TEST_PASSWORD

from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_a_volunteer_sees_no_bsn_and_cannot_open_a_person_not_assigned_to_them(tenants, page: Page):
    tenant = tenants.a
    log_in(page, tenant.volunteer.username, TEST_PASSWORD)
    rows = page.locator("#caseload-results tbody tr")
    expect(rows).to_have_count(1)
    assert tenant.person.bsn not in page.content()
    expect(page.get_by_role("columnheader", name="BSN")).to_have_count(0)

    page.get_by_role("link", name=tenant.person.full_name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tenant.person.full_name)
    assert tenant.person.bsn not in page.content()
    expect(page.get_by_text("BSN", exact=True)).to_have_count(0)
    screenshot(page, "dossier-volunteer")

    response = page.goto(f"/personen/{tenant.other_person.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()
    assert tenant.other_person.full_name not in page.content()
