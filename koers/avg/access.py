"""Who handles the data subject's AVG requests on a dossier (``RIGHTS_ROLES`` in the access policy)."""

from __future__ import annotations

from koers.access.models import User
from koers.access.policy import RIGHTS_ROLES
from koers.access.query import acts_for
from koers.people.models import Person


def may_handle_rights(user: User, person: Person) -> bool:
    """The consultant of the person's own municipality: the export holds every category, which a
    municipality that reaches the dossier through a transfer may not see."""
    return acts_for(user, person, RIGHTS_ROLES)
