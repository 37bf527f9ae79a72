"""A newcomer logs in to the portal in Arabic with a code sent by SMS, on a phone-sized screen, and
sees a right-to-left page with their next appointment."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from tests.portaal.factories import PHONE, appointment_for, last_code, trajectory_for, with_address

from .conftest import screenshot

pytestmark = pytest.mark.browser


def test_a_newcomer_logs_in_in_arabic_and_sees_the_next_appointment_right_to_left(tenants, page: Page):
    person = with_address(tenants.a.person)
    trajectory = trajectory_for(person, tenants.a.mb_worker)
    appointment_for(trajectory, tenants.a.mb_worker, dt.date(2026, 12, 1), subject="Huisbezoek opstartfase")
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto("/portaal/inloggen/")
    page.get_by_role("button", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("تسجيل الدخول")

    page.get_by_label("رقم هاتفك أو بريدك الإلكتروني").fill(PHONE)
    page.get_by_role("button", name="أرسل لي رمزًا").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("أدخل الرمز")
    page.get_by_label("الرمز", exact=True).fill(last_code())
    page.get_by_role("button", name="تسجيل الدخول").click()

    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    card = page.get_by_role("region", name="موعدك القادم")
    expect(card).to_contain_text("Huisbezoek opstartfase")
    expect(card).to_contain_text("10:00")
    # The card's accent border is at the start of the line: on the right in Arabic.
    assert card.evaluate("el => getComputedStyle(el).borderRightWidth") == "4px"
    assert card.evaluate("el => getComputedStyle(el).borderLeftWidth") == "1px"
    # Mobile first: nothing sticks out sideways on a phone, and the menu's links are large targets.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    heights = page.locator(".portal-nav__link").evaluate_all("els => els.map(el => el.offsetHeight)")
    assert heights and min(heights) >= 44, heights
    screenshot(page, "portaal-arabisch-volgende-afspraak")
