"""The municipality's fine as a state machine: warning, hearing, decision (amount within the legal
maximum of its ground, objection period), then paid or dropped; never for family or other migrants."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from koers.access.constants import DataCategory
from koers.inburgering import boetes
from koers.inburgering.constants import BezwaarUitkomst, BoeteGrond, BoeteStatus
from koers.inburgering.models import Boete
from koers.people.constants import TargetGroup

from .route_factories import BoeteFactory

pytestmark = pytest.mark.django_db


def warned(tenants, grond=BoeteGrond.PIP_NIET_NAGEKOMEN) -> Boete:
    return boetes.give_warning(actor=tenants.a.consultant, person=tenants.a.person, grond=grond,
                               facts="Niet verschenen op drie lessen.", warning_date=dt.date(2026, 9, 1))


def heard(tenants, **kwargs) -> Boete:
    return boetes.hold_hearing(actor=tenants.a.consultant, boete=warned(tenants, **kwargs),
                               hearing_date=dt.date(2026, 9, 15), hearing_notes="Ziek geweest, geen bewijs.")


def test_a_fine_goes_from_warning_through_hearing_and_decision_to_paid(tenants):
    boete = heard(tenants)
    boete = boetes.decide(actor=tenants.a.consultant, boete=boete, decision_date=dt.date(2026, 10, 1),
                          amount=Decimal(800))
    assert boetes.next_action(boete, dt.date(2026, 10, 2)).due == dt.date(2026, 11, 12)
    boete = boetes.register_payment(actor=tenants.a.consultant, boete=boete, paid_on=dt.date(2026, 11, 20))
    assert Boete.objects.get().status == BoeteStatus.BETAALD
    events = tenants.a.person.timeline.filter(category=DataCategory.FINANCE)
    assert events.count() == 4


def test_no_decision_without_a_hearing(tenants):
    boete = warned(tenants)
    with pytest.raises(ValidationError):
        boetes.decide(actor=tenants.a.consultant, boete=boete, decision_date=dt.date(2026, 10, 1),
                      amount=Decimal(100))
    assert Boete.objects.get().status == BoeteStatus.WAARSCHUWING


@pytest.mark.parametrize(
    ("grond", "amount", "accepted"),
    [
        (BoeteGrond.BREDE_INTAKE, Decimal(250), True),
        (BoeteGrond.BREDE_INTAKE, Decimal("250.01"), False),
        (BoeteGrond.PIP_NIET_NAGEKOMEN, Decimal(800), True),
        (BoeteGrond.PIP_NIET_NAGEKOMEN, Decimal("800.01"), False),
        (BoeteGrond.PIP_NIET_NAGEKOMEN, Decimal(0), False),
    ],
)
def test_the_amount_never_exceeds_the_legal_maximum_of_the_ground(tenants, grond, amount, accepted):
    boete = heard(tenants, grond=grond)
    decide = lambda: boetes.decide(actor=tenants.a.consultant, boete=boete,
                                   decision_date=dt.date(2026, 10, 1), amount=amount)
    if accepted:
        decide()
        assert Boete.objects.get().amount == amount
    else:
        with pytest.raises(ValidationError) as refused:
            decide()
        assert "amount" in refused.value.message_dict
        assert Boete.objects.get().status == BoeteStatus.HOORZITTING


@pytest.mark.parametrize("target_group", [TargetGroup.GEZIN, TargetGroup.OVERIG])
def test_family_and_other_migrants_are_never_fined_by_the_municipality(tenants, target_group):
    tenants.a.person.target_group = target_group
    tenants.a.person.save()
    with pytest.raises(ValidationError):
        warned(tenants)
    assert not Boete.objects.exists()


def test_a_paid_or_dropped_fine_takes_no_further_step(tenants):
    for status in (BoeteStatus.BETAALD, BoeteStatus.VERVALLEN):
        boete = BoeteFactory(person=tenants.a.person, status=status)
        assert boetes.allowed_steps(boete) == frozenset()
        with pytest.raises(ValidationError):
            boetes.drop(actor=tenants.a.consultant, boete=boete, reason="Toch niet.")


def test_a_well_founded_objection_drops_the_fine(tenants):
    boete = boetes.decide(actor=tenants.a.consultant, boete=heard(tenants), decision_date=dt.date(2026, 10, 1),
                          amount=Decimal(300))
    boetes.register_objection(actor=tenants.a.consultant, boete=boete, filed_on=dt.date(2026, 10, 20),
                              outcome=BezwaarUitkomst.GEGROND)
    assert Boete.objects.get().status == BoeteStatus.VERVALLEN


def test_the_objection_period_ends_six_weeks_on_and_skips_a_weekend(tenants):
    boete = heard(tenants)
    boete = boetes.decide(actor=tenants.a.consultant, boete=boete, decision_date=dt.date(2026, 10, 3),
                          amount=Decimal(100))
    # 3 October 2026 is a Saturday: six weeks on is Saturday 14 November, so Monday 16 November.
    assert boetes.next_action(boete, dt.date(2026, 11, 16)).due == dt.date(2026, 11, 16)
    assert boetes.next_action(boete, dt.date(2026, 11, 17)).due is None


@pytest.mark.parametrize(("committee", "due"), [(False, dt.date(2026, 12, 28)), (True, dt.date(2027, 2, 8))])
def test_a_pending_objection_is_decided_six_or_twelve_weeks_after_the_objection_period(tenants, committee, due):
    boete = boetes.decide(actor=tenants.a.consultant, boete=heard(tenants), decision_date=dt.date(2026, 10, 5),
                          amount=Decimal(300))
    boetes.register_objection(actor=tenants.a.consultant, boete=boete, filed_on=dt.date(2026, 11, 2),
                              outcome=BezwaarUitkomst.IN_BEHANDELING)

    action = boetes.next_action(boete, dt.date(2026, 11, 25), committee)
    assert (str(action.text), action.due) == ("Beslissen op het bezwaar", due)


def test_a_step_dated_in_the_future_or_before_the_previous_step_is_refused(tenants):
    boete = warned(tenants)
    for day in (dt.date(2026, 11, 26), dt.date(2026, 8, 31)):
        with pytest.raises(ValidationError) as refused:
            boetes.hold_hearing(actor=tenants.a.consultant, boete=boete, hearing_date=day, hearing_notes="")
        assert "hearing_date" in refused.value.message_dict
    assert Boete.objects.get().status == BoeteStatus.WAARSCHUWING
