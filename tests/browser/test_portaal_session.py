"""On a phone, a newcomer types a question, is called away, and sends it after the portal logged
them out (15 idle minutes, like DigiD): they log in again, land on the same page with their text, and
send it. Then they see that their consultant changed and give consent themselves."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from koers.access.constants import Role
from koers.lib import clock
from koers.portaal.models import Question
from tests.factories import user_with_role
from tests.portaal.factories import PHONE, last_code, with_address

from .conftest import screenshot

pytestmark = pytest.mark.browser
QUESTION = "Wanneer krijg ik geld voor de kinderopvang?"


def log_in(page: Page) -> None:
    page.get_by_label("Uw telefoonnummer of e-mailadres").fill(PHONE)
    page.get_by_role("button", name="Stuur mij een code").click()
    page.get_by_label("Code", exact=True).fill(last_code())
    page.get_by_role("button", name="Inloggen").click()


def menu(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Menu").get_by_role("link", name=name, exact=True).click()


def test_a_question_survives_the_timeout_and_a_new_consultant_is_announced(tenants, page: Page):
    person = with_address(tenants.a.person)
    person.languages = ["nl"]
    person.save()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/portaal/inloggen/")
    log_in(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")

    menu(page, "Vraag stellen")
    page.get_by_label("Uw vraag").fill(QUESTION)
    clock.set_now(timezone.localtime(clock.now()) + dt.timedelta(minutes=20))
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    expect(page.get_by_role("status").first).to_contain_text("U was een tijd niet actief.")
    assert not Question.objects.exists()

    log_in(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Een vraag stellen")
    expect(page.get_by_label("Uw vraag")).to_have_value(QUESTION)
    screenshot(page, "portaal-vraag-na-time-out")
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag verstuurd")
    assert Question.objects.get(person=person).text == QUESTION

    successor = user_with_role(Role.CONSULTANT, tenants.a.team)
    person.consultant = successor
    person.save()
    menu(page, "Start")
    expect(page.get_by_role("status")).to_contain_text(
        f"Uw consulent inburgering is veranderd. Het is nu: {successor.get_full_name()}."
    )
    page.get_by_role("link", name="Zien wie mij helpt").first.click()
    consultant = page.get_by_role("region", name="Uw consulent inburgering")
    expect(consultant).to_contain_text(successor.get_full_name())

    menu(page, "Toestemming")
    page.get_by_role("region", name="uw nieuwe gemeente als u verhuist").get_by_role(
        "link", name="Toestemming geven"
    ).click()
    page.get_by_label("Ik geef deze toestemming").check()
    page.get_by_role("button", name="Toestemming geven").click()
    expect(page.get_by_role("status")).to_contain_text("U heeft uw toestemming gegeven.")
    given = page.get_by_role("region", name="Overdracht aan de nieuwe gemeente na een verhuizing")
    expect(given).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot(page, "portaal-toestemming-gegeven")
