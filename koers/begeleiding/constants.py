"""Choices of maatschappelijke begeleiding (MB). The trajectory's states are the chain's phases
(``koers.people.constants.Phase``), so that ``Person.phase`` can mirror them one to one."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChecklistGroup(models.TextChoices):
    HV = "HV", _("Huisvesting")
    FIN = "FIN", _("Financiële zaken")
    INS = "INS", _("Inschrijvingen")
    VL = "VL", _("Voorlichting")


class ChecklistStatus(models.TextChoices):
    OPEN = "open", _("Nog te doen")
    IN_PROGRESS = "bezig", _("Bezig")
    DONE = "gedaan", _("Gedaan")
    NOT_NEEDED = "niet_nodig", _("Niet nodig")


class AppointmentStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    ATTENDED = "verschenen", _("Verschenen")
    NO_SHOW = "niet_verschenen", _("Niet verschenen")
    CANCELLED = "geannuleerd", _("Geannuleerd")


class SupportMode(models.TextChoices):
    ACTIVE = "actief", _("Actieve begeleiding")
    ON_DEMAND = "op_afroep", _("Op afroep (bellijst)")


class ExtensionStatus(models.TextChoices):
    REQUESTED = "aangevraagd", _("Aangevraagd")
    APPROVED = "goedgekeurd", _("Goedgekeurd")
    REFUSED = "afgewezen", _("Afgewezen")


class CallOutcome(models.TextChoices):
    REACHED_FINE = "bereikt_goed", _("Bereikt, gaat goed")
    REACHED_HELP = "bereikt_hulpvraag", _("Bereikt, heeft een hulpvraag")
    NOT_REACHED = "niet_bereikt", _("Niet bereikt")


class Consent(models.TextChoices):
    GIVEN = "gegeven", _("Toestemming gegeven")
    REFUSED = "geweigerd", _("Geen toestemming")


class StartTrigger(models.TextChoices):
    """What sets the MB clock running: the koppeling (Groningen) or the regeldag / BRP registration."""

    KOPPELING = "koppeling", _("Koppeling")
    REGELDAG = "regeldag", _("Regeldag (inschrijving BRP)")


# The self-reliance scale per life domain, in the spirit of the Zelfredzaamheid-Matrix.
SCORE_LABELS = {
    1: _("Acute problematiek"),
    2: _("Niet zelfredzaam"),
    3: _("Beperkt zelfredzaam"),
    4: _("Voldoende zelfredzaam"),
    5: _("Volledig zelfredzaam"),
}
SCORES = tuple(SCORE_LABELS)


class ReferralStatus(models.TextChoices):
    SENT = "verstuurd", _("Verstuurd")
    ACCEPTED = "geaccepteerd", _("Geaccepteerd")
    IN_PROGRESS = "in_behandeling", _("In behandeling")
    CLOSED = "afgesloten", _("Afgesloten")


class SessionKind(models.TextChoices):
    INFORMATION = "voorlichting", _("Voorlichtingsbijeenkomst")
    WORKSHOP = "workshop", _("Workshop")
    BUDGET_TRAINING = "budgettraining", _("Budgettraining")
    PVT = "pvt", _("PVT-groep (participatieverklaring)")
