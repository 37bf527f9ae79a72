"""Who sees the dashboards, of which municipalities, and how looking at them is logged.

Dashboards show aggregates only, so they are open to the roles that oversee a municipality (policy
analyst, team lead, consultant) for the municipalities their organisation serves; volunteers,
providers and MB workers see no dashboards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from koers.access.constants import Role
from koers.access.query import municipalities_with
from koers.audit.log import record
from koers.audit.models import Action, Channel

if TYPE_CHECKING:
    from django.http import HttpRequest

    from koers.access.models import User

MONITORING_ROLES = frozenset({Role.POLICY_ANALYST, Role.TEAM_LEAD, Role.CONSULTANT})

PURPOSE = "Scherm: monitoring (totalen)"


def monitored_municipalities(user: User) -> frozenset[int]:
    """The municipalities whose figures ``user`` may see (empty: no dashboards at all)."""
    return municipalities_with(user, MONITORING_ROLES)


def record_aggregate_read(
    request: HttpRequest, *, action: Action, municipality_ids: frozenset[int], detail: str
) -> None:
    """One log line for a dashboard or export: aggregates only, so no person; the municipality when
    there is exactly one."""
    record(
        user=request.user,
        action=action,
        purpose=PURPOSE,
        channel=Channel.UI,
        request=request,
        detail=detail,
        aggregate=True,
        municipality_id=next(iter(municipality_ids)) if len(municipality_ids) == 1 else None,
    )
