"""The support of a generated asylum migrant, as plain rows: the MB trajectory the municipality starts
at the koppeling (pinned to the municipality's MB policy), its phase steps as the state machine
allows them, the start-up checklist of that policy ticked off as the phases go by, and for the
household the ontzorgingsarrangement from the first benefit payment, now and then ended early or
extended.

Like the rest of the generator it works on day ordinals and plain strings, for speed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from koers.begeleiding.constants import ChecklistStatus, StartTrigger, SupportMode
from koers.begeleiding.policy import PolicySettings
from koers.lib.dates import add_months
from koers.people.constants import Phase

SUPPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "trajectories": (
        "id", "person_id", "policy_id", "state", "state_since", "started_on", "mb_start", "planned_end",
        "support_mode", "support_mode_since", "worker_id", "organisation_id", "closed_on",
    ),
    "transitions": ("id", "trajectory_id", "from_state", "to_state", "on", "reason", "actor_id", "recorded_at"),
    "checklist": (
        "id", "trajectory_id", "key", "group", "label", "position", "status", "changed_by_id", "changed_on",
        "remark",
    ),
    "arrangements": ("id", "household_id", "start", "ended_on", "end_reason", "created_at", "created_by_id"),
    "ontzorgen_extensions": (
        "id", "arrangement_id", "months", "reason", "approved_by_id", "approved_on", "created_at",
    ),
}

OPEN, DONE, NOT_NEEDED = ChecklistStatus.OPEN.value, ChecklistStatus.DONE.value, ChecklistStatus.NOT_NEEDED.value
ACTIVE = SupportMode.ACTIVE.value
HUISVESTING, REGELDAG = Phase.HUISVESTING.value, Phase.REGELDAG.value
OPSTARTFASE, AFGESLOTEN = Phase.OPSTARTFASE.value, Phase.AFGESLOTEN.value
EARLY_CLOSING_REASON = "Verhuisd naar een andere gemeente."
ONTZORGEN_END_REASON = "Recht op bijstand beëindigd: inkomen uit werk."
ONTZORGEN_EXTENSION_REASON = "Betalingsachterstand nog niet opgelost; nog enkele maanden ontzorgen."


@dataclass(frozen=True)
class MbPolicyRef:
    """What the generator needs of a municipality's MB policy version."""

    policy_id: int
    from_koppeling: bool
    """MB starts at the koppeling (otherwise at the regeldag)."""
    duration_months: int
    checklist: tuple[tuple[str, str, str, bool], ...]
    """(key, group, label, on by default) of each start-up item, in order."""

    @classmethod
    def of(cls, policy_id: int, settings: PolicySettings) -> MbPolicyRef:
        return cls(
            policy_id=policy_id,
            from_koppeling=settings.start_trigger == StartTrigger.KOPPELING,
            duration_months=settings.duration_months,
            checklist=tuple((item.key, item.group, item.label, item.default) for item in settings.checklist),
        )


