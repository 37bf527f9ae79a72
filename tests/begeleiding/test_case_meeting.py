"""The monthly case meeting: the flagged dossiers of one municipality and month, with an outcome each."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from koers.begeleiding import referrals

from .factories import PURPOSE


def test_the_agenda_holds_the_months_dossiers_of_the_own_municipality_only(tenants):
    a, b = tenants.a, tenants.b
    item = referrals.flag_for_case_meeting(actor=a.mb_worker, person=a.person, month=dt.date(2026, 12, 15),
                                           question="Hoe verder met de schulden?", purpose=PURPOSE)
    referrals.flag_for_case_meeting(actor=a.mb_worker, person=a.other_person, month=dt.date(2027, 1, 4),
                                    question="Later", purpose=PURPOSE)
    referrals.flag_for_case_meeting(actor=b.mb_worker, person=b.person, month=dt.date(2026, 12, 1),
                                    question="Andere gemeente", purpose=PURPOSE)
    assert list(referrals.case_meeting_agenda(a.municipality, dt.date(2026, 12, 31))) == [item]
    referrals.record_outcome(actor=a.mb_worker, item=item, outcome="Doorverwijzen naar schuldhulp", purpose=PURPOSE)
    item.refresh_from_db()
    assert item.outcome == "Doorverwijzen naar schuldhulp"


def test_an_empty_question_or_outcome_is_refused(tenants):
    with pytest.raises(ValidationError):
        referrals.flag_for_case_meeting(actor=tenants.a.mb_worker, person=tenants.a.person, month=dt.date(2026, 12, 1),
                                        question=" ", purpose=PURPOSE)
    item = referrals.flag_for_case_meeting(actor=tenants.a.mb_worker, person=tenants.a.person,
                                           month=dt.date(2026, 12, 1), question="Vraag", purpose=PURPOSE)
    with pytest.raises(ValidationError):
        referrals.record_outcome(actor=tenants.a.mb_worker, item=item, outcome="", purpose=PURPOSE)
