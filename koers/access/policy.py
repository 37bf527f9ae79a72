"""The access model in one place: which role reaches which dossiers, and which data it may see.

Views, API endpoints and reports never decide access themselves; they ask ``koers.access.query``,
which reads these two tables.
"""

from __future__ import annotations

from .constants import DataCategory as C
from .constants import Role, Scope

ROLE_SCOPE: dict[Role, Scope] = {
    Role.CONSULTANT: Scope.MUNICIPALITY,
    Role.TEAM_LEAD: Scope.MUNICIPALITY,
    Role.MB_BEGELEIDER: Scope.ORGANISATION,
    Role.TAALAANBIEDER: Scope.ORGANISATION,
    Role.VRIJWILLIGER: Scope.ASSIGNMENT,
    Role.POLICY_ANALYST: Scope.NONE,
    Role.FUNCTIONAL_ADMIN: Scope.NONE,
}

ALL_CATEGORIES = frozenset(C)

ROLE_CATEGORIES: dict[Role, frozenset[C]] = {
    Role.CONSULTANT: ALL_CATEGORIES,
    Role.TEAM_LEAD: frozenset({C.IDENTITY, C.CONTACT, C.EDUCATION_WORK, C.DUO}),
    Role.MB_BEGELEIDER: frozenset({C.IDENTITY, C.CONTACT, C.BSN, C.HEALTH, C.FINANCE, C.EDUCATION_WORK, C.NOTES}),
    Role.TAALAANBIEDER: frozenset({C.IDENTITY, C.CONTACT, C.EDUCATION_WORK}),
    Role.VRIJWILLIGER: frozenset({C.IDENTITY, C.CONTACT}),
    Role.POLICY_ANALYST: frozenset(),
    Role.FUNCTIONAL_ADMIN: frozenset(),
}

# Roles that may register a new person (koppeling) and change dossier data in their scope.
REGISTERING_ROLES = frozenset({Role.CONSULTANT})
EDITING_ROLES = frozenset({Role.CONSULTANT, Role.MB_BEGELEIDER})
