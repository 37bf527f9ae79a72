"""The case meeting: the flagged dossiers of one municipality and meeting, with an outcome each; the
meetings follow the cadence of the municipality's MB policy (per month when it sets none)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from koers.begeleiding import referrals

from .factories import PURPOSE, use_preset


def test_the_agenda_holds_the_months_dossiers_of_the_own_municipality_only(tenants):
    a, b = tenants.a, tenants.b
    item = referrals.flag_for_case_meeting(actor=a.mb_worker, person=a.person, day=dt.date(2026, 12, 15),
                                           question="Hoe verder met de schulden?", purpose=PURPOSE)
    referrals.flag_for_case_meeting(actor=a.mb_worker, person=a.other_person, day=dt.date(2027, 1, 4),
                                    question="Later", purpose=PURPOSE)
    referrals.flag_for_case_meeting(actor=b.mb_worker, person=b.person, day=dt.date(2026, 12, 1),
                                    question="Andere gemeente", purpose=PURPOSE)
    december = referrals.meeting_for(a.municipality, dt.date(2026, 12, 31))
    assert (december.start, december.end, december.weeks) == (dt.date(2026, 12, 1), dt.date(2027, 1, 1), 0)
    assert list(referrals.case_meeting_agenda(a.municipality, december)) == [item]
    referrals.record_outcome(actor=a.mb_worker, item=item, outcome="Doorverwijzen naar schuldhulp", purpose=PURPOSE)
    item.refresh_from_db()
    assert item.outcome == "Doorverwijzen naar schuldhulp"


def test_an_empty_question_or_outcome_is_refused(tenants):
    with pytest.raises(ValidationError):
        referrals.flag_for_case_meeting(actor=tenants.a.mb_worker, person=tenants.a.person, day=dt.date(2026, 12, 1),
                                        question=" ", purpose=PURPOSE)
    item = referrals.flag_for_case_meeting(actor=tenants.a.mb_worker, person=tenants.a.person,
                                           day=dt.date(2026, 12, 1), question="Vraag", purpose=PURPOSE)
    with pytest.raises(ValidationError):
        referrals.record_outcome(actor=tenants.a.mb_worker, item=item, outcome="", purpose=PURPOSE)


@pytest.mark.parametrize(("preset", "day", "start", "end"), [
    ("heerenveen", dt.date(2026, 11, 25), dt.date(2026, 11, 16), dt.date(2026, 11, 30)),  # every 2 weeks
    ("heerenveen", dt.date(2026, 11, 30), dt.date(2026, 11, 30), dt.date(2026, 12, 14)),
    ("woerden", dt.date(2026, 11, 25), dt.date(2026, 11, 2), dt.date(2026, 11, 30)),  # every 4 weeks
    ("den_haag", dt.date(2026, 11, 25), dt.date(2026, 11, 1), dt.date(2026, 12, 1)),  # no cadence: the month
])
def test_the_meetings_follow_the_cadence_of_the_policy(tenants, preset, day, start, end):
    use_preset(tenants.a.municipality, preset, tenants.a.admin)
    meeting = referrals.meeting_for(tenants.a.municipality, day)
    assert (meeting.start, meeting.end) == (start, end)
    assert meeting.start.weekday() == 0 or meeting.start.day == 1


def test_a_dossier_lands_on_the_meeting_that_covers_the_day_and_stays_there_when_the_cadence_changes(tenants):
    use_preset(tenants.a.municipality, "heerenveen", tenants.a.admin)
    item = referrals.flag_for_case_meeting(actor=tenants.a.mb_worker, person=tenants.a.person,
                                           day=dt.date(2026, 11, 25), question="Zorgen om de huur", purpose=PURPOSE)
    assert item.meeting_on == dt.date(2026, 11, 16)
    use_preset(tenants.a.municipality, "den_haag", tenants.a.admin)
    november = referrals.meeting_for(tenants.a.municipality, dt.date(2026, 11, 2))
    assert list(referrals.case_meeting_agenda(tenants.a.municipality, november)) == [item]
