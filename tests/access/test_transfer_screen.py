"""The consultant records the overdracht after a move on the consent tab: the next municipality then
reaches the dossier as far as the chosen consent allows; a wrong overdracht is refused with a
message and stores nothing."""

import datetime as dt

import pytest

from koers.access.constants import DataCategory as C
from koers.access.constants import Recipient
from koers.access.models import Transfer
from koers.access.query import categories_for

from .factories import ConsentFactory

pytestmark = pytest.mark.django_db


def url(person) -> str:
    return f"/personen/{person.pk}/toestemming/overdracht/"


@pytest.fixture
def consent(tenants):
    return ConsentFactory(
        person=tenants.a.person, recipients=[Recipient.NEXT_MUNICIPALITY], categories=[C.IDENTITY, C.EDUCATION_WORK]
    )


def test_the_consultant_finds_the_overdracht_on_the_consent_tab(tenants, client_as):
    page = client_as(tenants.a.consultant).get(f"/personen/{tenants.a.person.pk}/toestemming/").content.decode()
    assert url(tenants.a.person) in page
    page = client_as(tenants.a.mb_worker).get(f"/personen/{tenants.a.person.pk}/toestemming/").content.decode()
    assert url(tenants.a.person) not in page


def test_the_overdracht_gives_the_next_municipality_what_the_consent_covers(tenants, client_as, consent):
    client = client_as(tenants.a.consultant)
    form = client.get(url(tenants.a.person)).context["form"]
    assert list(form.fields["consent"].queryset) == [consent]
    assert tenants.a.municipality not in form.fields["to_municipality"].queryset
    response = client.post(
        url(tenants.a.person),
        {"to_municipality": tenants.b.municipality.pk, "transferred_on": "20-11-2026", "consent": consent.pk},
    )
    assert response.status_code == 302
    transfer = Transfer.objects.get()
    assert (transfer.to_municipality, transfer.transferred_on, transfer.consent) == (
        tenants.b.municipality, dt.date(2026, 11, 20), consent
    )
    assert categories_for(tenants.b.consultant, tenants.a.person) == {C.IDENTITY, C.EDUCATION_WORK}
    assert tenants.b.municipality.name in client.get(url(tenants.a.person)).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("transferred_on", "01-12-2026", "De datum van de overdracht ligt in de toekomst."),
        ("to_municipality", "own", "Selecteer een geldige keuze."),
    ],
)
def test_a_wrong_overdracht_is_refused_and_stores_nothing(tenants, client_as, consent, field, value, message):
    data = {"to_municipality": tenants.b.municipality.pk, "transferred_on": "20-11-2026", "consent": consent.pk}
    data[field] = tenants.a.municipality.pk if value == "own" else value
    response = client_as(tenants.a.consultant).post(url(tenants.a.person), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Transfer.objects.exists()


def test_a_consent_that_does_not_reach_the_next_municipality_cannot_be_chosen(tenants, client_as):
    mb_only = ConsentFactory(person=tenants.a.person, organisations=[tenants.a.mb_organisation])
    response = client_as(tenants.a.consultant).post(
        url(tenants.a.person),
        {"to_municipality": tenants.b.municipality.pk, "transferred_on": "20-11-2026", "consent": mb_only.pk},
    )
    assert response.status_code == 400
    assert not Transfer.objects.exists()


def test_only_the_consultant_of_the_persons_municipality_records_an_overdracht(tenants, client_as):
    assert client_as(tenants.a.mb_worker).get(url(tenants.a.person)).status_code == 403
    assert client_as(tenants.b.consultant).get(url(tenants.a.person)).status_code == 404
    response = client_as(tenants.b.consultant).post(
        url(tenants.a.person), {"to_municipality": tenants.b.municipality.pk, "transferred_on": "20-11-2026"}
    )
    assert response.status_code == 404
    assert not Transfer.objects.exists()
