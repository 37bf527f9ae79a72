"""Qualitative monitoring in the browser: a consultant plans a round and an interview with an
interpreter, records the answer per topic coded by theme with the newcomer's consent, and turns it
into a follow-up action that lands in the dossier; the policy analyst reads the anonymised thematic
report, where small counts read x and no name or phone number appears."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from koers.kwalitatief.defaults import NEWCOMER_TOPICS
from tests.factories import TEST_PASSWORD

from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser
QUESTION = NEWCOMER_TOPICS[0][1]
ANSWER = "Ik weet niet wie mijn contactpersoon is. Bel me op 06-12345678."


def test_an_interview_becomes_a_coded_answer_a_follow_up_and_an_anonymous_report(tenants, page: Page):
    tenant = tenants.a
    person = tenant.person

    log_in(page, tenant.consultant.username, TEST_PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Gesprekken").click()
    page.get_by_label("Naam van de ronde").fill("Monitoring najaar 2026")
    page.get_by_label("Begint op").fill("01-11-2026")
    page.get_by_label("Eindigt op").fill("31-12-2026")
    page.get_by_role("button", name="Ronde aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Monitoring najaar 2026")

    page.get_by_role("link", name="Gesprek plannen").click()
    page.get_by_label("Topiclijst").select_option(label="Gesprekspunten inburgeraars")
    page.get_by_label("Vorm").select_option(label="Individueel gesprek")
    page.get_by_label("Datum").fill("20-11-2026")
    page.get_by_label("Taal van het gesprek").select_option(label="Nederlands")
    page.get_by_label("Tolk nodig in de taal").select_option(label="Arabisch")
    page.get_by_label("Deelnemers (Koers-nummers)").fill(str(person.pk))
    page.get_by_role("button", name="Gesprek plannen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gesprek van 20-11-2026")

    page.get_by_label("Gehouden op").fill("20-11-2026")
    page.get_by_role("textbox", name=QUESTION).fill(ANSWER)
    page.get_by_role("group", name=f"Thema's bij: {QUESTION}").get_by_label(
        "Contactpersoon onbekend of gewisseld"
    ).check()
    page.get_by_label(f"{person.full_name} geeft toestemming voor vervolgacties in het dossier").check()
    page.get_by_role("button", name="Verslag opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("Het gesprek is vastgelegd.")

    page.get_by_role("link", name=f"Vervolgactie voor {person.full_name}").click()
    page.get_by_label("Actie").fill("Uitleggen wie de contactpersoon is")
    page.get_by_label("Eigenaar").select_option(label=tenant.consultant.get_full_name())
    page.get_by_label("Uiterlijk").fill("09-12-2026")
    page.get_by_role("button", name="Actie toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text("De vervolgactie staat in het dossier.")

    page.goto(f"/personen/{person.pk}/gesprekken")
    expect(page.get_by_text("Uitleggen wie de contactpersoon is").first).to_be_visible()
    screenshot(page, "kwalitatief-vervolgactie-in-dossier")
    page.get_by_role("button", name="Afmelden").click()

    log_in(page, tenant.analyst.username, TEST_PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Gesprekken").click()
    row = page.get_by_role("row", name="Monitoring najaar 2026")
    row.get_by_role("link", name="Thematisch verslag").click()
    themes = page.get_by_role("table", name="Hoe vaak een thema in de antwoorden voorkwam")
    expect(themes.get_by_role("row", name="Contactpersoon onbekend of gewisseld")).to_contain_text("x")
    expect(page.get_by_text("Bel me op [nummer].")).to_be_visible()
    content = page.content()
    assert "06-12345678" not in content and person.family_name not in content and person.bsn not in content
    screenshot(page, "kwalitatief-thematisch-verslag")
