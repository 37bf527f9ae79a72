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


class PlichtStatus(models.TextChoices):
    """Where the integration duty stands."""

    LOPEND = "lopend", _("Lopend")
    VOLDAAN = "voldaan", _("Voldaan")
    VRIJGESTELD = "vrijgesteld", _("Volledig vrijgesteld")
    ONTHEVEN = "ontheven", _("Volledig ontheven")
    BEEINDIGD = "beeindigd", _("Beëindigd (bijvoorbeeld vertrokken)")


class VerlengingSoort(models.TextChoices):
    """How an extension of the inburgeringstermijn came about (DUO events SS103, SS104, SS113)."""

    AMBTSHALVE = "ambtshalve", _("Ambtshalve")
    OP_VERZOEK = "op_verzoek", _("Op verzoek")


class BesluitStatus(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("Aangevraagd")
    TOEGEKEND = "toegekend", _("Toegekend")
    GEWEIGERD = "geweigerd", _("Geweigerd")


class VrijstellingSoort(models.TextChoices):
    TIJDELIJK = "tijdelijk", _("Tijdelijk")
    GEDEELTELIJK = "gedeeltelijk", _("Gedeeltelijk")
    VOLLEDIG = "volledig", _("Volledig")


class OntheffingGrond(models.TextChoices):
    MEDISCH = "medisch", _("Medische gronden")
    AANTOONBARE_INSPANNING = "inspanning", _("Aantoonbare inspanning")
    OVERIG = "overig", _("Overige grond")


class IntakeStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    AFGEROND = "afgerond", _("Afgerond")


class PipStatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    VASTGESTELD = "vastgesteld", _("Vastgesteld (beschikking)")
    VERVANGEN = "vervangen", _("Vervangen door een nieuwere versie")
    INGETROKKEN = "ingetrokken", _("Ingetrokken bij DUO")


class BezwaarUitkomst(models.TextChoices):
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    GEGROND = "gegrond", _("Gegrond")
    ONGEGROND = "ongegrond", _("Ongegrond")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


PENDING_OBJECTION = ("", BezwaarUitkomst.IN_BEHANDELING)
"""The outcome of an objection that still waits for a decision."""


class Examenonderdeel(models.TextChoices):
    """The exam components (DUO event SS199)."""

    SPREKEN = "spreken", _("Spreken")
    SCHRIJVEN = "schrijven", _("Schrijven")
    LEZEN = "lezen", _("Lezen")
    LUISTEREN = "luisteren", _("Luisteren")
    KNM = "knm", _("Kennis van de Nederlandse Maatschappij (KNM)")


class Examenniveau(models.TextChoices):
    A1 = "A1", _("A1")
    A2 = "A2", _("A2")
    B1 = "B1", _("B1")
    B2 = "B2", _("B2")
    NVT = "NVT", _("Niet van toepassing")


class Bron(models.TextChoices):
    """Where a fact came from."""

    KOERS = "koers", _("Vastgelegd in Koers")
    DUO = "duo", _("Ontvangen van DUO")
    AANBIEDER = "aanbieder", _("Aangeleverd door de aanbieder")


class BoeteGrond(models.TextChoices):
    """The municipality's own fines (Wi2021 art. 30 and 31) with their legal maximum in euro."""

    BREDE_INTAKE = "brede_intake", _("Niet verschenen of meegewerkt aan de brede intake / leerbaarheidstoets")
    PIP_NIET_NAGEKOMEN = "pip", _("PIP niet nagekomen")

    @property
    def maximum_euro(self) -> int:
        return {BoeteGrond.BREDE_INTAKE: 250, BoeteGrond.PIP_NIET_NAGEKOMEN: 800}[self]


class BoeteStatus(models.TextChoices):
    """The steps of a municipal fine: warning, hearing, decision, then paid or dropped."""

    WAARSCHUWING = "waarschuwing", _("Waarschuwing gegeven")
    HOORZITTING = "hoorzitting", _("Hoorzitting (zienswijze)")
    BESLUIT = "besluit", _("Boetebesluit genomen")
    BETAALD = "betaald", _("Betaald")
    VERVALLEN = "vervallen", _("Vervallen / niet opgelegd")


class BelemmeringSoort(models.TextChoices):
    """What stands in the way of lessons, participation or work (DOMAIN §4: childcare and its waiting
    lists, transport and travel costs, health or disability, waiting lists for PVT or school)."""

    KINDEROPVANG = "kinderopvang", _("Kinderopvang")
    WACHTLIJST_KINDEROPVANG = "wachtlijst_kinderopvang", _("Wachtlijst kinderopvang")
    VERVOER = "vervoer", _("Vervoer en reiskosten")
    GEZONDHEID = "gezondheid", _("Gezondheid of beperking")
    WACHTLIJST_PVT = "wachtlijst_pvt", _("Wachtlijst PVT")
    WACHTLIJST_SCHOOL = "wachtlijst_school", _("Wachtlijst taalschool of opleiding")
    OVERIG = "overig", _("Andere belemmering")


class BelemmeringStatus(models.TextChoices):
    OPEN = "open", _("Speelt nog")
    OPGELOST = "opgelost", _("Opgelost")


class Regeling(models.TextChoices):
    """Schemes a newcomer may claim, as the consultant explains them (DOMAIN §4: extra childcare
    costs, travel costs, allowances). A municipal scheme of its own is ``GEMEENTELIJK`` with its name."""

    KINDEROPVANGTOESLAG = "kinderopvangtoeslag", _("Kinderopvangtoeslag")
    KOSTEN_KINDEROPVANG = "kosten_kinderopvang", _("Vergoeding extra kosten kinderopvang")
    REISKOSTEN = "reiskosten", _("Vergoeding reiskosten")
    ZORGTOESLAG = "zorgtoeslag", _("Zorgtoeslag")
    HUURTOESLAG = "huurtoeslag", _("Huurtoeslag")
    KINDGEBONDEN_BUDGET = "kindgebonden_budget", _("Kindgebonden budget")
    KINDERBIJSLAG = "kinderbijslag", _("Kinderbijslag")
    BIJZONDERE_BIJSTAND = "bijzondere_bijstand", _("Bijzondere bijstand")
    INDIVIDUELE_INKOMENSTOESLAG = "inkomenstoeslag", _("Individuele inkomenstoeslag")
    MEEDOENREGELING = "meedoenregeling", _("Meedoenregeling (minimaregeling)")
    GEMEENTELIJK = "gemeentelijk", _("Andere regeling van de gemeente")


class VoorlichtingUitkomst(models.TextChoices):
    AANGEVRAAGD = "aangevraagd", _("Aangevraagd")
    WIL_AANVRAGEN = "wil_aanvragen", _("Wil aanvragen, hulp nodig")
    GEEN_RECHT = "geen_recht", _("Geen recht of niet nodig")
    NOG_BESPREKEN = "nog_bespreken", _("Nog eens bespreken")


class VoorlichtingWijze(models.TextChoices):
    GESPREK = "gesprek", _("In een gesprek")
    TELEFOON = "telefoon", _("Telefonisch")
    BRIEF = "brief", _("Per brief of folder")
    PORTAAL = "portaal", _("In het portaal")


class ParticipatieSoort(models.TextChoices):
    """Kinds of participation the hours count for. The informal ones count towards the Z-route's
    participation hours just as well (DOMAIN §4)."""

    WERK = "werk", _("Betaald werk")
    VRIJWILLIGERSWERK = "vrijwilligerswerk", _("Vrijwilligerswerk")
    WERKERVARING = "werkervaring", _("Werkervaringsplaats of stage")
    OPLEIDING = "opleiding", _("Cursus of opleiding (naast de taallessen)")
    ACTIVITEIT = "activiteit", _("Georganiseerde activiteit (taalcafé, workshop, excursie)")
    INFORMEEL = "informeel", _("Informeel (buurt, school van de kinderen, vereniging, mantelzorg)")
