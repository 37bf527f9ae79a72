"""Six months from the first benefit payment, plus extensions, unless the right to benefit ends."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from koers.audit.models import Channel
from koers.lib.changes import ChangeContext
from koers.ontzorgen.constants import ArrangementStatus
from koers.ontzorgen.models import Extension
from koers.ontzorgen.services import end_arrangement, extend_arrangement
from koers.people.models import TimelineEvent

from .factories import ArrangementFactory


@pytest.mark.parametrize(
    ("start", "last_day"),
    [
        (dt.date(2026, 9, 1), dt.date(2027, 2, 28)),
        (dt.date(2026, 8, 31), dt.date(2027, 2, 28)),
        (dt.date(2027, 8, 29), dt.date(2028, 2, 28)),
        (dt.date(2027, 8, 30), dt.date(2028, 2, 29)),
        (dt.date(2027, 2, 28), dt.date(2027, 8, 27)),
    ],
)
def test_the_last_day_is_six_calendar_months_on(tenants, start, last_day):
    arrangement = ArrangementFactory(household=tenants.a.person.household, start=start)
    assert arrangement.last_day == last_day
    assert arrangement.runs_on(last_day) and not arrangement.runs_on(last_day + dt.timedelta(days=1))


def test_extensions_add_to_the_end_then_in_force(tenants):
    arrangement = ArrangementFactory(household=tenants.a.person.household, start=dt.date(2026, 2, 28))
    for months in (1, 2):
        Extension.objects.create(
            arrangement=arrangement, months=months, reason="x", approved_by=tenants.a.consultant
        )
    assert arrangement.end == dt.date(2026, 11, 28)


def test_an_early_end_stops_it_and_is_recorded(tenants, arrangement):
    end_arrangement(
        by=ChangeContext(tenants.a.consultant, "t", Channel.UI),
        arrangement=arrangement,
        ended_on=dt.date(2026, 11, 1),
        reason="Werk gevonden, geen uitkering meer",
    )
    assert arrangement.last_day == dt.date(2026, 10, 31)
    assert arrangement.status_on(dt.date(2026, 11, 25)) == ArrangementStatus.ENDED
    assert TimelineEvent.objects.filter(
        person=tenants.a.person, title="Financieel ontzorgen beëindigd"
    ).exists()
    with pytest.raises(ValidationError):
        extend_arrangement(
            by=ChangeContext(tenants.a.consultant, "t", Channel.UI),
            arrangement=arrangement,
            months=2,
            reason="x",
        )


def test_an_early_end_must_lie_inside_the_arrangement(tenants, arrangement):
    for day in (dt.date(2026, 9, 1), dt.date(2027, 3, 1)):
        with pytest.raises(ValidationError):
            end_arrangement(
                by=ChangeContext(tenants.a.consultant, "t", Channel.UI),
                arrangement=arrangement,
                ended_on=day,
                reason="x",
            )
    arrangement.refresh_from_db()
    assert arrangement.ended_on is None


def test_status_before_during_and_after(tenants, arrangement):
    assert arrangement.status_on(dt.date(2026, 8, 31)) == ArrangementStatus.NOT_STARTED
    assert arrangement.status_on(dt.date(2027, 2, 28)) == ArrangementStatus.RUNNING
    assert arrangement.status_on(dt.date(2027, 3, 1)) == ArrangementStatus.EXPIRED
