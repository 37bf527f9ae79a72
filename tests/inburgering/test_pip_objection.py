import datetime as dt

import pytest

from koers.inburgering.constants import BezwaarUitkomst, PipStatus
from koers.inburgering.pip import objection_deadline
from koers.people.models import TimelineEvent

from .factories import InburgeringsplichtFactory, PipVersieFactory
from .screens import logged_in as client_for


@pytest.fixture
def decided(tenants):
    InburgeringsplichtFactory(person=tenants.a.person)
    return PipVersieFactory(
        person=tenants.a.person, number=1, status=PipStatus.VASTGESTELD, dagtekening=dt.date(2026, 10, 1)
    )


def url(pip) -> str:
    return f"/personen/{pip.person_id}/plan/pip/{pip.number}/bezwaar/"


@pytest.mark.parametrize(
    "dagtekening, last_day",
    [
        (dt.date(2026, 10, 1), dt.date(2026, 11, 12)),
        (dt.date(2026, 11, 20), dt.date(2027, 1, 4)),  # 1 January is a holiday, then a weekend
        (dt.date(2028, 1, 18), dt.date(2028, 2, 29)),  # ends on 29 February of a leap year
    ],
)
def test_the_objection_deadline_is_six_weeks_moved_past_rest_days(dagtekening, last_day):
    pip = PipVersieFactory.build(status=PipStatus.VASTGESTELD, dagtekening=dagtekening)
    assert objection_deadline(pip) == last_day


def test_a_concept_has_no_objection_deadline():
    assert objection_deadline(PipVersieFactory.build(dagtekening=dt.date(2026, 10, 1))) is None


def test_an_objection_on_the_last_day_is_in_time(tenants, decided):
    client = client_for(tenants.a.consultant)
    response = client.post(
        url(decided), {"filed_on": "12-11-2026", "outcome": BezwaarUitkomst.IN_BEHANDELING}, follow=True
    )
    page = response.content.decode()
    assert "Het bezwaar is geregistreerd." in page
    assert "Het bezwaar is op tijd ingediend." in page
    assert 'Beslissen op het bezwaar uiterlijk op <strong class="numeric">24-12-2026</strong>' in page
    decided.refresh_from_db()
    assert decided.objection_filed_on == dt.date(2026, 11, 12)
    assert TimelineEvent.objects.get(person=decided.person).body == "Ingediend op 12-11-2026 (op tijd)"


def test_an_objection_a_day_late_is_registered_and_marked_late(tenants, decided):
    response = client_for(tenants.a.consultant).post(
        url(decided), {"filed_on": "13-11-2026", "outcome": BezwaarUitkomst.ONGEGROND}, follow=True
    )
    assert "Het bezwaar is na de bezwaartermijn ingediend." in response.content.decode()
    assert "Beslissen op het bezwaar" not in response.content.decode()
    event = TimelineEvent.objects.get(person=decided.person)
    assert event.title == "Bezwaar tegen PIP versie 1: ongegrond"


@pytest.mark.parametrize(
    "filed_on, message",
    [
        ("30-09-2026", "kan niet vóór de dagtekening van het PIP (1 oktober 2026) zijn ingediend"),
        ("26-11-2026", "De datum van het bezwaar kan niet in de toekomst liggen."),
        ("", "Dit veld is vereist."),
    ],
)
def test_an_impossible_objection_date_is_refused(tenants, decided, filed_on, message):
    response = client_for(tenants.a.consultant).post(
        url(decided), {"filed_on": filed_on, "outcome": "gegrond"}
    )
    assert message in response.content.decode()
    decided.refresh_from_db()
    assert decided.objection_filed_on is None
    assert not TimelineEvent.objects.exists()


def test_no_objection_against_a_concept(tenants):
    InburgeringsplichtFactory(person=tenants.a.person)
    concept = PipVersieFactory(person=tenants.a.person, number=1)
    response = client_for(tenants.a.consultant).post(
        url(concept), {"filed_on": "20-11-2026", "outcome": "gegrond"}
    )
    assert "Tegen een concept kan geen bezwaar worden gemaakt" in response.content.decode()
    concept.refresh_from_db()
    assert concept.objection_filed_on is None
