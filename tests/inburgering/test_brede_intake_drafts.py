import datetime as dt

from koers.access.constants import DataCategory
from koers.audit.models import Action, AuditEntry
from koers.inburgering.brede_intake import IntakeData, save_intake
from koers.inburgering.constants import IntakeStatus
from koers.inburgering.models import BredeIntake
from koers.people.models import TimelineEvent

from .screens import logged_in as client_for


def url(person) -> str:
    return f"/personen/{person.pk}/plan/brede-intake/"


DRAFT = {
    "action": "opslaan",
    "conversation_date": "20-11-2026",
    "conversation_language": "ti",
    "interpreter": "on",
    "werk__beroepen": "Kapper in Asmara",
    "praktisch__kinderopvang": "ja",
    "gezondheid__psychisch": "Slaapt slecht",
}


def test_a_saved_draft_is_resumed_with_its_answers(tenants):
    person = tenants.a.person
    client = client_for(tenants.a.consultant)
    response = client.post(url(person), DRAFT)
    assert response.status_code == 302 and response["Location"] == url(person)
    intake = BredeIntake.objects.get(person=person)
    assert intake.status == IntakeStatus.CONCEPT
    assert intake.answers == {
        "werk": {"beroepen": "Kapper in Asmara"},
        "praktisch": {"kinderopvang": "ja"},
        "gezondheid": {"psychisch": "Slaapt slecht"},
    }
    page = client.get(url(person)).content.decode()
    assert "Kapper in Asmara" in page
    assert 'value="20-11-2026"' in page
    assert 'value="ja" id="id_praktisch__kinderopvang_0" checked' in page
    client.post(url(person), {**DRAFT, "werk__beroepen": "Kapper en barbier"})
    assert BredeIntake.objects.count() == 1
    intake.refresh_from_db()
    assert intake.answers["werk"] == {"beroepen": "Kapper en barbier"}
    assert not TimelineEvent.objects.filter(person=person, title="Brede intake afgerond").exists()


def test_completing_needs_the_date_and_the_summary_and_says_so_in_dutch(tenants):
    person = tenants.a.person
    client = client_for(tenants.a.consultant)
    response = client.post(url(person), {**DRAFT, "action": "afronden", "conversation_date": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Er zijn 2 fouten gevonden" in page
    assert "Vul de datum van het gesprek in om de brede intake af te ronden." in page
    assert "Schrijf een samenvatting voor het PIP om de brede intake af te ronden." in page
    assert not BredeIntake.objects.exists()


def test_a_conversation_in_the_future_cannot_complete_the_intake(tenants):
    person = tenants.a.person
    response = client_for(tenants.a.consultant).post(
        url(person), {**DRAFT, "action": "afronden", "conversation_date": "26-11-2026", "summary": "Klaar"}
    )
    assert "De datum van het gesprek kan niet in de toekomst liggen." in response.content.decode()
    assert not BredeIntake.objects.exists()


def test_completing_puts_the_intake_on_the_timeline_and_its_summary_on_the_plan(tenants):
    person = tenants.a.person
    client = client_for(tenants.a.consultant)
    client.post(url(person), DRAFT)
    response = client.post(
        url(person), {**DRAFT, "action": "afronden", "summary": "B1 haalbaar; kinderopvang nodig."}
    )
    assert response["Location"] == f"/personen/{person.pk}/plan/"
    intake = BredeIntake.objects.get(person=person)
    assert intake.status == IntakeStatus.AFGEROND and intake.completed_at is not None
    event = TimelineEvent.objects.get(person=person, title="Brede intake afgerond")
    assert event.category == DataCategory.EDUCATION_WORK
    assert event.body == "Gesprek op 20-11-2026, met tolk"
    assert "B1 haalbaar; kinderopvang nodig." in client.get(f"/personen/{person.pk}/plan/").content.decode()
    # A new visit starts a fresh intake rather than reopening the completed one.
    assert "Kapper in Asmara" not in client.get(url(person)).content.decode()


def test_saving_logs_the_categories_of_the_answers(tenants):
    person = tenants.a.person
    client_for(tenants.a.consultant).post(url(person), DRAFT)
    entry = AuditEntry.objects.get(action=Action.CREATE)
    assert entry.categories == "gezondheid,opleiding_werk"


def test_answers_of_domains_the_form_did_not_show_are_kept(tenants):
    person = tenants.a.person
    data = IntakeData(dt.date(2026, 11, 20), "ar", False, {"gezondheid": {"lichamelijk": "Rugklachten"}}, "")
    save_intake(actor=tenants.a.consultant, person=person, data=data, complete=False, purpose="Test")
    without_health = IntakeData(dt.date(2026, 11, 20), "ar", False, {"werk": {"beroepen": "Bakker"}}, "")
    intake = save_intake(
        actor=tenants.a.consultant, person=person, data=without_health, complete=False, purpose="Test"
    )
    assert intake.answers == {"gezondheid": {"lichamelijk": "Rugklachten"}, "werk": {"beroepen": "Bakker"}}


def test_a_choice_outside_the_options_is_refused_and_nothing_is_stored(tenants):
    person = tenants.a.person
    response = client_for(tenants.a.consultant).post(url(person), {**DRAFT, "taal__nederlands": "C2"})
    assert response.status_code == 200
    assert "Er is 1 fout gevonden" in response.content.decode()
    assert not BredeIntake.objects.exists()
