"""The ontzorgen deadlines for the signal engine."""

import datetime as dt

from dateutil.relativedelta import relativedelta

from koers.access.constants import DataCategory
from koers.audit.models import Channel
from koers.lib.changes import ChangeContext
from koers.lib.deadlines import deadlines_for, kind_label
from koers.ontzorgen.constants import StepKind, StepStatus
from koers.ontzorgen.deadlines import ENDING, RUN_MISSING, STEP_DUE, compute
from koers.ontzorgen.models import Extension, PhaseOutStep
from koers.ontzorgen.runs import prepare_run

from .factories import ArrangementFactory, WithheldItemFactory

TODAY = dt.date(2026, 11, 25)


def kinds(person_ids=None, today=TODAY):
    return {(d.kind, d.person_id, d.due) for d in compute(person_ids, today)}


def test_an_arrangement_ending_within_six_weeks_is_signalled_on_its_last_day(tenants):
    arrangement = ArrangementFactory(household=tenants.a.person.household, start=dt.date(2026, 7, 1))
    assert (ENDING, tenants.a.person.pk, dt.date(2026, 12, 31)) in kinds()
    Extension.objects.create(
        arrangement=arrangement, months=3, reason="Toeslagen", approved_by=tenants.a.consultant
    )
    assert not any(kind == ENDING for kind, _, _ in kinds())


def test_the_six_week_window_has_exact_edges(tenants):
    ArrangementFactory(household=tenants.a.person.household, start=dt.date(2026, 7, 6))
    end = dt.date(2027, 1, 6)
    assert any(k == ENDING for k, _, _ in kinds(today=end - dt.timedelta(weeks=6)))
    assert not any(k == ENDING for k, _, _ in kinds(today=end - dt.timedelta(weeks=6, days=1)))
    assert not any(k == ENDING for k, _, _ in kinds(today=end))


def test_a_planned_phase_out_step_is_signalled_within_two_weeks(tenants, arrangement):
    for kind, description, due_date, status in (
        (StepKind.BUDGET_COACHING, "Budgettraining", dt.date(2026, 12, 9), StepStatus.PLANNED),
        (StepKind.BUDGET_COACHING, "Later", dt.date(2026, 12, 10), StepStatus.PLANNED),
        (StepKind.OTHER, "Klaar", dt.date(2026, 11, 1), StepStatus.DONE),
    ):
        PhaseOutStep.objects.create(arrangement=arrangement, kind=kind, description=description, due_date=due_date,
                                    status=status)
    steps = [d for d in compute(None, TODAY) if d.kind == STEP_DUE]
    assert [(d.due, d.detail, d.category) for d in steps] == [
        (dt.date(2026, 12, 9), "Budgettraining", DataCategory.FINANCE)
    ]


def test_a_missing_run_for_next_month_is_signalled_until_it_is_prepared(tenants, arrangement):
    WithheldItemFactory(arrangement=arrangement)
    assert (RUN_MISSING, tenants.a.person.pk, dt.date(2026, 11, 30)) in kinds()
    assert not any(k == RUN_MISSING for k, _, _ in kinds(today=dt.date(2026, 11, 14)))
    prepare_run(
        municipality=tenants.a.municipality,
        month=dt.date(2026, 12, 1),
        by=ChangeContext(tenants.a.consultant, "t", Channel.UI),
    )
    assert not any(k == RUN_MISSING for k, _, _ in kinds())


def test_the_source_is_registered_and_filters_on_persons(tenants, arrangement):
    ArrangementFactory(household=tenants.b.person.household, start=TODAY - relativedelta(months=5))
    everyone = {d.person_id for d in deadlines_for(None, TODAY) if d.kind.startswith("ontzorgen.")}
    assert everyone == {tenants.a.person.pk, tenants.b.person.pk}
    assert {d.person_id for d in compute([tenants.b.person.pk], TODAY)} == {tenants.b.person.pk}
    assert str(kind_label(ENDING)) == "Ontzorgen eindigt binnen zes weken"
