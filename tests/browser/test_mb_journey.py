"""One household through maatschappelijke begeleiding, in the browser: from koppeling through the
regeldag, the start-up checklist, a support plan with two measurement moments, a volunteer match and
report, an extension, to the afronding with the handover PDF — as the MB worker; then what the
consultant and the volunteer see."""

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from koers.begeleiding.models import Trajectory, Volunteer, VolunteerReport
from koers.people.constants import Phase
from tests.factories import TEST_PASSWORD

from .conftest import log_in, screenshot
from .mb_steps import handle_concern, match_volunteer, write_report

pytestmark = pytest.mark.browser

SCORES_AT_3 = {"Wonen": 2, "Financiën en administratie": 2, "Jeugd en school": 3, "Sociaal netwerk": 2,
               "Maatschappelijke participatie": 1, "Zorg en gezondheid": 3}
SCORES_AT_8 = {"Wonen": 4, "Financiën en administratie": 3, "Jeugd en school": 4, "Sociaal netwerk": 3,
               "Maatschappelijke participatie": 3, "Zorg en gezondheid": 4}
SCORE_NAMES = {1: "Acute problematiek", 2: "Niet zelfredzaam", 3: "Beperkt zelfredzaam",
               4: "Voldoende zelfredzaam", 5: "Volledig zelfredzaam"}


def next_phase(page: Page, phase: str, on: str, reason: str = "") -> None:
    page.get_by_role("link", name="Naar de volgende fase").click()
    page.get_by_label("Naar fase").select_option(label=phase)
    page.get_by_label("Datum").fill(on)
    if reason:
        page.get_by_label("Reden of toelichting").fill(reason)
    page.get_by_role("button", name="Fase wijzigen").click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_be_visible()
    expect(page.locator(".details").first).to_contain_text(phase)


def measure(page: Page, moment: str, on: str, scores: dict[str, int]) -> None:
    page.get_by_role("link", name="Meetmoment vastleggen").click()
    page.get_by_label("Meetmoment").select_option(label=moment)
    page.get_by_label("Gemeten op").fill(on)
    for domain, score in scores.items():
        page.get_by_role("group", name=domain).get_by_label(f"{score} – {SCORE_NAMES[score]}").check()
    page.get_by_role("button", name="Scores opslaan").click()
    expect(page.get_by_text("De scores zijn vastgelegd.")).to_be_visible()


def note(page: Page, category: str, text: str) -> None:
    page.get_by_role("link", name="Notitie schrijven").click()
    page.get_by_label("Gegevenscategorie").select_option(label=category)
    page.get_by_label("Notitie", exact=True).fill(text)
    page.get_by_role("button", name="Notitie opslaan").click()
    expect(page.get_by_text(text)).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Afmelden").click()


