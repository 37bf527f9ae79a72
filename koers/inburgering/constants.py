"""The vocabulary of the inburgering route, with DUO's own code values.

Values are exactly what DUO's M2M specifications send and accept (``API/PIP/openapi.yml``,
``API/Inburgeringsaanbod/openapi.yml``, ``API/MAP,PVT,Zroute/openapi.yml``,
``API/Inburgeringsplicht/openapi.yml``), so a value can travel to and from DUO unchanged. Labels are
Dutch; where the spec has a ``...Description`` schema its text is the label.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.people.constants import TargetGroup


class Leerroute(models.TextChoices):
    """PIP ``leerroute``: the route set in the PIP (Wi2021 art. 15). DUO's codes B, O and Z.

    The spec's description calls the Z-route "Zelfstandigheidsroute"; the law calls it the
    zelfredzaamheidsroute. Everyone says Z-route, so that is the label."""

    B1_ROUTE = "B", _("B1-route")
    ONDERWIJSROUTE = "O", _("Onderwijsroute")
    Z_ROUTE = "Z", _("Z-route")


class Niveau(models.TextChoices):
    """PIP ``niveau`` (schema NiveauPip): the minimum level of the language exams."""

    A2 = "A2", _("A2")
    B1 = "B1", _("B1")


class Alfabetiseringsonderwijs(models.TextChoices):
    """PIP and Inburgeringsaanbod ``indicatorAlfabetiseringsonderwijs``; labels from
    AlfabetiseringsonderwijsDescription."""

    A = "A", _("Onderwijs voor analfabeet")
    AA = "AA", _("Onderwijs voor anders-analfabeet")
    NVT = "NVT", _("Niet van toepassing")


class Verwijtbaar(models.TextChoices):
    """MAP/PVT ``verwijtbaar`` (schema InburgeringJaNeeType): is the overrun of the term culpable?"""

    JA = "Ja", _("Ja, verwijtbaar")
    NEE = "Nee", _("Nee, niet verwijtbaar")


class Onderdeel(models.TextChoices):
    """The two parts of the duty whose date the municipality reports with a verwijtbaar flag."""

    MAP = "map", _("Module Arbeidsmarkt en Participatie (MAP)")
    PVT = "pvt", _("Participatieverklaringstraject (PVT)")


class EerdereLevering(models.TextChoices):
    """Who supplied the MAP/PVT date DUO holds now; a change is only allowed to the municipality
    that supplied it ("Bij een wijziging moet de datum eerder door uw gemeente zijn geleverd")."""

    GEEN = "geen", _("Nog niet geleverd")
    EIGEN_GEMEENTE = "eigen_gemeente", _("Geleverd door deze gemeente")
    ANDERE_GEMEENTE = "andere_gemeente", _("Geleverd door een andere gemeente")


class Doelgroepindeling(models.TextChoices):
    """Inburgeringsplicht ``doelgroep.indeling``: the law's two groups."""

    ASIELSTATUSHOUDER = "Asielstatushouder", _("Asielstatushouder")
    GEZINSMIGRANT_EN_OVERIGE_MIGRANT = (
        "Gezinsmigrant en overige migrant",
        _("Gezinsmigrant en overige migrant"),
    )


class GedetailleerdeDoelgroep(models.TextChoices):
    """Inburgeringsplicht ``doelgroep.gedetailleerdeDoelgroep``: DUO's finer split."""

    ASIELSTATUSHOUDER = "Asielstatushouder", _("Asielstatushouder")
    GEESTELIJK_BEDIENAAR = "Geestelijk bedienaar", _("Geestelijk bedienaar")
    GEZINSHERENIGER = "Gezinshereniger", _("Gezinshereniger")
    GEZINSHERENIGER_MET_ASIELSTATUSHOUDER = (
        "Gezinshereniger met Asielstatushouder",
        _("Gezinshereniger met asielstatushouder"),
    )
    GEZINSVORMER = "Gezinsvormer", _("Gezinsvormer")
    GEZINSVORMER_MET_ASIELSTATUSHOUDER = (
        "Gezinsvormer met Asielstatushouder",
        _("Gezinsvormer met asielstatushouder"),
    )
    OVERIG = "Overig", _("Overig")


_FAMILY_GROUPS = frozenset(
    {
        GedetailleerdeDoelgroep.GEZINSHERENIGER,
        GedetailleerdeDoelgroep.GEZINSHERENIGER_MET_ASIELSTATUSHOUDER,
        GedetailleerdeDoelgroep.GEZINSVORMER,
        GedetailleerdeDoelgroep.GEZINSVORMER_MET_ASIELSTATUSHOUDER,
    }
)


def target_group_for(
    indeling: Doelgroepindeling, gedetailleerd: GedetailleerdeDoelgroep | None = None
) -> TargetGroup:
    """Koers's target group for DUO's doelgroep.

    The indeling decides asylum or not: it is the law's split and already reflects a changed
    verblijfsdoel (a family member of a permit holder may be an Asielstatushouder or not). Only
    when it is not asylum does the detailed group tell a family migrant from an other migrant; without
    a detail the person counts as an other migrant (both get the same legal minimum)."""
    if indeling == Doelgroepindeling.ASIELSTATUSHOUDER:
        return TargetGroup.ASIEL
    if gedetailleerd in _FAMILY_GROUPS:
        return TargetGroup.GEZIN
    return TargetGroup.OVERIG
