"""The access model in one place: which role reaches which dossiers, and which data it may see.

Views, API endpoints and reports never decide access themselves; they ask ``koers.access.query``,
which reads these two tables.
"""

from __future__ import annotations

from .constants import DataCategory as C
from .constants import OrganisationKind, Recipient, Role, Scope

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

# Sharing that needs the person's consent where the law gives no basis, per recipient. Every new
# municipality starts with these rules (``koers.access.consent.ensure_default_rules``); a municipality
# changes them as data (ConsentRule), never in code.
OPEN_TO_PARTNERS = frozenset({C.IDENTITY, C.CONTACT, C.EDUCATION_WORK})

DEFAULT_CONSENT_RULES: dict[Recipient, frozenset[C]] = {
    Recipient.MB_ORGANISATION: frozenset({C.HEALTH, C.FINANCE, C.NOTES}),
    Recipient.VOLUNTEER: ALL_CATEGORIES - OPEN_TO_PARTNERS,
    Recipient.LANGUAGE_PROVIDER: ALL_CATEGORIES - OPEN_TO_PARTNERS,
    Recipient.OTHER_PARTNER: ALL_CATEGORIES - OPEN_TO_PARTNERS,
    Recipient.NEXT_MUNICIPALITY: ALL_CATEGORIES,
}

# Which recipient an organisation of each kind is; the municipal team (and the teams of a
# centrumgemeente) work on the legal basis of the Wet inburgering 2021 and need no consent.
KIND_RECIPIENT: dict[OrganisationKind, Recipient | None] = {
    OrganisationKind.MUNICIPAL_TEAM: None,
    OrganisationKind.MB_ORGANISATION: Recipient.MB_ORGANISATION,
    OrganisationKind.LANGUAGE_PROVIDER: Recipient.LANGUAGE_PROVIDER,
    OrganisationKind.OTHER_PARTNER: Recipient.OTHER_PARTNER,
}
ROLE_RECIPIENT: dict[Role, Recipient] = {Role.VRIJWILLIGER: Recipient.VOLUNTEER}

# Who records and withdraws consent in the dossier.
CONSENT_ROLES = frozenset({Role.CONSULTANT, Role.MB_BEGELEIDER})
# Who records the overdracht of a dossier to the next municipality after a move.
TRANSFER_ROLES = frozenset({Role.CONSULTANT})
# Who handles the data subject's AVG requests on a dossier: export, correction, restriction.
RIGHTS_ROLES = frozenset({Role.CONSULTANT})
# Who keeps the audit log (search, inzageverzoek), the retention periods and the anonymisation
# report of their municipalities; they never open a dossier.
PRIVACY_ROLES = frozenset({Role.FUNCTIONAL_ADMIN})
# Who reads the unusual-access report of their municipalities: the privacy officer, and the team
# lead who answers for the team.
UNUSUAL_ACCESS_ROLES = PRIVACY_ROLES | {Role.TEAM_LEAD}
