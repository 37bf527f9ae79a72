"""The dossier tab "Participatie en werk": work goals, participation hours, barriers and schemes. It is
part of the living development plan, so the plan's roles see it (``plan_tabs.PLAN_ROLES``); within it
each part shows only to a user who may see its data category."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .plan_tabs import PLAN_ROLES

SECTION_KEY = "participatie"


def register() -> None:
    from koers.lib.navigation import DossierSection, register_dossier_section

    register_dossier_section(
        DossierSection(SECTION_KEY, _("Participatie en werk"), "inburgering:participatie", roles=PLAN_ROLES,
                       order=32)
    )
