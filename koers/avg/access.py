"""Who handles the data subject's AVG requests on a dossier."""

from __future__ import annotations

from koers.access.constants import Role
from koers.access.models import User
from koers.access.query import grants_reaching
from koers.people.models import Person

# The consultant handles the data subject's requests on the dossiers of their municipality.
RIGHTS_ROLES = frozenset({Role.CONSULTANT})


def may_handle_rights(user: User, person: Person) -> bool:
    return any(grant.role in RIGHTS_ROLES for grant in grants_reaching(user, person))
