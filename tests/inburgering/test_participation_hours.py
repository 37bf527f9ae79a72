"""Participation hours against the Z-route's norm: informal participation counts, the pace follows the
share of the term that has passed, and impossible periods or hours are refused with nothing stored."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from koers.inburgering.constants import ParticipatieSoort
from koers.inburgering.models import Participatie, Urenregistratie
from koers.inburgering.participatie import Change, record_participatie, term_share, zroute_progress
from koers.inburgering.terms import Inburgeringstermijn
from koers.people.models import TimelineEvent

pytestmark = pytest.mark.django_db

# Three years from 25 November 2025: on 25 November 2026 a third of the term has passed (365 of 1096 days).
TERM = Inburgeringstermijn(dt.date(2025, 11, 25), dt.date(2028, 11, 25))


def participate(change, person, soort, hours, start=dt.date(2026, 10, 1), end=dt.date(2026, 10, 31), **extra):
    return record_participatie(change, person, soort=soort, period_start=start, period_end=end,
                               hours=Decimal(hours), description="Buurthuis De Linde", **extra)


def test_informal_participation_counts_towards_the_participation_norm(tenants):
    change, person = Change(tenants.a.consultant), tenants.a.person
    participate(change, person, ParticipatieSoort.VRIJWILLIGERSWERK, "40")
    participate(change, person, ParticipatieSoort.INFORMEEL, "12.5", success="Zelf de weg naar school gevonden")
    Urenregistratie.objects.create(person=person, period_start=dt.date(2026, 10, 1), period_end=dt.date(2026, 10, 31),
                                   hours_offered=Decimal(40), hours_attended=Decimal(30))

    progress = zroute_progress(person, TERM, dt.date(2026, 11, 25))

    assert (progress.formal, progress.informal, progress.participation.hours) == (
        Decimal("40"), Decimal("12.5"), Decimal("52.5")
    )
    assert progress.language.hours == Decimal(30)
    assert progress.participation.norm == progress.language.norm == Decimal(800)
    assert progress.participation.expected == 266 and progress.participation.behind
    assert progress.participation.percentage == 6


def test_without_a_term_there_is_no_pace_to_fall_behind_on(tenants):
    progress = zroute_progress(tenants.a.person, None, dt.date(2026, 11, 25))

    assert progress.participation.expected is None and not progress.participation.behind
    assert progress.participation.hours == Decimal(0)


@pytest.mark.parametrize(
    ("today", "share"),
    [
        pytest.param(dt.date(2025, 11, 1), Decimal(0), id="before the term nothing has passed"),
        pytest.param(dt.date(2025, 11, 25), Decimal(0), id="on its first day nothing has passed"),
        pytest.param(dt.date(2028, 11, 24), Decimal(1095) / Decimal(1096), id="on its last day all but a day"),
        pytest.param(dt.date(2028, 11, 25), Decimal(1), id="on the einddatum all of it"),
        pytest.param(dt.date(2029, 1, 1), Decimal(1), id="after it all of it"),
    ],
)
def test_the_share_of_the_term_that_has_passed(today, share):
    assert term_share(TERM, today) == share


def test_participation_is_on_the_timeline_with_its_small_success(tenants):
    participate(Change(tenants.a.consultant), tenants.a.person, ParticipatieSoort.INFORMEEL, "6",
                success="Een gesprek met de buurvrouw gevoerd")

    event = TimelineEvent.objects.get(person=tenants.a.person, data__has_key="participatie")
    assert event.title == "Participatie vastgelegd: Informeel (buurt, school van de kinderen, vereniging, mantelzorg)"
    assert "Een gesprek met de buurvrouw gevoerd" in event.body


@pytest.mark.parametrize(
    ("start", "end", "hours", "field"),
    [
        pytest.param(dt.date(2026, 10, 31), dt.date(2026, 10, 1), "10", "period_end", id="an end before the start"),
        pytest.param(dt.date(2026, 11, 1), dt.date(2026, 11, 26), "10", "period_end", id="an end in the future"),
        pytest.param(dt.date(2026, 6, 1), dt.date(2026, 9, 30), "10", "period_end", id="longer than a quarter"),
        pytest.param(dt.date(2026, 11, 1), dt.date(2026, 11, 1), "12.5", "hours", id="more than 12 hours a day"),
        pytest.param(dt.date(2026, 11, 1), dt.date(2026, 11, 2), "0", "hours", id="no hours"),
    ],
)
def test_impossible_participation_is_refused_and_nothing_is_stored(tenants, start, end, hours, field):
    with pytest.raises(ValidationError) as refused:
        participate(Change(tenants.a.consultant), tenants.a.person, ParticipatieSoort.WERK, hours, start, end)

    assert field in refused.value.message_dict
    assert not Participatie.objects.exists()
    assert not TimelineEvent.objects.filter(data__has_key="participatie").exists()


def test_a_quarter_and_twelve_hours_a_day_are_accepted(tenants):
    participate(Change(tenants.a.consultant), tenants.a.person, ParticipatieSoort.WERK, "12",
                dt.date(2026, 11, 25), dt.date(2026, 11, 25))
    participate(Change(tenants.a.consultant), tenants.a.person, ParticipatieSoort.WERK, "100",
                dt.date(2026, 8, 1), dt.date(2026, 10, 31))

    assert Participatie.objects.count() == 2
