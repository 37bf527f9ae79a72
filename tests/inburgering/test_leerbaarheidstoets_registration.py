from koers.access.constants import DataCategory
from koers.inburgering.models import Leerbaarheidstoets
from koers.people.models import TimelineEvent

from .screens import logged_in as client_for


def url(person) -> str:
    return f"/personen/{person.pk}/plan/leerbaarheidstoets/"


def test_a_registered_test_shows_on_the_plan_and_the_timeline(tenants):
    person = tenants.a.person
    client = client_for(tenants.a.consultant)
    response = client.post(
        url(person),
        {
            "taken_on": "18-11-2026",
            "instrument": "Leerbaarheidstoets DUO",
            "score": "27",
            "result": "B1 haalbaar",
        },
    )
    assert response.status_code == 302
    toets = Leerbaarheidstoets.objects.get(person=person)
    assert (toets.score, toets.registered_by) == (27, tenants.a.consultant)
    event = TimelineEvent.objects.get(person=person)
    assert (event.title, event.category) == ("Leerbaarheidstoets geregistreerd", DataCategory.EDUCATION_WORK)
    assert event.body == "Leerbaarheidstoets DUO, afgenomen op 18-11-2026, score 27"
    assert "Leerbaarheidstoets DUO" in client.get(f"/personen/{person.pk}/plan/").content.decode()


def test_a_test_in_the_future_is_refused(tenants):
    response = client_for(tenants.a.consultant).post(
        url(tenants.a.person), {"taken_on": "26-11-2026", "instrument": "DUO"}
    )
    assert "De afnamedatum kan niet in de toekomst liggen." in response.content.decode()
    assert not Leerbaarheidstoets.objects.exists()


def test_missing_and_impossible_values_are_refused_in_dutch(tenants):
    response = client_for(tenants.a.consultant).post(
        url(tenants.a.person), {"taken_on": "31-02-2026", "instrument": "", "score": "-1"}
    )
    page = response.content.decode()
    assert "Er zijn 3 fouten gevonden" in page
    assert "Vul een bestaande datum in als dag-maand-jaar" in page
    assert not Leerbaarheidstoets.objects.exists()
