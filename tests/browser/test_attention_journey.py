"""The attention list in the browser: a consultant sees their signals most urgent first, resolves one and
snoozes another, each with a reason, and finds who did it and why in the dossier; the team lead sees the
team's list per consultant and narrows it to what is overdue."""

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from koers.inburgering.constants import Doelgroepindeling
from koers.lib import clock
from koers.people.constants import EventKind
from koers.signals.engine import recompute
from tests.factories import TEST_PASSWORD, PersonFactory, TimelineEventFactory
from tests.inburgering.route_factories import CurrentPipFactory, PlichtFactory

from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def two_persons_with_deadlines(tenant):
    amina = tenant.person
    amina.given_names, amina.family_name = "Amina", "Haddad"
    amina.save()
    PlichtFactory(person=amina, leerroute_term_start=dt.date(2026, 9, 1), termijn_start=None, termijn_end=None)
    yonas = PersonFactory(municipality=tenant.municipality, consultant=tenant.consultant, given_names="Yonas",
                          family_name="Tesfay")
    PlichtFactory(person=yonas, doelgroep=Doelgroepindeling.GEZINSMIGRANT_EN_OVERIGE_MIGRANT)
    CurrentPipFactory(person=yonas, dagtekening=dt.date(2026, 11, 20))
    rania = tenant.other_person
    rania.given_names, rania.family_name = "Rania", "Saleh"
    rania.save()
    PlichtFactory(person=rania, leerroute_term_start=dt.date(2026, 8, 3), termijn_start=None, termijn_end=None)
    for person in (amina, yonas, rania):
        TimelineEventFactory(person=person, kind=EventKind.NOTE, occurred_at=clock.now() - dt.timedelta(days=1))
    recompute()
    return amina, yonas


def test_a_consultant_resolves_and_snoozes_signals_with_a_reason(tenants, page: Page):
    tenant = tenants.a
    amina, yonas = two_persons_with_deadlines(tenant)
    log_in(page, tenant.consultant.username, TEST_PASSWORD)
    page.get_by_role("link", name="Aandacht", exact=True).click()
    expect(page.get_by_role("heading", name="Aandacht", exact=True)).to_be_visible()

    rows = page.locator("table.signal-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Amina Haddad")
    expect(rows.nth(0)).to_contain_text("Leerroute vaststellen (10 weken)")
    expect(rows.nth(0)).to_contain_text("te laat")
    expect(rows.nth(1)).to_contain_text("Yonas Tesfay")
    expect(rows.nth(1)).to_contain_text("Bezwaartermijn PIP loopt")
    screenshot(page, "attention-list")

    first = rows.nth(0)
    first.get_by_text("Afhandelen of uitstellen").click()
    first.get_by_label("Reden van afhandelen").fill("DUO gebeld: de termijn start opnieuw na verhuizing")
    first.get_by_role("button", name="Afhandelen", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Afgehandeld")).to_contain_text(
        "Afgehandeld: Leerroute vaststellen (10 weken) van Amina Haddad."
    )

    second = page.locator("tr", has_text="Yonas Tesfay")
    second.get_by_text("Afhandelen of uitstellen").click()
    second.get_by_label("Uitstellen tot").fill("2026-12-07")
    second.get_by_label("Reden van uitstel").fill("Wacht op de ondertekening van het PIP")
    second.get_by_role("button", name="Uitstellen").click()
    expect(page.get_by_role("status").filter(has_text="Uitgesteld")).to_contain_text("Uitgesteld tot 07-12-2026")

    page.reload()
    expect(page.get_by_text("Geen signalen: er vraagt nu niets om aandacht.")).to_be_visible()

    page.goto(f"/aandacht/dossier/{amina.pk}/")
    history = page.locator("section", has=page.get_by_role("heading", name="Eerdere signalen"))
    expect(history).to_contain_text("DUO gebeld: de termijn start opnieuw na verhuizing")
    expect(history).to_contain_text(tenant.consultant.get_full_name())
    screenshot(page, "attention-dossier-history")


def test_the_team_lead_sees_the_teams_list_per_consultant_and_what_is_overdue(tenants, page: Page):
    tenant = tenants.a
    two_persons_with_deadlines(tenant)
    log_in(page, tenant.team_lead.username, TEST_PASSWORD)
    page.get_by_role("link", name="Aandacht team").click()

    groups = page.locator("h3.signal-group")
    expect(groups).to_have_count(2)
    expect(groups.nth(0)).to_have_text("Zonder consulent")
    expect(page.locator("table.signal-table tbody tr")).to_have_count(3)
    page.get_by_label("Uiterste datum").select_option(label="Te laat")
    expect(page.locator("table.signal-table tbody tr")).to_have_count(2)
    expect(page.get_by_role("status").first).to_contain_text("2 signalen")
    screenshot(page, "attention-team")
