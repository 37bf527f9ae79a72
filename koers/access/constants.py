from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CONSULTANT = "consultant", _("Consulent inburgering")
    TEAM_LEAD = "teamleider", _("Teamleider")
    MB_BEGELEIDER = "mb_begeleider", _("MB-begeleider")
    VRIJWILLIGER = "vrijwilliger", _("Vrijwilliger")
    TAALAANBIEDER = "taalaanbieder", _("Taalaanbieder")
    POLICY_ANALYST = "beleidsanalist", _("Beleidsanalist")
    FUNCTIONAL_ADMIN = "functioneel_beheerder", _("Functioneel beheerder")


class OrganisationKind(models.TextChoices):
    MUNICIPAL_TEAM = "gemeente", _("Gemeentelijk team")
    MB_ORGANISATION = "mb_organisatie", _("MB-organisatie")
    LANGUAGE_PROVIDER = "taalaanbieder", _("Taalaanbieder")
    OTHER_PARTNER = "partner", _("Andere ketenpartner")


class Scope(models.TextChoices):
    """How far a role reaches: the municipalities its organisation serves, its organisation's
    assignments, or only the user's own assignments."""

    MUNICIPALITY = "gemeente", _("Gemeente (werkgebied)")
    ORGANISATION = "organisatie", _("Toewijzingen van de organisatie")
    ASSIGNMENT = "toewijzing", _("Eigen toewijzingen")
    NONE = "geen", _("Geen dossiers (alleen totalen)")


class DataCategory(models.TextChoices):
    IDENTITY = "identiteit", _("Identiteit")
    CONTACT = "contact", _("Contactgegevens")
    BSN = "bsn", _("BSN")
    HEALTH = "gezondheid", _("Gezondheid")
    FINANCE = "financien", _("Financiën")
    EDUCATION_WORK = "opleiding_werk", _("Opleiding en werk")
    NOTES = "notities", _("Notities")
    DUO = "duo", _("DUO-gegevens")


class Recipient(models.TextChoices):
    """Who receives a person's data outside the municipal team: the dimension of consent rules and
    of a consent's reach. A volunteer is a recipient of its own, apart from its organisation."""

    MB_ORGANISATION = "mb_organisatie", _("MB-organisatie")
    VOLUNTEER = "vrijwilliger", _("Vrijwilliger")
    LANGUAGE_PROVIDER = "taalaanbieder", _("Taalaanbieder")
    OTHER_PARTNER = "partner", _("Andere ketenpartner")
    NEXT_MUNICIPALITY = "volgende_gemeente", _("Nieuwe gemeente na verhuizing")


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "formulier", _("Ondertekend formulier")
    VERBAL = "mondeling", _("Mondeling, met getuige")
    PORTAL = "portaal", _("Zelf gegeven in het portaal, na inloggen")


WITH_DOCUMENT = frozenset({ConsentMethod.SIGNED_FORM, ConsentMethod.PORTAL})
"""The methods whose consent keeps a document: the signed form, or the receipt of the portal."""

STAFF_CONSENT_METHODS = [(m.value, m.label) for m in (ConsentMethod.SIGNED_FORM, ConsentMethod.VERBAL)]
"""How a worker records a consent given to them; only the person gives one in the portal."""
