"""Referrals need recorded consent; a follow-up date becomes a deadline until the referral is closed."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from koers.access.constants import DataCategory
from koers.begeleiding import deadlines, referrals
from koers.begeleiding.constants import ReferralStatus
from koers.begeleiding.models import Referral, SocialMapEntry
from koers.lib import clock

from .factories import PURPOSE

FOLLOW_UP = dt.date(2026, 12, 9)


def entry(municipality) -> SocialMapEntry:
    return SocialMapEntry.objects.create(municipality=municipality, name="Schuldhulp Aadorp",
                                         domain="Financiën en administratie", contact="050-1234567")


def refer(tenant, **overrides):
    fields = {"reason": "Betalingsachterstand huur", "consent_given_by": "Farid Ahmadi (zelf)",
              "consent_on": clock.today(), "consent_for": "Gegevens delen met de schuldhulp",
              "follow_up_on": FOLLOW_UP} | overrides
    return referrals.refer(actor=tenant.mb_worker, person=tenant.person, organisation=entry(tenant.municipality),
                           purpose=PURPOSE, **fields)


@pytest.mark.parametrize("missing", ["consent_given_by", "consent_on", "consent_for"])
def test_it_refuses_a_referral_without_consent(tenants, missing):
    with pytest.raises(ValidationError, match="alleen met toestemming"):
        refer(tenants.a, **{missing: None if missing == "consent_on" else " "})
    assert not Referral.objects.exists()


def test_it_refuses_an_organisation_of_another_municipality(tenants):
    with pytest.raises(ValidationError, match="sociale kaart"):
        referrals.refer(actor=tenants.a.mb_worker, person=tenants.a.person, organisation=entry(tenants.b.municipality),
                        reason="x", consent_given_by="zelf", consent_on=clock.today(), consent_for="delen",
                        purpose=PURPOSE)


def test_the_follow_up_date_is_a_deadline_until_the_referral_is_closed(tenants):
    referral = refer(tenants.a)
    found = [d for d in deadlines.compute(None, clock.today()) if d.kind == deadlines.REFERRAL]
    assert [(d.due, d.category) for d in found] == [(FOLLOW_UP, DataCategory.NOTES)]
    assert tenants.a.person.timeline.filter(category=DataCategory.NOTES, title__contains="Schuldhulp").exists()
    referrals.set_referral_status(actor=tenants.a.mb_worker, referral=referral, status=ReferralStatus.CLOSED,
                                  purpose=PURPOSE)
    assert not [d for d in deadlines.compute(None, clock.today()) if d.kind == deadlines.REFERRAL]


def test_an_unknown_status_is_refused_and_nothing_changes(tenants):
    referral = refer(tenants.a)
    with pytest.raises(ValidationError):
        referrals.set_referral_status(actor=tenants.a.mb_worker, referral=referral, status="weg", purpose=PURPOSE)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
