"""The "Participatie en werk" tab in the browser: a consultant records a Z-route learner's work goal,
informal participation against the norm, a childcare barrier that then waits on the attention list,
and the scheme they explained; solving the barrier takes it off the list."""

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from koers.inburgering.constants import Leerroute
from tests.factories import TEST_PASSWORD
from tests.inburgering.route_factories import CurrentPipFactory, PlichtFactory

from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser


def test_a_consultant_records_participation_and_a_barrier_that_comes_on_the_attention_list(tenants, page: Page):
    tenant = tenants.a
    person = tenant.person
    person.given_names, person.family_name = "Merhawit", "Gebremedhin"
    person.save()
    PlichtFactory(person=person, termijn_start=dt.date(2025, 11, 25), termijn_end=dt.date(2028, 11, 25))
    CurrentPipFactory(person=person, leerroute=Leerroute.Z_ROUTE, dagtekening=dt.date(2025, 11, 25))
    log_in(page, tenant.consultant.username, TEST_PASSWORD)
    page.goto(f"/personen/{person.pk}/")
    page.get_by_role("link", name="Participatie en werk").click()
    expect(page.get_by_role("heading", name="Uren tegen de norm van de Z-route")).to_be_visible()

    page.get_by_role("link", name="Werkdoel vastleggen").click()
    page.get_by_label("Welk werk wil de inburgeraar doen?").fill("Kok in een restaurant")
    page.get_by_label("Eerste baan binnen bereik").fill("Afwasser in de keuken van het verpleeghuis")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Afwasser in de keuken van het verpleeghuis")).to_be_visible()

    page.get_by_role("link", name="Participatie vastleggen").click()
    page.get_by_label("Informeel (buurt, school van de kinderen, vereniging, mantelzorg)").check()
    page.get_by_label("Periode vanaf").fill("01-11-2026")
    page.get_by_label("Periode tot en met").fill("21-11-2026")
    page.get_by_label("Uren", exact=True).fill("9")
    page.get_by_label("Wat en waar").fill("Ouderochtend op de school van haar zoon")
    page.get_by_label("Kleine successen").fill("Voor het eerst iets gevraagd aan de juf")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("formeel 0, informeel 9")).to_be_visible()
    expect(page.get_by_text("Voor het eerst iets gevraagd aan de juf")).to_be_visible()

    page.get_by_role("link", name="Belemmering vastleggen").click()
    page.get_by_label("Wachtlijst kinderopvang").check()
    page.get_by_label("Wat speelt er?").fill("Geen plek voor de jongste; mist daardoor de ochtendles")
    page.get_by_label("Speelt sinds").fill("01-09-2026")
    page.get_by_label("Opvolgen op").fill("25-11-2026")
    page.get_by_role("button", name="Opslaan").click()

    page.get_by_role("link", name="Voorlichting vastleggen").click()
    page.get_by_label("Regeling", exact=True).select_option(label="Kinderopvangtoeslag")
    page.get_by_label("In een gesprek").check()
    page.get_by_label("Taal (niet verplicht)").select_option(label="Tigrinya")
    page.get_by_label("Met tolk").check()
    page.get_by_label("Wil aanvragen, hulp nodig").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Regelingen besproken")).to_be_visible()
    expect(page.get_by_text("Kinderopvangtoeslag")).to_be_visible()
    screenshot(page, "participatie-en-werk")

    page.get_by_role("link", name="Aandacht", exact=True).click()
    row = page.locator("tr", has_text="Merhawit Gebremedhin").filter(has_text="Belemmering opvolgen")
    expect(row).to_contain_text("Wachtlijst kinderopvang")

    page.goto(f"/personen/{person.pk}/participatie/")
    page.get_by_role("link", name=re.compile(r"Actie vastleggen\W+Wachtlijst kinderopvang")).click()
    page.get_by_label("Wat is er gedaan?").fill("Plek bij de gastouder in de buurt geregeld")
    page.get_by_label("De belemmering is hiermee opgelost").check()
    page.get_by_role("button", name="Opslaan").click()
    barriers = page.locator("section", has=page.get_by_role("heading", name="Belemmeringen"))
    expect(barriers).to_contain_text("Opgelost")
    expect(barriers).to_contain_text("Plek bij de gastouder in de buurt geregeld")

    page.get_by_role("link", name="Aandacht", exact=True).click()
    expect(page.locator("tr", has_text="Belemmering opvolgen")).to_have_count(0)
