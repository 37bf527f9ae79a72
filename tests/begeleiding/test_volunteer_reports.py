"""Volunteer reports: visible to their writer and the professionals; a concern raises a signal until handled."""

import pytest
from django.core.exceptions import ValidationError

from koers.access.constants import DataCategory
from koers.access.query import categories_for
from koers.begeleiding import deadlines, volunteers
from koers.lib import clock
from koers.people.constants import EventKind

from ..access.factories import ConsentFactory
from .factories import PURPOSE, volunteer_in


@pytest.fixture
def matched(tenants):
    tenant = tenants.a
    volunteer = volunteer_in(tenant.mb_organisation)
    # The household agreed to share notes with the MB organisation, so its workers read the reports.
    ConsentFactory(person=tenant.other_person, organisations=[tenant.mb_organisation])
    volunteers.match(actor=tenant.mb_worker, volunteer=volunteer, household=tenant.other_person.household,
                     purpose=PURPOSE)
    return tenant, volunteer


def test_another_volunteer_of_the_same_organisation_does_not_see_the_report(matched):
    tenant, volunteer = matched
    colleague = volunteer_in(tenant.mb_organisation)
    volunteers.match(actor=tenant.mb_worker, volunteer=colleague, household=tenant.other_person.household,
                     purpose=PURPOSE)
    report = volunteers.write_report(actor=volunteer.user, person=tenant.other_person, text="Samen boodschappen gedaan.",
                                     purpose=PURPOSE)
    person = tenant.other_person
    assert list(volunteers.reports_visible_to(volunteer.user, person, categories_for(volunteer.user, person))) == [report]
    assert not volunteers.reports_visible_to(colleague.user, person, categories_for(colleague.user, person)).exists()
    assert list(volunteers.reports_visible_to(tenant.mb_worker, person, categories_for(tenant.mb_worker, person))) == [
        report]


def test_the_volunteer_never_sees_the_notes_categories(matched):
    tenant, volunteer = matched
    assert not categories_for(volunteer.user, tenant.other_person) & {
        DataCategory.NOTES, DataCategory.HEALTH, DataCategory.FINANCE}


def test_a_volunteer_without_a_match_cannot_report(matched):
    tenant, _ = matched
    stranger = volunteer_in(tenant.mb_organisation)
    with pytest.raises(ValidationError, match="geen maatje"):
        volunteers.write_report(actor=stranger.user, person=tenant.other_person, text="Hallo", purpose=PURPOSE)


def test_a_concern_needs_a_description(matched):
    tenant, volunteer = matched
    with pytest.raises(ValidationError, match="zorg"):
        volunteers.write_report(actor=volunteer.user, person=tenant.other_person, text="Bezoek", concern=True,
                                purpose=PURPOSE)
    assert not tenant.other_person.volunteer_reports.exists()


def test_a_concern_raises_a_signal_due_today_until_it_is_handled(matched):
    tenant, volunteer = matched
    report = volunteers.write_report(actor=volunteer.user, person=tenant.other_person, text="Bezoek",
                                     concern=True, concern_text="De huur is niet betaald.", purpose=PURPOSE)
    found = [d for d in deadlines.compute([tenant.other_person.pk], clock.today()) if d.kind == deadlines.CONCERN]
    assert [(d.due, d.category) for d in found] == [(clock.today(), DataCategory.NOTES)]
    assert tenant.other_person.timeline.filter(kind=EventKind.NOTE, category=DataCategory.NOTES,
                                               body="De huur is niet betaald.").exists()
    volunteers.mark_concern_handled(actor=tenant.mb_worker, report=report, purpose=PURPOSE)
    assert not [d for d in deadlines.compute([tenant.other_person.pk], clock.today()) if d.kind == deadlines.CONCERN]
