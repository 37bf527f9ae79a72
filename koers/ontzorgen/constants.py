from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    """The fixed costs the municipality withholds from the benefit and pays itself."""

    RENT = "huur", _("Huur")
    ENERGY = "energie", _("Gas en elektriciteit")
    WATER = "water", _("Water")
    HEALTH_INSURANCE = "zorgverzekering", _("Premie zorgverzekering")
    OTHER = "overig", _("Overige vaste last")


class StepKind(models.TextChoices):
    """A step of the phase-out plan (afbouwplan)."""

    SELF_PAYMENT = "zelf_betalen", _("Huishouden betaalt een vaste last zelf")
    BUDGET_COACHING = "budgetcoaching", _("Budgetcoaching of budgettraining")
    OTHER = "overig", _("Overige stap")


class StepStatus(models.TextChoices):
    PLANNED = "gepland", _("Gepland")
    DONE = "gedaan", _("Gedaan")
    CANCELLED = "vervallen", _("Vervallen")


class RunStatus(models.TextChoices):
    PREPARED = "aangemaakt", _("Aangemaakt")
    SENT = "verzonden", _("Verzonden naar de bank")
    CANCELLED = "geannuleerd", _("Geannuleerd")


class ArrangementStatus(models.TextChoices):
    """Where an arrangement stands on a given day (derived from its dates, never stored)."""

    NOT_STARTED = "nog_niet", _("Nog niet gestart")
    RUNNING = "loopt", _("Loopt")
    EXPIRED = "afgelopen", _("Afgelopen")
    ENDED = "beeindigd", _("Eerder beëindigd")


class AdvanceKind(models.TextChoices):
    """Money the municipality pays the household ahead, while the national allowances (toeslagen) have
    not arrived: an advance on those allowances, or a bridging loan repaid from the benefit."""

    ADVANCE = "voorschot", _("Voorschot op toeslagen")
    BRIDGING_LOAN = "overbrugging", _("Overbruggingslening")


class SettlementKind(models.TextChoices):
    """How (part of) an advance or bridging loan is settled."""

    ALLOWANCE = "toeslag", _("Verrekend met de ontvangen toeslag")
    REPAYMENT = "aflossing", _("Aflossing ingehouden op de uitkering")
    REMISSION = "kwijtschelding", _("Kwijtgescholden")


PAIN_SCHEMA = "pain.001.001.03"

# The fields a consultant fills in for a withheld item and for a step of the phase-out plan: the
# form asks for exactly these, and the service takes no others.
ITEM_FIELDS = (
    "kind",
    "description",
    "payee_name",
    "payee_iban",
    "payee_bic",
    "amount",
    "reference",
    "valid_from",
    "valid_until",
)
STEP_FIELDS = ("kind", "description", "due_date", "item")
ADVANCE_FIELDS = ("kind", "reason", "amount", "paid_on", "settle_by", "instalment")
SETTLEMENT_FIELDS = ("on", "amount", "kind", "note")
