"""A group session in the browser: the MB worker plans an information meeting covering two VL items of
the checklist, invites two people, registers that one came; that person's checklist shows the two
items ticked off, the other's leaves them open."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from koers.lib import clock
from koers.people.constants import AssignmentRole, Phase
from tests.access.factories import ConsentFactory
from tests.begeleiding.factories import trajectory_in
from tests.factories import TEST_PASSWORD, AssignmentFactory

from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser

COVERED = ("Uitleg wonen en huishouden", "Uitleg zorg en gezondheid")


def test_attendance_at_a_group_session_ticks_the_checklist_of_who_came(tenants, page: Page):
    tenant = tenants.a
    came, stayed_away = tenant.person, tenant.other_person
    # Both are supported by the MB organisation and agreed to share with it (tenant.person already in
    # the tenants fixture).
    AssignmentFactory(person=stayed_away, organisation=tenant.mb_organisation, role=AssignmentRole.MB_BEGELEIDING)
    ConsentFactory(person=stayed_away, organisations=[tenant.mb_organisation])
    for person in (came, stayed_away):
        trajectory_in(Phase.OPSTARTFASE, person, tenant.mb_worker)

    log_in(page, tenant.mb_worker.username, TEST_PASSWORD)
    page.get_by_role("link", name="Bijeenkomsten").click()
    page.get_by_role("link", name="Bijeenkomst plannen").click()
    page.get_by_label("Soort bijeenkomst").select_option(label="Voorlichtingsbijeenkomst")
    page.get_by_label("Titel").fill("Wonen en zorg in Nederland")
    page.get_by_label("Datum").fill("2026-11-25")
    page.get_by_label("Begintijd").fill("12:10")
    page.get_by_label("Plaats", exact=True).fill("Buurthuis De Linde")
    page.get_by_label("Voertaal", exact=True).select_option(["nl"])
    page.get_by_label("Tolken beschikbaar in").select_option(["ar"])
    page.get_by_label("Aantal plaatsen").fill("15")
    for label in COVERED:
        page.get_by_label(f"VL – {label}").check()
    page.get_by_role("button", name="Bijeenkomst plannen").click()
    expect(page.get_by_role("heading", level=1, name="Wonen en zorg in Nederland")).to_be_visible()

    for person in (came, stayed_away):
        page.get_by_label(person.full_name).check()
    page.get_by_role("button", name="Uitnodigen").click()
    expect(page.get_by_text("2 personen uitgenodigd.")).to_be_visible()
    screenshot(page, "mb-bijeenkomst-uitgenodigd")

    with clock.frozen(timezone.make_aware(dt.datetime(2026, 11, 25, 12, 11))):
        page.reload()
        page.get_by_label(came.full_name).check()
        page.get_by_role("button", name="Aanwezigheid opslaan").click()
        expect(page.get_by_text("De aanwezigheid is geregistreerd; 2 checklistpunten afgevinkt.")).to_be_visible()
        screenshot(page, "mb-bijeenkomst-aanwezigheid")

        page.goto(f"/personen/{came.pk}/begeleiding/checklist/")
        for label in COVERED:
            expect(page.locator("tr", has_text=label)).to_contain_text("Gedaan")
        expect(page.locator("tr", has_text="Uitleg werk en inkomen")).to_contain_text("Nog te doen")
        page.goto(f"/personen/{stayed_away.pk}/begeleiding/checklist/")
        for label in COVERED:
            expect(page.locator("tr", has_text=label)).to_contain_text("Nog te doen")
