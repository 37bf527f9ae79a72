"""In a real browser, under the Content-Security-Policy: the forced set-up of two-step verification,
the login with a code, and htmx at work on the caseload, without a single CSP violation."""

import re

import pyotp
import pytest
from playwright.sync_api import Page, expect

from koers.lib import clock
from koers.security.models import TotpDevice
from tests.factories import TEST_PASSWORD
from tests.security.factories import code_for, enrolled

from .conftest import screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def violations(page: Page) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda message: found.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return found


@pytest.fixture(autouse=True)
def two_factor_for_all_roles(settings):
    settings.KOERS_TWO_FACTOR_ROLES = "all"


def password_step(page: Page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()


def test_a_consultant_sets_up_two_step_verification_on_the_first_login(tenants, page: Page, violations):
    password_step(page, tenants.a.consultant.username)
    expect(page.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()
    expect(page.locator(".security-qr svg")).to_be_visible()
    secret = page.locator("[data-totp-secret]").inner_text().replace(" ", "")
    assert secret == TotpDevice.objects.get(user=tenants.a.consultant).secret
    screenshot(page, "security-enrol")
    page.get_by_label("Code uit de app").fill(pyotp.TOTP(secret).at(clock.now()))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", name="Je herstelcodes")).to_be_visible()
    expect(page.locator(".security-codes li")).to_have_count(10)
    page.get_by_role("link", name="Ik heb ze bewaard, ga verder").click()
    expect(page.get_by_role("heading", name="Mijn caseload")).to_be_visible()
    assert violations == []


def test_a_consultant_logs_in_with_a_code_and_htmx_filters_the_caseload(tenants, page: Page, violations):
    enrolled(tenants.a.consultant)
    password_step(page, tenants.a.consultant.username)
    expect(page.get_by_role("heading", name="Code invoeren")).to_be_visible()
    page.get_by_label("Code").fill(code_for())
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("heading", name="Mijn caseload")).to_be_visible()
    assert page.evaluate("typeof htmx") == "object"
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    page.get_by_role("searchbox", name="Zoeken").fill(tenants.a.person.family_name)
    expect(page).to_have_url(re.compile(r"[?&]q="))
    expect(page.locator("#caseload-results tbody tr").first).to_contain_text(tenants.a.person.family_name)
    assert violations == []


def test_a_wrong_code_is_refused_with_a_clear_message(tenants, page: Page):
    enrolled(tenants.a.consultant)
    password_step(page, tenants.a.consultant.username)
    wrong = "000000" if code_for() != "000000" else "111111"
    page.get_by_label("Code").fill(wrong)
    page.get_by_role("button", name="Controleren").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze code klopt niet of is al gebruikt.")
