"""Who sees and does what in begeleiding (policy as data, read by the views)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from koers.access.constants import DataCategory, Role

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from koers.access.models import User
    from koers.people.models import Person

# Who opens the tab "Begeleiding" of a dossier they reach. A language provider does not.
TAB_ROLES = frozenset({Role.CONSULTANT, Role.TEAM_LEAD, Role.MB_BEGELEIDER, Role.VRIJWILLIGER})
# Who works in the trajectory (phases, checklist, appointments, plan, handover): koers.access.can_edit.
# Who decides on an extension: the municipality's consultant (never the worker who asked).
DECIDING_ROLES = frozenset({Role.CONSULTANT})
CASELOAD_ROLES = frozenset({Role.TEAM_LEAD})
CALL_LIST_ROLES = frozenset({Role.MB_BEGELEIDER, Role.CONSULTANT})
POLICY_ROLES = frozenset({Role.FUNCTIONAL_ADMIN})
# Who sees the volunteer pool of their organisation, and who has "Mijn maatjes".
POOL_ROLES = frozenset({Role.MB_BEGELEIDER})
VOLUNTEER_ROLES = frozenset({Role.VRIJWILLIGER})

# The data category each part of the trajectory belongs to.
PHASE_CATEGORY = DataCategory.IDENTITY
APPOINTMENT_CATEGORY = DataCategory.CONTACT
CHECKLIST_CATEGORY = DataCategory.FINANCE
PLAN_CATEGORY = DataCategory.NOTES
SECTION_KEY = "begeleiding"

# Signalering: who refers and follows referrals up, brings dossiers into the case meeting, and plans
# group sessions; who keeps the social map of their municipality and who may consult it.
REFERRAL_ROLES = frozenset({Role.MB_BEGELEIDER, Role.CONSULTANT})
REFERRAL_SECTION_KEY = "verwijzingen"
REFERRAL_CATEGORY = DataCategory.NOTES
CASE_MEETING_ROLES = REFERRAL_ROLES
SESSION_ROLES = frozenset({Role.MB_BEGELEIDER, Role.CONSULTANT})
SOCIAL_MAP_ADMIN_ROLES = frozenset({Role.FUNCTIONAL_ADMIN})
SOCIAL_MAP_ROLES = SOCIAL_MAP_ADMIN_ROLES | REFERRAL_ROLES


def own_persons(user: User, persons: QuerySet[Person]) -> QuerySet[Person]:
    """Of ``persons``, those the user works with by name: as their consultant, as the worker of their
    MB trajectory, or by an assignment running today. Their ids are read first (one indexed query
    each), so the persons are then found by primary key rather than by testing every visible one."""
    from koers.lib import clock
    from koers.people.models import named_persons

    from .models import Trajectory

    worked = Trajectory.objects.filter(worker=user).values_list("person_id", flat=True)
    return persons.filter(pk__in=named_persons(user, clock.today()) | set(worked))
