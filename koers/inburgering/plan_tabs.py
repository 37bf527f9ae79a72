"""The plan part of the inburgering route in the dossier: the tab "Brede intake en PIP", and who may
see and change it (policy as data, read by the views)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from koers.access.constants import Role

# Who opens the plan of a dossier they reach: the consultant, the team lead (reading) and the MB
# worker (who takes part in the brede intake). Volunteers and language providers do not.
PLAN_ROLES = frozenset({Role.CONSULTANT, Role.TEAM_LEAD, Role.MB_BEGELEIDER})
# Who decides, revises and records objections against a PIP: the consultant alone.
PIP_ROLES = frozenset({Role.CONSULTANT})

SECTION_KEY = "plan"


def register() -> None:
    from koers.lib.navigation import DossierSection, register_dossier_section

    register_dossier_section(
        DossierSection(SECTION_KEY, _("Brede intake en PIP"), "inburgering:plan", roles=PLAN_ROLES, order=25)
    )
