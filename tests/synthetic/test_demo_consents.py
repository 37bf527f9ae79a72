"""In the demo most persons the MB organisation supports agreed to share their notes, health and
finances with it, recorded through the consent service; the others did not, and the demo MB worker
sees the difference."""

from __future__ import annotations

import pytest

from koers.access.constants import ConsentMethod, DataCategory
from koers.access.models import Consent, User
from koers.access.query import categories_for, visible_persons
from koers.people.models import Person, TimelineEvent
from koers.synthetic.demo import set_up_demo
from tests.once import made_once

pytestmark = pytest.mark.django_db

CONSENT_CATEGORIES = {DataCategory.NOTES, DataCategory.HEALTH, DataCategory.FINANCE}


def _demo_mb_worker() -> User:
    set_up_demo(80)
    return User.objects.get(username="mb-begeleider")


worker = made_once("worker", _demo_mb_worker)


def test_the_demo_mb_worker_sees_the_notes_of_a_person_who_consented_and_not_of_one_who_did_not(worker):
    supported = visible_persons(worker).filter(mb_trajectories__isnull=False).distinct()
    consented = supported.filter(consents__isnull=False).first()
    declined = supported.filter(consents__isnull=True).first()
    assert consented is not None and declined is not None

    assert CONSENT_CATEGORIES <= categories_for(worker, consented)
    assert DataCategory.NOTES not in categories_for(worker, declined)
    assert not CONSENT_CATEGORIES & categories_for(worker, declined)
    assert DataCategory.IDENTITY in categories_for(worker, declined)


def test_about_four_in_five_supported_persons_consented_on_the_day_of_the_warm_handover(worker):
    supported = Person.objects.filter(mb_trajectories__isnull=False).distinct()
    consents = Consent.objects.filter(person__in=supported).select_related("person")
    assert 0.6 * supported.count() <= consents.count() < supported.count()
    for consent in consents:
        assert consent.method == ConsentMethod.VERBAL and consent.witness
        assert list(consent.organisations.values_list("name", flat=True)) == ["Stichting Nieuw Thuis Haaglanden"]
        assert set(consent.categories) == CONSENT_CATEGORIES
        assert consent.person.koppeling_date <= consent.given_on and consent.recorded_by == worker
    assert TimelineEvent.objects.filter(title="Toestemming gegeven om gegevens te delen").count() == consents.count()
