"""Deadlines of maatschappelijke begeleiding for the signal engine (``koers.lib.deadlines``): the next
measurement moment, the end of MB, an opstartfase running over its target, a call of the call list,
tasks and an extension request waiting for a decision. Set-based: a handful of queries for any
number of persons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory
from koers.lib.deadlines import Deadline, DeadlineSource, register_deadline_source
from koers.people.constants import Phase

from .constants import ExtensionStatus, ReferralStatus, SupportMode
from .models import CallRecord, Extension, Measurement, Referral, Task, Trajectory, VolunteerReport
from .policy import PolicySettings
from .services import add_months

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


def _open_trajectories(person_ids: Sequence[int] | None):
    qs = Trajectory.objects.exclude(state=Phase.AFGESLOTEN).select_related("policy")
    return qs.filter(person_id__in=person_ids) if person_ids is not None else qs


def compute(person_ids: Sequence[int] | None, today: dt.date) -> Iterator[Deadline]:
    yield from _concerns(person_ids)
    yield from _referrals(person_ids)
    yield from _trajectories(person_ids)


def _concerns(person_ids: Sequence[int] | None) -> Iterator[Deadline]:
    """A volunteer's concern is due the day it was reported, until the MB-begeleider handles it."""
    reports = VolunteerReport.objects.filter(concern=True, handled_on__isnull=True)
    if person_ids is not None:
        reports = reports.filter(person_id__in=person_ids)
    for report in reports.only("id", "person_id", "written_on"):
        yield Deadline(report.person_id, CONCERN, report.written_on, DataCategory.NOTES, f"zorg:{report.pk}")


def _referrals(person_ids: Sequence[int] | None) -> Iterator[Deadline]:
    """A referral with a follow-up date is due then, until it is closed."""
    referrals = Referral.objects.filter(follow_up_on__isnull=False).exclude(status=ReferralStatus.CLOSED)
    if person_ids is not None:
        referrals = referrals.filter(person_id__in=person_ids)
    for referral in referrals.only("id", "person_id", "follow_up_on"):
        yield Deadline(referral.person_id, REFERRAL, referral.follow_up_on, DataCategory.NOTES,
                       f"verwijzing:{referral.pk}")


def _trajectories(person_ids: Sequence[int] | None) -> Iterator[Deadline]:
    trajectories = list(_open_trajectories(person_ids).only(
        "id", "person_id", "state", "state_since", "mb_start", "planned_end", "support_mode",
        "support_mode_since", "policy__id", "policy__data",
    ))
    if not trajectories:
        return
    ids = [t.pk for t in trajectories]
    settings: dict[int, PolicySettings] = {}
    measured: set[tuple[int, int]] = set(Measurement.objects.filter(trajectory_id__in=ids)
                                         .values_list("trajectory_id", "month"))
    last_calls = dict(CallRecord.objects.filter(trajectory_id__in=ids).values("trajectory_id")
                      .annotate(last=Max("called_on")).values_list("trajectory_id", "last"))
    for t in trajectories:
        policy = settings.setdefault(t.policy_id, t.policy.settings)
        yield from _trajectory_deadlines(t, policy, measured, last_calls.get(t.pk))
    person_of = {t.pk: t.person_id for t in trajectories}
    for task in Task.objects.filter(trajectory_id__in=ids, done_on__isnull=True).only("id", "trajectory_id", "due", "title"):
        yield Deadline(person_of[task.trajectory_id], TASK, task.due, DataCategory.NOTES, f"taak:{task.pk}",
                       task.title)
    for ext in Extension.objects.filter(trajectory_id__in=ids, status=ExtensionStatus.REQUESTED).only(
        "id", "trajectory_id", "requested_on"
    ):
        yield Deadline(person_of[ext.trajectory_id], EXTENSION,
                       ext.requested_on + dt.timedelta(days=EXTENSION_DECISION_DAYS), DataCategory.NOTES,
                       f"verlenging:{ext.pk}")


def _trajectory_deadlines(t: Trajectory, policy: PolicySettings, measured: set[tuple[int, int]],
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


def register() -> None:
    register_deadline_source(DeadlineSource("begeleiding", KINDS, compute,
                                             watches=("begeleiding.VolunteerReport", "begeleiding.Referral")))
