"""Recording the duty and its term: DUO's exclusive einddatum, the last day, the warning moments at six
and two months, extensions that move the end and refusals that do not, exemptions and ontheffing that
end the duty; each step on the timeline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from koers.access.constants import DataCategory
from koers.inburgering import termijn
from koers.inburgering.constants import (
    BesluitStatus,
    Doelgroepindeling,
    OntheffingGrond,
    PlichtStatus,
    VerlengingSoort,
    VrijstellingSoort,
)
from koers.inburgering.models import Inburgeringsplicht

from .route_factories import PlichtFactory

pytestmark = pytest.mark.django_db


def record(tenants, start: dt.date, end: dt.date | None = None) -> Inburgeringsplicht:
    return termijn.record_plicht(
        actor=tenants.a.consultant, person=tenants.a.person, start_date=start,
        doelgroep=Doelgroepindeling.ASIELSTATUSHOUDER, termijn_start=start, termijn_end=end,
    )


def test_without_duos_einddatum_the_term_is_forecast_as_three_years_exclusive(tenants):
    plicht = record(tenants, dt.date(2026, 3, 15))
    overview = termijn.term_overview(plicht, dt.date(2026, 11, 25))
    assert overview.termijn.einddatum == dt.date(2029, 3, 15)
    assert overview.termijn.last_day == dt.date(2029, 3, 14)
    event = tenants.a.person.timeline.get(title="Inburgeringsplicht vastgelegd")
    assert event.category == DataCategory.DUO


def test_a_term_starting_on_29_february_runs_through_the_end_of_february(tenants):
    plicht = record(tenants, dt.date(2024, 2, 29))
    assert plicht.termijn_end == dt.date(2027, 3, 1)
    assert termijn.termijn_of(plicht).last_day == dt.date(2027, 2, 28)


def test_duos_own_einddatum_wins_over_the_forecast(tenants):
    plicht = record(tenants, dt.date(2024, 2, 29), end=dt.date(2027, 2, 28))
    assert plicht.termijn_end == dt.date(2027, 2, 28)


@pytest.mark.parametrize(
    ("today", "stage"),
    [
        (dt.date(2028, 2, 14), ""),
        (dt.date(2028, 2, 15), "six"),
        (dt.date(2028, 6, 14), "six"),
        (dt.date(2028, 6, 15), "two"),
        (dt.date(2028, 8, 14), "two"),
        (dt.date(2028, 8, 15), "passed"),
    ],
)
def test_the_warning_stage_follows_the_six_and_two_month_moments(tenants, today, stage):
    plicht = PlichtFactory(person=tenants.a.person)
    assert termijn.term_overview(plicht, today).warning_stage == stage


def test_a_term_cannot_start_before_the_duty(tenants):
    with pytest.raises(ValidationError):
        termijn.record_plicht(
            actor=tenants.a.consultant, person=tenants.a.person, start_date=dt.date(2026, 3, 1),
            doelgroep=Doelgroepindeling.ASIELSTATUSHOUDER, termijn_start=dt.date(2026, 2, 28), termijn_end=None,
        )
    assert not Inburgeringsplicht.objects.exists()


def test_a_granted_extension_moves_the_end_and_a_refused_one_does_not(tenants):
    plicht = PlichtFactory(person=tenants.a.person)
    termijn.record_verlenging(
        actor=tenants.a.consultant, person=tenants.a.person, soort=VerlengingSoort.OP_VERZOEK,
        status=BesluitStatus.GEWEIGERD, requested_on=dt.date(2026, 10, 1), decided_on=dt.date(2026, 11, 1),
        new_end=dt.date(2029, 2, 15),
    )
    plicht.refresh_from_db()
    assert plicht.termijn_end == dt.date(2028, 8, 15)
    termijn.record_verlenging(
        actor=tenants.a.consultant, person=tenants.a.person, soort=VerlengingSoort.AMBTSHALVE,
        status=BesluitStatus.TOEGEKEND, requested_on=None, decided_on=dt.date(2026, 11, 2),
        new_end=dt.date(2029, 2, 15),
    )
    plicht.refresh_from_db()
    assert plicht.termijn_end == dt.date(2029, 2, 15)
    titles = set(tenants.a.person.timeline.values_list("title", flat=True))
    assert {"Inburgeringstermijn verlengd", "Verlenging van de inburgeringstermijn geweigerd"} <= titles


def test_an_extension_must_end_after_the_current_end(tenants):
    PlichtFactory(person=tenants.a.person)
    with pytest.raises(ValidationError) as refused:
        termijn.record_verlenging(
            actor=tenants.a.consultant, person=tenants.a.person, soort=VerlengingSoort.AMBTSHALVE,
            status=BesluitStatus.TOEGEKEND, requested_on=None, decided_on=dt.date(2026, 11, 2),
            new_end=dt.date(2028, 8, 15),
        )
    assert "new_end" in refused.value.message_dict


def test_a_temporary_exemption_needs_an_end_and_a_full_one_ends_the_duty(tenants):
    plicht = PlichtFactory(person=tenants.a.person)
    common = {"actor": tenants.a.consultant, "person": tenants.a.person, "components": []}
    with pytest.raises(ValidationError):
        termijn.record_vrijstelling(**common, soort=VrijstellingSoort.TIJDELIJK, start_date=dt.date(2026, 1, 1),
                                    end_date=None)
    termijn.record_vrijstelling(**common, soort=VrijstellingSoort.VOLLEDIG, start_date=dt.date(2026, 11, 1),
                                end_date=None)
    plicht.refresh_from_db()
    assert (plicht.status, plicht.ended_on) == (PlichtStatus.VRIJGESTELD, dt.date(2026, 11, 1))


def test_a_full_ontheffing_ends_the_duty_and_a_partial_one_does_not(tenants):
    plicht = PlichtFactory(person=tenants.a.person)
    common = {"actor": tenants.a.consultant, "person": tenants.a.person, "grond": OntheffingGrond.MEDISCH,
              "decided_on": dt.date(2026, 11, 2)}
    termijn.record_ontheffing(**common, volledig=False)
    plicht.refresh_from_db()
    assert plicht.status == PlichtStatus.LOPEND
    termijn.record_ontheffing(**common, volledig=True)
    plicht.refresh_from_db()
    assert plicht.status == PlichtStatus.ONTHEVEN
