"""Deadlines of maatschappelijke begeleiding for the signal engine (``koers.lib.deadlines``): the next
measurement moment, the end of MB, an opstartfase running over its target, a call of the call list,
tasks and an extension request waiting for a decision, a volunteer's concern and a referral to follow
up. Set-based: a handful of queries for any number of persons, one source per kind of record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from django.db.models import Max, Model, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory
from koers.lib.dates import add_months
from koers.lib.deadlines import Deadline, DeadlineSource, Watch, register_deadline_source
from koers.lib.prepared import ForFew
from koers.people.constants import Phase

from .constants import ExtensionStatus, ReferralStatus, SupportMode
from .models import CallRecord, Extension, MbPolicy, Measurement, Referral, Task, Trajectory, VolunteerReport
from .policy import PolicySettings

MEASUREMENT = "begeleiding.meetmoment"
MB_END = "begeleiding.einde"
OPSTART_OVERRUN = "begeleiding.opstartfase"
CALL = "begeleiding.bellen"
TASK = "begeleiding.taak"
EXTENSION = "begeleiding.verlenging"
CONCERN = "begeleiding.zorgmelding"
REFERRAL = "begeleiding.verwijzing"
EXTENSION_DECISION_DAYS = 14

KINDS = {
    MEASUREMENT: _("Meetmoment zelfredzaamheid"),
    MB_END: _("Einde maatschappelijke begeleiding"),
    OPSTART_OVERRUN: _("Opstartfase duurt langer dan de streefduur"),
    CALL: _("Bellijst: bellen"),
    TASK: _("Taak in de begeleiding"),
    EXTENSION: _("Verzoek om verlenging wacht op besluit"),
    CONCERN: _("Zorgmelding van een maatje"),
    REFERRAL: _("Verwijzing opvolgen"),
}
RUNNING = (Phase.OPSTARTFASE, Phase.VERDERE_BEGELEIDING)
OF_OPEN_TRAJECTORY = "trajectory__person_id"
"""The person of a record of a trajectory (task, measurement, extension)."""


def trajectory_person(record: Model) -> Iterable[int]:
    """The person of the trajectory a record (task, measurement, call...) belongs to."""
    return Trajectory.objects.filter(pk=record.trajectory_id).values_list("person_id", flat=True)


def compute(person_ids: Sequence[int] | None, today: dt.date) -> Iterator[Deadline]:
    """Every begeleiding deadline (the sources below together)."""
    for source in SOURCES:
        yield from source.compute(person_ids, today)


CONCERNS = ForFew(VolunteerReport.objects.filter(concern=True, handled_on__isnull=True).order_by().values_list(
    "pk", "person_id", "written_on"
))


def compute_concerns(person_ids: Sequence[int] | None, today: dt.date) -> Iterator[Deadline]:
    """A volunteer's concern is due the day it was reported, until the MB-begeleider handles it."""
    for pk, person_id, written_on in CONCERNS.of(person_ids):
        yield Deadline(person_id, CONCERN, written_on, DataCategory.NOTES, f"zorg:{pk}")


REFERRALS = ForFew(Referral.objects.filter(follow_up_on__isnull=False).exclude(status=ReferralStatus.CLOSED)
                   .order_by().values_list("pk", "person_id", "follow_up_on"))


def compute_referrals(person_ids: Sequence[int] | None, today: dt.date) -> Iterator[Deadline]:
    """A referral with a follow-up date is due then, until it is closed."""
    for pk, person_id, follow_up_on in REFERRALS.of(person_ids):
        yield Deadline(person_id, REFERRAL, follow_up_on, DataCategory.NOTES, f"verwijzing:{pk}")


class OpenTrajectory(NamedTuple):
    """What the clocks of an open trajectory are computed from (a row, not a model: a bulk recompute
    reads hundreds of thousands)."""

    pk: int
    person_id: int
    state: str
    state_since: dt.date
    mb_start: dt.date | None
    planned_end: dt.date | None
    support_mode: str
    support_mode_since: dt.date | None
    policy_id: int
    last_call: dt.date | None


LAST_CALL = CallRecord.objects.filter(trajectory_id=OuterRef("pk")).order_by().values("trajectory_id").annotate(
    last=Max("called_on")
).values("last")
OPEN_TRAJECTORIES = Trajectory.objects.exclude(state=Phase.AFGESLOTEN).order_by().annotate(
    last_call=Subquery(LAST_CALL)
).values_list(*OpenTrajectory._fields)
OPEN_TRAJECTORIES_OF_FEW = ForFew(OPEN_TRAJECTORIES.values_list(*OpenTrajectory._fields, "policy__data"))
"""For a few persons the policy comes along in the same query (a bulk pass reads each policy once)."""
MEASURED = ForFew(Measurement.objects.exclude(trajectory__state=Phase.AFGESLOTEN).order_by().values_list(
    "trajectory_id", "month"
), OF_OPEN_TRAJECTORY)