def test_an_mb_worker_walks_a_household_from_koppeling_to_afronding(tenants, page: Page):
    tenant = tenants.a
    person = tenant.person
    tab = f"/personen/{person.pk}/begeleiding/"
    maatje = Volunteer.objects.create(user=tenant.volunteer, organisation=tenant.mb_organisation, languages=["ar"],
                                      postcode="9711AB", availability=["di-middag"], capacity=2)

    log_in(page, tenant.mb_worker.username, TEST_PASSWORD)
    page.goto(tab)
    page.get_by_role("link", name="Begeleidingstraject starten").click()
    page.get_by_label("Datum koppeling").fill("2025-11-03")
    page.get_by_role("button", name="Traject starten").click()
    expect(page.locator(".details").first).to_contain_text("Koppeling")

    # Illegal: afronding straight after the koppeling.
    page.get_by_role("link", name="Naar de volgende fase").click()
    page.get_by_label("Naar fase").evaluate(
        "select => { select.add(new Option('Afronding', 'afronding')); select.value = 'afronding'; }"
    )
    page.get_by_role("button", name="Fase wijzigen").click()
    expect(page.get_by_role("alert").first).to_contain_text("kan het traject niet naar Afronding")
    page.get_by_role("link", name="Annuleren").click()

    next_phase(page, "Woningtoewijzing", "2025-12-01")
    next_phase(page, "Regeldag", "2026-01-05")
    expect(page.locator(".details").first).to_contain_text("05-01-2027")  # Den Haag: 1 year from the regeldag

    page.get_by_role("link", name="Checklist openen").click()
    page.get_by_label("Status van Bankrekening openen").select_option(label="Gedaan")
    page.get_by_role("row", name="Bankrekening openen").get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("‘Bankrekening openen’ is bijgewerkt.")).to_be_visible()
    page.get_by_label("Status van Zorgverzekering afsluiten").select_option(label="Gedaan")
    page.get_by_role("row", name="Zorgverzekering afsluiten").get_by_role("button", name="Opslaan").click()
    expect(page.locator("#item-" + str(Trajectory.objects.get(person=person).checklist.get(
        key="bankrekening-openen").pk))).to_contain_text(tenant.mb_worker.get_full_name())
    expect(page.locator(".page-heading__lead")).to_contain_text("2 van")
    page.get_by_role("link", name="Terug naar de begeleiding").click()

    next_phase(page, "Opstartfase MB", "2026-01-07")
    page.get_by_role("link", name="Afspraak plannen").click()
    page.get_by_label("Datum").fill("2026-01-14")
    page.get_by_label("Tijd").fill("10:00")
    page.get_by_label("Onderwerp").fill("Eerste huisbezoek")
    page.get_by_label("Tolk nodig in de taal").select_option(label="Tigrinya")
    page.get_by_role("button", name="Afspraak plannen").click()
    page.get_by_role("link", name="Gepland").click()
    page.get_by_label("Uitkomst").select_option(label="Verschenen")
    page.get_by_role("button", name="Uitkomst vastleggen").click()
    expect(page.locator("#mb-afspraken").locator("..")).to_contain_text("Verschenen")
    expect(page.locator("#mb-afspraken").locator("..")).to_contain_text("Tigrinya")

    note(page, "Notities", "Gezin is goed gesetteld; wil graag vrijwilligerswerk.")
    note(page, "Gezondheid", "Huisarts verwijst naar fysiotherapie.")
    note(page, "Contactgegevens", "Liefst bellen na 16 uur.")

    page.get_by_role("link", name="Plan en meetmomenten openen").click()
    page.get_by_role("link", name="Doel toevoegen").click()
    page.get_by_label("Leefgebied").select_option(label="Maatschappelijke participatie")
    page.get_by_label("Doel", exact=True).fill("Vrijwilligerswerk bij de voedselbank")
    page.get_by_label("Acties").fill("Kennismaking plannen met de coördinator")
    page.get_by_label("Wie doet het").fill("Vrijwilliger en deelnemer")
    page.get_by_role("button", name="Doel toevoegen").click()
    expect(page.get_by_text("Vrijwilligerswerk bij de voedselbank")).to_be_visible()
    page.get_by_role("link", name="Terug naar de begeleiding").click()
    next_phase(page, "Verdere begeleiding", "2026-03-02")

    page.get_by_role("link", name="Plan en meetmomenten openen").click()
    measure(page, "na 3 maanden", "2026-04-07", SCORES_AT_3)
    measure(page, "na 8 maanden", "2026-09-07", SCORES_AT_8)
    chart = page.locator("figure.mb-chart > svg")
    expect(chart).to_have_count(1)
    expect(chart.locator("polyline")).to_have_count(6)
    table = page.locator("#mb-scores")
    expect(table.get_by_role("row", name="Maatschappelijke participatie")).to_contain_text("1")
    expect(table.get_by_role("row", name="Maatschappelijke participatie")).to_contain_text("3")
    screenshot(page, "mb-plan")
    page.get_by_role("link", name="Terug naar de begeleiding").click()

    match_volunteer(page, maatje, "Spreekt dezelfde taal: Arabisch")
    page.goto(tab)

    page.get_by_role("link", name="Verlenging aanvragen").click()
    page.get_by_label("Waarom is verlenging nodig?").fill("Participatie komt pas op gang; nog geen werk.")
    page.get_by_role("button", name="Verlenging aanvragen").click()
    expect(page.locator("#mb-verlenging").locator("..")).to_contain_text("Aangevraagd")
    expect(page.get_by_role("link", name="Besluiten")).to_have_count(0)
    log_out(page)

    log_in(page, tenant.volunteer.username, TEST_PASSWORD)
    write_report(page, person, "Samen de huurtoeslag aangevraagd.", "De kinderen missen vaak school.")
    log_out(page)

    log_in(page, tenant.consultant.username, TEST_PASSWORD)
    page.goto(tab)
    page.get_by_role("link", name="Besluiten").click()
    page.get_by_label("Goedkeuren").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator(".details").first).to_contain_text("05-07-2027")  # + 6 months
    log_out(page)

    log_in(page, tenant.mb_worker.username, TEST_PASSWORD)
    handle_concern(page, person, "De kinderen missen vaak school.")
    assert VolunteerReport.objects.get(person=person).handled_by == tenant.mb_worker
    page.goto(tab)
    next_phase(page, "Afronding", "2026-11-16")
    page.get_by_role("link", name="Afronding en overdracht").click()
    page.get_by_label("Datum eindgesprek").fill("2026-11-23")
    page.get_by_label("Samenvatting voor de consulent").fill("Redt zich goed met wonen en geld; participatie groeit.")
    page.get_by_label("Warme overdracht aan (sociaal domein)").fill("Sociaal wijkteam Centrum")
    page.get_by_label("Toestemming van de persoon").select_option(label="Toestemming gegeven")
    page.get_by_role("button", name="Overdracht opslaan").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Overdrachtsdocument downloaden (PDF)").click()
    text = "".join(p.extract_text() for p in PdfReader(download.value.path()).pages)
    assert person.full_name in text
    assert "Sociaal wijkteam Centrum" in text
    assert "Toestemming gegeven" in text
    next_phase(page, "Afgesloten", "2026-11-25")
    person.refresh_from_db()
    assert person.phase == Phase.AFGESLOTEN
    screenshot(page, "mb-afgesloten")
    log_out(page)

    log_in(page, tenant.consultant.username, TEST_PASSWORD)
    page.goto(tab)
    expect(page.get_by_role("link", name="Overdrachtsdocument downloaden (PDF)")).to_be_visible()
    for text in ("Huisarts verwijst naar fysiotherapie.", "Gezin is goed gesetteld", "Liefst bellen na 16 uur."):
        expect(page.get_by_text(text)).to_be_visible()
    log_out(page)

    log_in(page, tenant.volunteer.username, TEST_PASSWORD)
    page.goto(tab)
    expect(page.locator(".details").first).to_contain_text("Afgesloten")
    expect(page.get_by_text("Liefst bellen na 16 uur.")).to_be_visible()
    content = page.content()
    for hidden in ("fysiotherapie", "Gezin is goed gesetteld", "Checklist opstartfase", "Overdrachtsdocument",
                   "Verlenging", person.bsn):
        assert hidden not in content
    page.goto(tab + "maatje/")
    expect(page.get_by_text("Samen de huurtoeslag aangevraagd.")).to_be_visible()
    expect(page.get_by_text("De kinderen missen vaak school.")).to_have_count(0)
    screenshot(page, "mb-volunteer")
    assert page.goto(tab + "checklist/").status == 403
    assert page.goto(tab + "overdracht.pdf").status == 403
