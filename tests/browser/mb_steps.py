"""Steps of maatschappelijke begeleiding that several browser tests take: matching a volunteer from the
suggestions, the volunteer's report with a concern, and the MB worker handling that concern."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from koers.begeleiding.models import Volunteer
from koers.people.models import Person


def match_volunteer(page: Page, volunteer: Volunteer, reason: str) -> None:
    """On the dossier's begeleiding tab: open "Maatje en verslagen", see why ``volunteer`` is suggested
    and match them to the household."""
    page.get_by_role("link", name="Maatje en verslagen").click()
    suggestion = page.get_by_role("row", name=str(volunteer))
    expect(suggestion).to_contain_text(reason)
    suggestion.get_by_role("button", name="Koppelen").click()
    expect(page.get_by_text(f"{volunteer} is nu het maatje van dit huishouden.")).to_be_visible()


def write_report(page: Page, person: Person, text: str, concern: str) -> None:
    """As the logged-in volunteer: from "Mijn maatjes" to ``person``, a report with a concern."""
    page.get_by_role("link", name="Mijn maatjes").click()
    page.get_by_role("link", name=person.full_name).click()
    page.get_by_role("link", name="Verslag schrijven").click()
    page.get_by_label("Wat is er gebeurd?").fill(text)
    page.get_by_label("Ik maak me zorgen").check()
    page.get_by_label("Wat is uw zorg?").fill(concern)
    page.get_by_role("button", name="Verslag opslaan").click()
    expect(page.get_by_text(text)).to_be_visible()
    expect(page.get_by_text(concern)).to_have_count(0)


def handle_concern(page: Page, person: Person, concern: str) -> None:
    """As the MB worker: see the volunteer's concern on the person's "Maatje" page and handle it."""
    page.goto(f"/personen/{person.pk}/begeleiding/maatje/")
    expect(page.get_by_text(concern)).to_be_visible()
    page.get_by_role("button", name="Zorgmelding afgehandeld").click()
    expect(page.get_by_text("De zorgmelding is afgehandeld.")).to_be_visible()
