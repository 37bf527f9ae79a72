import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from koers.kwalitatief import services
from koers.kwalitatief.constants import InterviewStatus

from .factories import make_round, newcomer_interview, provider_interview


def test_a_repeated_round_plans_the_same_respondents_months_later(tenants):
    first = make_round(tenants.a.consultant, tenants.a.municipality)
    newcomer_interview(tenants.a.consultant, first, tenants.a.person, tenants.a.other_person)
    provider_interview(tenants.a.consultant, first)
    repeated = services.repeat_round(actor=tenants.a.consultant, interview_round=first, months=6, name="Herhaling")
    assert repeated.repeats == first
    assert (repeated.starts_on, repeated.ends_on) == (dt.date(2027, 5, 1), dt.date(2027, 6, 30))
    interviews = list(repeated.interviews.order_by("planned_on"))
    assert [i.planned_on for i in interviews] == [dt.date(2027, 5, 20), dt.date(2027, 5, 21)]
    assert {p.person for p in interviews[0].participants.all()} == {tenants.a.person, tenants.a.other_person}
    assert all(i.status == InterviewStatus.PLANNED for i in interviews)


def test_a_repeat_from_the_end_of_august_lands_on_29_february_in_a_leap_year(tenants):
    first = make_round(tenants.a.consultant, tenants.a.municipality, starts_on=dt.date(2027, 8, 1),
                       ends_on=dt.date(2027, 8, 31))
    newcomer_interview(tenants.a.consultant, first, tenants.a.person, planned_on=dt.date(2027, 8, 31))
    repeated = services.repeat_round(actor=tenants.a.consultant, interview_round=first, months=6, name="Februari")
    assert repeated.ends_on == dt.date(2028, 2, 29)
    assert repeated.interviews.get().planned_on == dt.date(2028, 2, 29)


def test_cancelled_interviews_are_not_repeated(tenants):
    first = make_round(tenants.a.consultant, tenants.a.municipality)
    services.cancel_interview(actor=tenants.a.consultant,
                              interview=newcomer_interview(tenants.a.consultant, first, tenants.a.person))
    repeated = services.repeat_round(actor=tenants.a.consultant, interview_round=first, months=3, name="Leeg")
    assert not repeated.interviews.exists()


@pytest.mark.parametrize("months", [0, 37])
def test_a_repeat_needs_one_to_thirty_six_months(tenants, months):
    first = make_round(tenants.a.consultant, tenants.a.municipality)
    with pytest.raises(ValidationError):
        services.repeat_round(actor=tenants.a.consultant, interview_round=first, months=months, name="x")
