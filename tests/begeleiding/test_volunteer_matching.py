"""Matching suggestions for a household: a plain score with a reason for every point."""

import pytest
from django.core.exceptions import ValidationError

from koers.begeleiding import volunteers
from koers.begeleiding.models import Volunteer

from .factories import PURPOSE, volunteer_in


def test_a_shared_language_and_the_same_postcode_area_score_highest():
    volunteer = Volunteer(languages=["ti", "ar"], postcode="9711 AB", availability=["za-ochtend"], capacity=2)
    suggestion = volunteers.score_volunteer(volunteer, ["ar"], "9711CD", free_places=2)
    assert suggestion.score == volunteers.LANGUAGE_POINTS + volunteers.SAME_AREA_POINTS + volunteers.AVAILABLE_POINTS
    assert any("Arabisch" in reason for reason in suggestion.reasons)
    assert any("9711" in reason for reason in suggestion.reasons)


def test_a_nearby_postcode_counts_less_and_no_shared_language_counts_nothing():
    volunteer = Volunteer(languages=["nl"], postcode="9725", availability=[], capacity=1)
    suggestion = volunteers.score_volunteer(volunteer, ["ar"], "9711CD", free_places=1)
    assert suggestion.score == volunteers.NEAR_AREA_POINTS
    assert not any("taal" in reason for reason in suggestion.reasons)


def test_suggestions_put_the_best_fit_first_and_leave_out_full_and_foreign_volunteers(tenants):
    tenant = tenants.a
    tenant.person.postcode = "9711CD"
    tenant.person.save()
    best = volunteer_in(tenant.mb_organisation)
    other = volunteer_in(tenant.mb_organisation, languages=["fa"], postcode="1011AA")
    full = volunteer_in(tenant.mb_organisation, capacity=1)
    volunteers.match(actor=tenant.mb_worker, volunteer=full, household=tenants.a.other_person.household,
                     purpose=PURPOSE)
    volunteer_in(tenants.b.mb_organisation)
    found = volunteers.suggestions_for(tenant.person.household)
    assert [s.volunteer for s in found] == [best, other]


def test_a_full_volunteer_cannot_be_matched(tenants):
    full = volunteer_in(tenants.a.mb_organisation, capacity=1)
    volunteers.match(actor=tenants.a.mb_worker, volunteer=full, household=tenants.a.other_person.household,
                     purpose=PURPOSE)
    with pytest.raises(ValidationError, match="geen plaats"):
        volunteers.match(actor=tenants.a.mb_worker, volunteer=full, household=tenants.a.person.household,
                         purpose=PURPOSE)


def test_a_volunteer_of_another_municipality_cannot_be_matched(tenants):
    foreign = volunteer_in(tenants.b.mb_organisation)
    with pytest.raises(ValidationError, match="gemeente"):
        volunteers.match(actor=tenants.a.mb_worker, volunteer=foreign, household=tenants.a.person.household,
                         purpose=PURPOSE)
