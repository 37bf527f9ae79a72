"""The inburgering deadlines, kind by kind, at their edges (the clock stands on 25 November 2026)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from koers.access.constants import DataCategory
from koers.inburgering import deadlines as source
from koers.inburgering.constants import (
    BesluitStatus,
    BezwaarUitkomst,
    BoeteStatus,
    Doelgroepindeling,
    PipStatus,
    PlichtStatus,
    VerlengingSoort,
)
from koers.inburgering.models import Urenregistratie
from koers.inburgering.termijn import record_verlenging
from koers.lib import clock
from koers.people.constants import EventKind
from tests.factories import PersonFactory, TimelineEventFactory
from tests.inburgering.route_factories import AanbodFactory, BoeteFactory, CurrentPipFactory, PlichtFactory

from .factories import SignalPolicyFactory

pytestmark = pytest.mark.django_db


def computed(person, kind: str, today: dt.date | None = None) -> list:
    day = today or clock.today()
    return [(d.due, d.category) for d in source.compute([person.pk], day) if d.kind == kind]


def due_dates(person, kind: str, today: dt.date | None = None) -> list[dt.date]:
    return [due for due, _category in computed(person, kind, today)]


@pytest.fixture
def person():
    return PersonFactory()


# Leerroute: 10 weeks (70 days) from the start of that term, while no PIP is vastgesteld.

def test_the_leerroute_is_due_on_the_seventieth_day(person):
    PlichtFactory(person=person, leerroute_term_start=dt.date(2026, 10, 1), termijn_start=None, termijn_end=None)
    assert computed(person, source.LEERROUTE) == [(dt.date(2026, 12, 10), DataCategory.EDUCATION_WORK)]
    assert (dt.date(2026, 12, 10) - dt.date(2026, 10, 1)).days == 70


def test_the_leerroute_from_29_february_is_due_70_days_later(person):
    PlichtFactory(person=person, leerroute_term_start=dt.date(2028, 2, 29), termijn_start=None, termijn_end=None)
    assert due_dates(person, source.LEERROUTE, dt.date(2028, 3, 1)) == [dt.date(2028, 5, 9)]


def test_a_vastgesteld_pip_ends_the_leerroute_deadline(person):
    PlichtFactory(person=person, leerroute_term_start=dt.date(2026, 10, 1))
    CurrentPipFactory(person=person, dagtekening=dt.date(2026, 11, 20))
    assert due_dates(person, source.LEERROUTE) == []


def test_a_concept_pip_does_not_end_the_leerroute_deadline(person):
    PlichtFactory(person=person, leerroute_term_start=dt.date(2026, 10, 1))
    CurrentPipFactory(person=person, status=PipStatus.CONCEPT, dagtekening=None)
    assert due_dates(person, source.LEERROUTE) == [dt.date(2026, 12, 10)]


def test_a_duty_that_was_met_has_no_deadlines(person):
    PlichtFactory(person=person, leerroute_term_start=dt.date(2026, 10, 1), status=PlichtStatus.VOLDAAN)
    assert list(source.compute([person.pk], clock.today())) == []


# The PIP's objection period: six weeks from the dagtekening, past weekend and holidays.

def test_the_pip_objection_period_runs_to_its_last_day(person):
    PlichtFactory(person=person)
    pip = CurrentPipFactory(person=person, dagtekening=dt.date(2026, 10, 14))
    assert computed(person, source.PIP_OBJECTION) == [(dt.date(2026, 11, 25), DataCategory.EDUCATION_WORK)]
    assert due_dates(person, source.PIP_OBJECTION, dt.date(2026, 11, 26)) == []
    pip.objection_filed_on = dt.date(2026, 11, 20)
    pip.save()
    assert due_dates(person, source.PIP_OBJECTION) == []


def test_the_pip_objection_period_ending_on_a_saturday_runs_to_monday(person):
    PlichtFactory(person=person)
    CurrentPipFactory(person=person, dagtekening=dt.date(2026, 10, 17))
    assert due_dates(person, source.PIP_OBJECTION) == [dt.date(2026, 11, 30)]


# The offer for an asylum migrant with a vastgesteld PIP.

def test_an_asylum_migrant_without_offer_gets_one_due_weeks_after_the_pip(person):
    PlichtFactory(person=person)
    CurrentPipFactory(person=person, dagtekening=dt.date(2026, 11, 2))
    SignalPolicyFactory(municipality=person.municipality, offer_weeks=6)
    assert computed(person, source.OFFER_MISSING) == [(dt.date(2026, 12, 14), DataCategory.EDUCATION_WORK)]


def test_an_offer_or_a_family_migrant_means_no_missing_offer(person):
    family = PersonFactory()
    PlichtFactory(person=person)
    CurrentPipFactory(person=person)
    AanbodFactory(person=person)
    PlichtFactory(person=family, doelgroep=Doelgroepindeling.GEZINSMIGRANT_EN_OVERIGE_MIGRANT)
    CurrentPipFactory(person=family)
    assert due_dates(person, source.OFFER_MISSING) == due_dates(family, source.OFFER_MISSING) == []


# The end of the inburgeringstermijn: warnings six and two months before the einddatum.

def test_the_six_month_warning_shows_from_four_weeks_before_it(person):
    PlichtFactory(person=person, termijn_end=dt.date(2027, 6, 24))
    assert due_dates(person, source.TERM_SIX_MONTHS) == []
    PlichtFactory._meta.model.objects.filter(person=person).update(termijn_end=dt.date(2027, 6, 23))
    assert computed(person, source.TERM_SIX_MONTHS) == [(dt.date(2026, 12, 23), DataCategory.DUO)]


def test_the_two_month_warning_runs_through_the_last_day_of_the_term(person):
    PlichtFactory(person=person, termijn_end=dt.date(2026, 11, 26))
    assert due_dates(person, source.TERM_TWO_MONTHS) == [dt.date(2026, 9, 26)]
    assert due_dates(person, source.TERM_SIX_MONTHS) == []
    assert due_dates(person, source.TERM_TWO_MONTHS, dt.date(2026, 11, 26)) == []


def test_a_term_ending_on_1_march_after_29_february_warns_on_the_first_of_the_month(person):
    PlichtFactory(person=person, termijn_start=dt.date(2024, 2, 29), termijn_end=dt.date(2027, 3, 1))
    assert due_dates(person, source.TERM_SIX_MONTHS, dt.date(2026, 9, 1)) == [dt.date(2026, 9, 1)]
    assert due_dates(person, source.TERM_TWO_MONTHS, dt.date(2027, 1, 1)) == [dt.date(2027, 1, 1)]


def test_an_extension_moves_the_term_warnings(tenants):
    person = tenants.a.person
    PlichtFactory(person=person, termijn_end=dt.date(2027, 1, 15))
    assert due_dates(person, source.TERM_TWO_MONTHS) == [dt.date(2026, 11, 15)]
    record_verlenging(actor=tenants.a.consultant, person=person, soort=VerlengingSoort.OP_VERZOEK,
                     status=BesluitStatus.TOEGEKEND, requested_on=dt.date(2026, 11, 1),
                     decided_on=dt.date(2026, 11, 20), new_end=dt.date(2027, 5, 15), reason="Ziekte")
    assert due_dates(person, source.TERM_TWO_MONTHS) == []
    assert due_dates(person, source.TERM_SIX_MONTHS) == [dt.date(2026, 11, 15)]


# Hours behind the plan: under X% of the offered hours over the last N weeks.

def hours(person, end: dt.date, offered: str, attended: str, excused: str = "0") -> Urenregistratie:
    return Urenregistratie.objects.create(
        person=person, period_start=end - dt.timedelta(days=27), period_end=end, hours_offered=Decimal(offered),
        hours_attended=Decimal(attended), hours_absent_excused=Decimal(excused),
    )


def test_attending_under_the_norm_is_a_signal_two_weeks_after_the_last_period(person):
    PlichtFactory(person=person)
    hours(person, dt.date(2026, 10, 31), "32", "24")
    hours(person, dt.date(2026, 11, 20), "32", "24")
    assert computed(person, source.HOURS_BEHIND) == [(dt.date(2026, 12, 4), DataCategory.EDUCATION_WORK)]


def test_attending_exactly_the_norm_is_no_signal(person):
    PlichtFactory(person=person)
    hours(person, dt.date(2026, 11, 20), "40", "32")
    assert due_dates(person, source.HOURS_BEHIND) == []


def test_excused_absence_does_not_count_against_the_person(person):
    PlichtFactory(person=person)
    hours(person, dt.date(2026, 11, 20), "40", "24", excused="10")
    assert due_dates(person, source.HOURS_BEHIND) == []


def test_the_window_and_norm_are_the_municipalitys_policy(person):
    PlichtFactory(person=person)
    hours(person, dt.date(2026, 9, 20), "40", "10")
    assert due_dates(person, source.HOURS_BEHIND) == []
    SignalPolicyFactory(municipality=person.municipality, hours_window_weeks=12, hours_min_percent=20)
    assert due_dates(person, source.HOURS_BEHIND) == []
    SignalPolicyFactory._meta.model.objects.filter(municipality=person.municipality).update(hours_min_percent=30)
    assert due_dates(person, source.HOURS_BEHIND) == [dt.date(2026, 10, 4)]


# No contact for N weeks.

def test_no_contact_is_due_n_weeks_after_the_last_appointment_or_note(person):
    PlichtFactory(person=person)
    TimelineEventFactory(person=person, kind=EventKind.NOTE, occurred_at=clock.now() - dt.timedelta(weeks=7))
    TimelineEventFactory(person=person, kind=EventKind.APPOINTMENT, occurred_at=clock.now() - dt.timedelta(weeks=5))
    TimelineEventFactory(person=person, kind=EventKind.CHANGE, occurred_at=clock.now())
    assert computed(person, source.NO_CONTACT) == [(dt.date(2026, 12, 2), DataCategory.CONTACT)]


def test_recent_contact_is_no_signal_and_the_weeks_are_policy(person):
    PlichtFactory(person=person)
    TimelineEventFactory(person=person, kind=EventKind.NOTE, occurred_at=clock.now() - dt.timedelta(weeks=3))
    assert due_dates(person, source.NO_CONTACT) == []
    SignalPolicyFactory(municipality=person.municipality, no_contact_weeks=4)
    assert due_dates(person, source.NO_CONTACT) == [dt.date(2026, 11, 25) + dt.timedelta(weeks=1)]


# A municipal fine's objection period.

def test_a_decided_fine_has_an_objection_period_of_the_finance_category(person):
    PlichtFactory(person=person)
    fine = BoeteFactory(person=person, status=BoeteStatus.BESLUIT, decision_date=dt.date(2026, 11, 4),
                        amount=Decimal("300"))
    assert computed(person, source.FINE_OBJECTION) == [(dt.date(2026, 12, 16), DataCategory.FINANCE)]
    fine.objection_filed_on = dt.date(2026, 11, 20)
    fine.save()
    assert due_dates(person, source.FINE_OBJECTION) == []


# The decision on an objection: six weeks after the objection period (Awb 7:10), twelve with a committee.

def test_an_objection_against_the_pip_must_be_decided_six_weeks_after_the_objection_period(person):
    PlichtFactory(person=person)
    pip = CurrentPipFactory(person=person, dagtekening=dt.date(2026, 10, 5), objection_filed_on=dt.date(2026, 11, 2),
                            objection_outcome=BezwaarUitkomst.IN_BEHANDELING)
    assert computed(person, source.PIP_OBJECTION_DECISION) == [(dt.date(2026, 12, 28), DataCategory.EDUCATION_WORK)]
    assert due_dates(person, source.PIP_OBJECTION) == []
    pip.objection_outcome = BezwaarUitkomst.ONGEGROND
    pip.save()
    assert due_dates(person, source.PIP_OBJECTION_DECISION) == []


def test_an_advisory_committee_gives_twelve_weeks_and_a_replaced_pip_still_counts(person):
    PlichtFactory(person=person)
    CurrentPipFactory(person=person, status=PipStatus.VERVANGEN, dagtekening=dt.date(2026, 10, 5),
                      objection_filed_on=dt.date(2026, 11, 2))
    SignalPolicyFactory(municipality=person.municipality, objection_committee=True)
    assert due_dates(person, source.PIP_OBJECTION_DECISION) == [dt.date(2027, 2, 8)]


def test_an_objection_against_a_fine_must_be_decided_until_its_outcome_is_recorded(person):
    PlichtFactory(person=person)
    fine = BoeteFactory(person=person, status=BoeteStatus.BETAALD, decision_date=dt.date(2026, 10, 5),
                        amount=Decimal("300"), objection_filed_on=dt.date(2026, 11, 10))
    assert computed(person, source.FINE_OBJECTION_DECISION) == [(dt.date(2026, 12, 28), DataCategory.FINANCE)]
    fine.objection_outcome = BezwaarUitkomst.GEGROND
    fine.save()
    assert due_dates(person, source.FINE_OBJECTION_DECISION) == []
