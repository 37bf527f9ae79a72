import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from koers.access.constants import DataCategory
from koers.people.constants import EventKind, HouseholdRelation, Phase, TargetGroup
from koers.people.models import HouseholdMember
from tests.factories import TEST_PASSWORD, PersonFactory, TimelineEventFactory

from .conftest import log_in, screenshot

pytestmark = pytest.mark.browser

NAMES = [
    ("Yonas", "Tesfay", Phase.REGELDAG, TargetGroup.ASIEL),
    ("Leyla", "Yilmaz", Phase.OPSTARTFASE, TargetGroup.GEZIN),
    ("Farid", "Ahmadi", Phase.VERDERE_BEGELEIDING, TargetGroup.ASIEL),
    ("Oksana", "Kovalenko", Phase.HUISVESTING, TargetGroup.OVERIG),
    ("Merhawit", "Gebremedhin", Phase.AFRONDING, TargetGroup.ASIEL),
    ("Omar", "Nasser", Phase.KOPPELING, TargetGroup.ASIEL),
]


def a_busy_caseload(tenant) -> None:
    for given, family, phase, group in NAMES:
        PersonFactory(
            municipality=tenant.municipality,
            consultant=tenant.consultant,
            given_names=given,
            family_name=family,
            phase=phase,
            target_group=group,
        )
    names = {tenant.person: ("Amina", "Haddad"), tenant.other_person: ("Rania", "Saleh")}
    for person, (given, family) in names.items():
        person.given_names, person.family_name = given, family
        person.save()
    person = tenant.person
    HouseholdMember.objects.create(
        household=person.household,
        relation=HouseholdRelation.CHILD,
        given_names="Sara",
        family_name=person.family_name,
        date_of_birth=dt.date(2018, 4, 3),
    )
    events = [
        (
            dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC),
            EventKind.REGISTRATION,
            DataCategory.IDENTITY,
            "Gekoppeld aan de gemeente en geregistreerd in Koers",
        ),
        (
            dt.datetime(2026, 4, 14, 9, tzinfo=dt.UTC),
            EventKind.APPOINTMENT,
            DataCategory.CONTACT,
            "Regeldag: bankrekening, zorgverzekering en huisarts geregeld",
        ),
        (
            dt.datetime(2026, 5, 20, 13, tzinfo=dt.UTC),
            EventKind.NOTE,
            DataCategory.EDUCATION_WORK,
            "Brede intake: werkervaring als verpleegkundige",
        ),
    ]
    for moment, kind, category, title in events:
        TimelineEventFactory(
            person=person,
            occurred_at=moment,
            kind=kind,
            category=category,
            title=title,
            actor=tenant.consultant,
        )


def test_a_consultant_searches_a_person_and_reads_the_dossier_with_its_timeline(tenants, page: Page):
    tenant = tenants.a
    a_busy_caseload(tenant)
    log_in(page, tenant.consultant.username, TEST_PASSWORD)
    expect(page.get_by_role("heading", name="Mijn caseload")).to_be_visible()
    rows = page.locator("#caseload-results tbody tr")
    expect(rows).to_have_count(8)
    screenshot(page, "caseload")

    page.get_by_label("Fase").select_option(Phase.REGELDAG.value)
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Yonas Tesfay")
    page.get_by_label("Fase").select_option("")
    expect(rows).to_have_count(8)

    page.get_by_role("searchbox", name="Zoeken").fill("haddad")
    expect(rows).to_have_count(1)
    expect(page.get_by_role("status").first).to_contain_text("1 persoon gevonden")
    assert "q=haddad" in page.url
    # Names repeat across municipalities; the other municipality's dossier link and BSN never show.
    content = page.content()
    assert f'href="/personen/{tenants.b.person.pk}/"' not in content
    assert tenants.b.person.bsn not in content

    page.get_by_role("link", name=tenant.person.full_name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tenant.person.full_name)
    expect(page.get_by_text(tenant.person.bsn).first).to_be_visible()
    timeline = page.locator(".timeline__item")
    expect(timeline).to_have_count(3)
    expect(timeline.first).to_contain_text("Brede intake")
    expect(page.get_by_role("cell", name="03-04-2018")).to_be_visible()
    screenshot(page, "dossier")

    page.get_by_label("Soort").select_option(EventKind.APPOINTMENT.value)
    expect(timeline).to_have_count(1)
    expect(timeline.first).to_contain_text("Regeldag")


def test_the_keyboard_reaches_the_content_through_the_skip_link(tenants, page: Page):
    log_in(page, tenants.a.consultant.username, TEST_PASSWORD)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de inhoud")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_a_wrong_bsn_is_summarised_at_the_top_and_linked_to_its_field(tenants, page: Page):
    log_in(page, tenants.a.consultant.username, TEST_PASSWORD)
    page.get_by_role("link", name="Persoon registreren").click()
    page.get_by_label("BSN").fill("123456789")
    page.get_by_role("button", name="Nog een gezinslid toevoegen").click()
    expect(page.get_by_role("group", name="Gezinslid 3")).to_be_visible()
    page.get_by_role("button", name="Persoon registreren").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("moet voldoen aan de elfproef")
    screenshot(page, "register-errors")
    summary.get_by_role("link", name="BSN:").click()
    expect(page.get_by_label("BSN")).to_be_focused()