def compute_trajectories(person_ids: Sequence[int] | None, today: dt.date) -> Iterator[Deadline]:
    """The clocks of an open trajectory: measurement moment, end of MB, opstartfase, the call list.
    One query for the trajectories (the last call joined in), one for their policies (each read
    once; for a few persons joined in) and, when a plan asks for them, one for the measurements made."""
    if person_ids is None:
        trajectories = [OpenTrajectory(*row) for row in OPEN_TRAJECTORIES.all()]
        settings = {
            policy.pk: policy.settings
            for policy in MbPolicy.objects.filter(pk__in={t.policy_id for t in trajectories})
        }
    else:
        rows = OPEN_TRAJECTORIES_OF_FEW.rows(person_ids)
        trajectories = [OpenTrajectory(*row[:-1]) for row in rows]
        settings = {t.policy_id: PolicySettings.from_data(row[-1]) for t, row in zip(trajectories, rows, strict=True)}
    if not trajectories:
        return
    measuring = any(_measures(t, settings[t.policy_id]) for t in trajectories)
    measured: set[tuple[int, int]] = set(MEASURED.of(person_ids)) if measuring else set()
    for t in trajectories:
        yield from _trajectory_deadlines(t, settings[t.policy_id], measured, t.last_call)


def _measures(t: OpenTrajectory, policy: PolicySettings) -> bool:
    return bool(t.mb_start and t.state in RUNNING and policy.has_plan and policy.measurement_months)


OPEN_TASKS = ForFew(Task.objects.filter(done_on__isnull=True).exclude(trajectory__state=Phase.AFGESLOTEN).order_by()
                    .values_list("pk", OF_OPEN_TRAJECTORY, "due", "title"), OF_OPEN_TRAJECTORY)


def compute_tasks(person_ids: Sequence[int] | None, today: dt.date) -> Iterator[Deadline]:
    """An open task of an open trajectory is due on its day."""
    for pk, person_id, due, title in OPEN_TASKS.of(person_ids):
        yield Deadline(person_id, TASK, due, DataCategory.NOTES, f"taak:{pk}", title)


REQUESTED_EXTENSIONS = ForFew(
    Extension.objects.filter(status=ExtensionStatus.REQUESTED).exclude(trajectory__state=Phase.AFGESLOTEN)
    .order_by().values_list("pk", OF_OPEN_TRAJECTORY, "requested_on"), OF_OPEN_TRAJECTORY,
)


def compute_extensions(person_ids: Sequence[int] | None, today: dt.date) -> Iterator[Deadline]:
    """A requested extension of an open trajectory waits for a decision, due two weeks after the request."""
    for pk, person_id, requested_on in REQUESTED_EXTENSIONS.of(person_ids):
        yield Deadline(person_id, EXTENSION, requested_on + dt.timedelta(days=EXTENSION_DECISION_DAYS),
                       DataCategory.NOTES, f"verlenging:{pk}")


def _trajectory_deadlines(t: OpenTrajectory, policy: PolicySettings, measured: set[tuple[int, int]],
                          last_call: dt.date | None) -> Iterator[Deadline]:
    if t.mb_start and t.state in RUNNING:
        pending = [m for m in policy.measurement_months if (t.pk, m) not in measured]
        if pending and policy.has_plan:
            month = pending[0]
            yield Deadline(t.person_id, MEASUREMENT, add_months(t.mb_start, month), DataCategory.NOTES,
                           f"meting:{t.pk}:{month}")
        if t.planned_end:
            yield Deadline(t.person_id, MB_END, t.planned_end, DataCategory.IDENTITY, f"traject:{t.pk}")
    if t.state == Phase.OPSTARTFASE:
        target = policy.phase_target(Phase.OPSTARTFASE)
        if target:
            yield Deadline(t.person_id, OPSTART_OVERRUN, t.state_since + dt.timedelta(days=target),
                           DataCategory.IDENTITY, f"opstart:{t.pk}")
    if (t.state == Phase.VERDERE_BEGELEIDING and t.support_mode == SupportMode.ON_DEMAND
            and policy.call_interval_months):
        since = last_call or t.support_mode_since or t.state_since
        yield Deadline(t.person_id, CALL, add_months(since, policy.call_interval_months), DataCategory.CONTACT,
                       f"bellen:{t.pk}")


def _kinds(*kinds: str) -> dict:
    return {kind: KINDS[kind] for kind in kinds}


TRAJECTORY = "begeleiding.Trajectory"
SOURCES = (
    DeadlineSource("begeleiding", _kinds(MEASUREMENT, MB_END, OPSTART_OVERRUN, CALL), compute_trajectories,
                   watches=(TRAJECTORY, Watch("begeleiding.Measurement", trajectory_person),
                            Watch("begeleiding.CallRecord", trajectory_person))),
    DeadlineSource("begeleiding.taak", _kinds(TASK), compute_tasks,
                   watches=(TRAJECTORY, Watch("begeleiding.Task", trajectory_person))),
    DeadlineSource("begeleiding.verlenging", _kinds(EXTENSION), compute_extensions,
                   watches=(TRAJECTORY, Watch("begeleiding.Extension", trajectory_person))),
    DeadlineSource("begeleiding.zorgmelding", _kinds(CONCERN), compute_concerns,
                   watches=("begeleiding.VolunteerReport",)),
    DeadlineSource("begeleiding.verwijzing", _kinds(REFERRAL), compute_referrals, watches=("begeleiding.Referral",)),
)
"""One source per kind of record the deadlines come from, so that a change recomputes only what
depends on it."""


def register() -> None:
    for source in SOURCES:
        register_deadline_source(source)
