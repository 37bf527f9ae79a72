"""The municipality's thresholds for policy-dependent signals: read for all municipalities at once,
checked, and changed by the functional administrator as a new version (``save_policy``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.models import Municipality, User
from koers.lib import jobs

from .models import SignalPolicy, SignalPolicyVersion


@dataclass(frozen=True)
class Thresholds:
    hours_min_percent: int = 80
    hours_window_weeks: int = 8
    no_contact_weeks: int = 6
    offer_weeks: int = 4
    objection_committee: bool = False
    """Objections are heard by an advisory committee (Awb art. 7:13): twelve weeks to decide."""


DEFAULT = Thresholds()
RECOMPUTE_TASK = "signals.recompute_municipality"
"""The background job that recomputes a municipality's signals after its policy changed."""

LIMITS = {
    "hours_min_percent": (1, 100),
    "hours_window_weeks": (1, 52),
    "no_contact_weeks": (1, 52),
    "offer_weeks": (1, 52),
}
"""The smallest and largest value of each threshold."""
FLAGS = ("objection_committee",)
"""The yes/no settings of the policy."""


def _thresholds(row: SignalPolicy) -> Thresholds:
    return Thresholds(**{field.name: getattr(row, field.name) for field in fields(Thresholds)})


def thresholds_by_municipality() -> dict[int, Thresholds]:
    """Every municipality's own thresholds (one query); a municipality without a row uses ``DEFAULT``."""
    return {row.municipality_id: _thresholds(row) for row in SignalPolicy.objects.all()}


def current_thresholds(municipality: Municipality) -> Thresholds:
    row = SignalPolicy.objects.filter(municipality=municipality).first()
    return DEFAULT if row is None else _thresholds(row)


def threshold_errors(thresholds: Thresholds) -> dict[str, str]:
    """What is wrong with the thresholds, per field (empty: nothing)."""
    errors = {}
    for name, (low, high) in LIMITS.items():
        value = getattr(thresholds, name)
        if not low <= value <= high:
            errors[name] = _("Vul een getal in van %(low)d tot en met %(high)d.") % {"low": low, "high": high}
    return errors


@transaction.atomic
def save_policy(*, actor: User, municipality: Municipality, thresholds: Thresholds, reason: str) -> SignalPolicyVersion:
    """Make ``thresholds`` the municipality's policy, as its next version (the earlier ones stay)."""
    errors = threshold_errors(thresholds)
    if not reason.strip():
        errors["reason"] = _("Geef de reden van de wijziging.")
    if errors:
        raise ValidationError(errors)
    latest = SignalPolicyVersion.objects.select_for_update().filter(municipality=municipality).first()
    values = asdict(thresholds)
    SignalPolicy.objects.update_or_create(municipality=municipality, defaults=values)
    saved = SignalPolicyVersion.objects.create(
        municipality=municipality, version=(latest.version + 1) if latest else 1, reason=reason.strip()[:300],
        created_by=actor, **values,
    )
    jobs.enqueue(RECOMPUTE_TASK, municipality_id=municipality.pk)
    return saved


def describe(version: SignalPolicyVersion) -> str:
    """The thresholds of a version in one line, for the audit log."""
    return ", ".join(f"{name}={getattr(version, name)}" for name in (*LIMITS, *FLAGS)) + f" ({version.reason})"