def with_housing(steps: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The steps as the state machine takes them: a household that moves in with a partner who has a
    home already passes huisvesting on the day of the koppeling."""
    if len(steps) < 2 or steps[1][0] != REGELDAG:
        return steps
    return [steps[0], (HUISVESTING, steps[0][1]), *steps[1:]]


class SupportRecords:
    """Mixed into ``DossierGenerator``: ``_trajectory`` and ``_ontzorgen`` add rows to the chunk. They
    throw the generator's ``support_rng``, so the rest of a dossier does not depend on them."""

    def _closed_early(self, steps: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """Now and then a trajectory closes early (the household moves away) some months after the
        start-up phase began: the steps after that day make way for the closing."""
        rng = self.support_rng
        if not rng.chance(0.04):
            return steps
        started = dict(steps)[OPSTARTFASE]
        early = started + rng.between(60, 400)
        return [*(step for step in steps if step[1] < early), (AFGESLOTEN, early)]

    def _trajectory(
        self, person_id: int, site, reached: list[tuple[str, int]], worker: int | None, consultant: int | None
    ) -> None:
        """The MB trajectory of an asylum migrant, its steps up to today and its checklist."""
        policy: MbPolicyRef = site.mb_policy
        chunk = self.chunk
        days = dict(reached)
        koppeling = reached[0][1]
        state, since = reached[-1]
        mb_start = koppeling if policy.from_koppeling else days.get(REGELDAG)
        trajectory_id = self._id("trajectories")
        chunk.trajectories.append(
            (
                trajectory_id, person_id, policy.policy_id, state, self._date(since), self._date(koppeling),
                self._date(mb_start) if mb_start else None,
                self._date(add_months(dt.date.fromordinal(mb_start), policy.duration_months).toordinal())
                if mb_start else None,
                ACTIVE, None, worker if REGELDAG in days else None, site.mb_organisation_id,
                self._date(days[AFGESLOTEN]) if AFGESLOTEN in days else None,
            )
        )
        previous = ""
        for phase, day in with_housing(reached):
            early = phase == AFGESLOTEN and previous != Phase.AFRONDING.value
            actor = worker if worker and day >= days.get(REGELDAG, day + 1) else consultant
            chunk.transitions.append(
                (
                    self._id("transitions"), trajectory_id, previous, phase, self._date(day),
                    EARLY_CLOSING_REASON if early else "", actor, self._ts(self._moment(day, self.support_rng)),
                )
            )
            previous = phase
        self._checklist(trajectory_id, policy, reached, worker or consultant)

    def _checklist(
        self, trajectory_id: int, policy: MbPolicyRef, reached: list[tuple[str, int]], actor: int | None
    ) -> None:
        """The policy's start-up items: open until the regeldag, then done one by one during the
        start-up phase; after it nearly all are done."""
        rng = self.support_rng
        today = self.today
        days = dict(reached)
        regeldag = days.get(REGELDAG)
        started = days.get(OPSTARTFASE)
        phases = [phase for phase, _ in reached]
        after = phases.index(OPSTARTFASE) + 1 if started is not None else len(reached)
        finished = reached[after][1] if after < len(reached) else None
        if regeldag is None:
            share = 0.0
        elif started is None:
            share = 0.2
        elif finished is None:
            share = 0.3 + 0.6 * min(1.0, (today - started) / 90)
        else:
            share = 0.95
        until = min(today, finished or today)
        rows = self.chunk.checklist
        for position, (key, group, label, default) in enumerate(policy.checklist):
            if not default:
                status = DONE if regeldag is not None and rng.chance(share * 0.2) else NOT_NEEDED
            else:
                status = DONE if rng.chance(share) else OPEN
            changed = rng.between(regeldag, max(regeldag, until)) if status == DONE else None
            rows.append(
                (
                    self._id("checklist"), trajectory_id, key, group, label, position, status,
                    actor if changed else None, self._date(changed) if changed else None, "",
                )
            )

    def _ontzorgen(self, household_id: int, regeldag: int | None, consultant: int | None) -> None:
        """Ontzorgen for an asylum household from the first benefit payment, some weeks after the
        regeldag; a few end early (work), a few are extended."""
        if regeldag is None:
            return
        rng = self.support_rng
        start = regeldag + rng.between(14, 45)
        if start > self.today:
            return
        ended = start + rng.between(60, 170) if rng.chance(0.05) else None
        arrangement_id = self._id("arrangements")
        created = self._ts(self._moment(regeldag, rng))
        self.chunk.arrangements.append(
            (
                arrangement_id, household_id, self._date(start), self._date(ended) if ended else None,
                ONTZORGEN_END_REASON if ended else "", created, consultant,
            )
        )
        approved = start + rng.between(120, 170)
        if ended is None and consultant is not None and approved <= self.today and rng.chance(0.15):
            self.chunk.ontzorgen_extensions.append(
                (
                    self._id("ontzorgen_extensions"), arrangement_id, rng.choice((3, 6)),
                    ONTZORGEN_EXTENSION_REASON, consultant, self._date(approved),
                    self._ts(self._moment(approved, rng)),
                )
            )
