"""MB policy as data: what one municipality's begeleiding looks like (phases and their target
durations, the start-up checklist, the life domains of the plan, the measurement moments, the
duration and the extension rule, the call list and the case meetings).

A policy is stored as a versioned row per municipality (``models.MbPolicy``); a trajectory pins the
version it started with, so changing the policy never changes a running trajectory.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from koers.people.constants import Phase

from .constants import ChecklistGroup, StartTrigger

# The phases with a target duration, in the order of the chain.
TIMED_PHASES = (
    Phase.KOPPELING,
    Phase.HUISVESTING,
    Phase.REGELDAG,
    Phase.OPSTARTFASE,
    Phase.VERDERE_BEGELEIDING,
    Phase.AFRONDING,
)
MIN_DURATION_MONTHS = 6
MAX_DURATION_MONTHS = 36
MAX_EXTENSION_MONTHS = 12
MAX_CALL_INTERVAL_MONTHS = 12
MAX_CASE_MEETING_WEEKS = 13
MAX_CAPACITY = 200
MAX_PHASE_DAYS = 3 * 366


@dataclass(frozen=True)
class ChecklistSpec:
    key: str
    group: str
    label: str
    default: bool = True
    """Generated as "to do" when true; otherwise generated as "not needed" (the worker may switch it on)."""


@dataclass(frozen=True)
class DomainSpec:
    key: str
    label: str


@dataclass(frozen=True)
class PolicySettings:
    phase_days: dict[str, int]
    checklist: tuple[ChecklistSpec, ...]
    domains: tuple[DomainSpec, ...]
    measurement_months: tuple[int, ...]
    duration_months: int
    extension_months: int
    """0: no extension possible; otherwise the months one approved request adds."""
    max_extensions: int
    call_interval_months: int
    """0: no call list."""
    case_meeting_weeks: int
    """0: no fixed case meeting."""
    capacity_per_worker: int
    start_trigger: str = StartTrigger.REGELDAG
    final_interview: bool = True
    notes: str = field(default="", compare=False)

    @property
    def has_plan(self) -> bool:
        return bool(self.domains)

    def phase_target(self, phase: str) -> int | None:
        return self.phase_days.get(phase)

    def to_data(self) -> dict[str, Any]:
        data = asdict(self)
        data["checklist"] = [asdict(item) for item in self.checklist]
        data["domains"] = [asdict(domain) for domain in self.domains]
        data["measurement_months"] = list(self.measurement_months)
        return data

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> PolicySettings:
        return cls(
            phase_days={str(k): int(v) for k, v in data["phase_days"].items()},
            checklist=tuple(ChecklistSpec(**item) for item in data["checklist"]),
            domains=tuple(DomainSpec(**domain) for domain in data["domains"]),
            measurement_months=tuple(int(m) for m in data["measurement_months"]),
            duration_months=int(data["duration_months"]),
            extension_months=int(data["extension_months"]),
            max_extensions=int(data["max_extensions"]),
            call_interval_months=int(data["call_interval_months"]),
            case_meeting_weeks=int(data["case_meeting_weeks"]),
            capacity_per_worker=int(data["capacity_per_worker"]),
            start_trigger=data.get("start_trigger", StartTrigger.REGELDAG),
            final_interview=bool(data.get("final_interview", True)),
            notes=data.get("notes", ""),
        )


def item_key(label: str) -> str:
    return slugify(label)[:60]


def policy_errors(settings: PolicySettings) -> list[str]:
    """Everything wrong with a policy, in Dutch (empty when it may be stored)."""
    errors: list[str] = []
    for phase in TIMED_PHASES:
        days = settings.phase_days.get(phase)
        if days is None or not 1 <= days <= MAX_PHASE_DAYS:
            errors.append(
                _("De streefduur van de fase %(phase)s moet tussen 1 en %(max)d dagen liggen.")
                % {"phase": Phase(phase).label, "max": MAX_PHASE_DAYS}
            )
    if not MIN_DURATION_MONTHS <= settings.duration_months <= MAX_DURATION_MONTHS:
        errors.append(
            _("De standaardduur van de MB ligt tussen %(min)d en %(max)d maanden.")
            % {"min": MIN_DURATION_MONTHS, "max": MAX_DURATION_MONTHS}
        )
    if not 0 <= settings.extension_months <= MAX_EXTENSION_MONTHS:
        errors.append(_("Een verlenging duurt 0 tot %(max)d maanden.") % {"max": MAX_EXTENSION_MONTHS})
    if settings.max_extensions < 0 or settings.max_extensions > 4:
        errors.append(_("Het aantal verlengingen ligt tussen 0 en 4."))
    if settings.extension_months == 0 and settings.max_extensions:
        errors.append(_("Zonder verlengingsduur kan er geen verlenging worden toegestaan."))
    if not settings.checklist:
        errors.append(_("De checklist voor de opstartfase heeft minstens één punt nodig."))
    keys = [item.key for item in settings.checklist]
    if len(set(keys)) != len(keys) or not all(keys):
        errors.append(_("Elk punt van de checklist moet een eigen, niet-lege omschrijving hebben."))
    if any(item.group not in ChecklistGroup.values for item in settings.checklist):
        errors.append(_("Elk punt van de checklist hoort bij een groep: HV, FIN, INS of VL."))
    domain_keys = [domain.key for domain in settings.domains]
    if len(set(domain_keys)) != len(domain_keys) or not all(domain_keys):
        errors.append(_("Elk leefgebied moet een eigen, niet-lege naam hebben."))
    months = list(settings.measurement_months)
    if months != sorted(set(months)):
        errors.append(_("De meetmomenten moeten oplopend zijn en mogen niet dubbel voorkomen."))
    if any(m < 1 or m > settings.duration_months for m in months):
        errors.append(
            _("Elk meetmoment valt binnen de standaardduur van de MB (1 tot en met %(max)d maanden).")
            % {"max": settings.duration_months}
        )
    if months and not settings.domains:
        errors.append(_("Meetmomenten hebben leefgebieden nodig om te scoren."))
    if not 0 <= settings.call_interval_months <= MAX_CALL_INTERVAL_MONTHS:
        errors.append(_("De bellijst-termijn ligt tussen 0 (geen bellijst) en 12 maanden."))
    if not 0 <= settings.case_meeting_weeks <= MAX_CASE_MEETING_WEEKS:
        errors.append(_("Het casuïstiekoverleg is 0 (geen vast overleg) tot 13 weken."))
    if not 1 <= settings.capacity_per_worker <= MAX_CAPACITY:
        errors.append(_("De caseloadnorm ligt tussen 1 en %(max)d personen per begeleider.") % {"max": MAX_CAPACITY})
    if settings.start_trigger not in StartTrigger.values:
        errors.append(_("Het startmoment van de MB is de koppeling of de regeldag."))
    return errors


def validate_policy(settings: PolicySettings) -> None:
    errors = policy_errors(settings)
    if errors:
        raise ValidationError(errors)
