"""Financieel ontzorgen: per household the fixed costs the municipality withholds from the benefit
and pays itself, the phase-out plan, the advances and bridging loans paid while the allowances are
late (with their settlements), and the monthly payment runs that pay the costs and withhold the
instalments.

Periods follow ``koers.inburgering.terms``: a start is inclusive, an ``end`` exclusive. The dates a
consultant types for a withheld item (``valid_from``, ``valid_until``) are both inclusive, the way
people say "van 1 januari tot en met 30 juni".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.access.models import Municipality
from koers.inburgering.terms import ontzorgen_end_after
from koers.lib import clock
from koers.people.models import Household, Person

from .constants import (
    AdvanceKind,
    ArrangementStatus,
    ItemKind,
    RunStatus,
    SettlementKind,
    StepKind,
    StepStatus,
)
from .validators import validate_bic, validate_iban

MIN_AMOUNT = Decimal("0.01")
MAX_AMOUNT = Decimal("99999.99")


def amount_field(label, **options) -> models.DecimalField:
    """An amount in euro that one payment may hold (a cent up to € 99.999,99)."""
    return models.DecimalField(
        label, max_digits=7, decimal_places=2,
        validators=[MinValueValidator(MIN_AMOUNT), MaxValueValidator(MAX_AMOUNT)], **options
    )


class PaymentAccount(models.Model):
    """The municipality's own account the payment runs are paid from (the debtor of the pain.001),
    and its policy for the file for the benefits system. Data, kept by the functional administrator."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="ontzorgen_account", verbose_name=_("gemeente")
    )
    name = models.CharField(_("naam rekeninghouder"), max_length=70)
    iban = models.CharField(_("IBAN"), max_length=34, validators=[validate_iban])
    bic = models.CharField(_("BIC"), max_length=11, blank=True, validators=[validate_bic])
    execution_day = models.PositiveSmallIntegerField(
        _("uitvoerdag"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("Dag van de maand waarop de bank de betalingen uitvoert (1 tot en met 28)."),
    )
    csv_includes_bsn = models.BooleanField(
        _("BSN in het bestand voor de uitkeringsadministratie"),
        default=True,
        help_text=_("Alleen als de uitkeringsadministratie het BSN nodig heeft om de inhouding te koppelen."),
    )
    updated_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("betaalrekening ontzorgen")
        verbose_name_plural = _("betaalrekeningen ontzorgen")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.name}"


EXTENSIONS_READ = "extensions_read"
"""Where a list of many arrangements keeps the extensions it read with them
(``Prefetch("extensions", to_attr=EXTENSIONS_READ)``): Django's own prefetch makes a queryset per
arrangement, a quarter of a millisecond each."""


class Arrangement(models.Model):
    """The ontzorgingsarrangement of one household: from the first benefit payment, six months
    (``terms.ontzorgen_end``) plus any extensions, unless the right to benefit ends earlier."""

    household = models.OneToOneField(
        Household, on_delete=models.PROTECT, related_name="ontzorgen", verbose_name=_("huishouden")
    )
    start = models.DateField(_("eerste uitkeringsbetaling"))
    ended_on = models.DateField(
        _("beëindigd per"),
        null=True,
        blank=True,
        help_text=_("De eerste dag zonder ontzorgen, als het recht op uitkering eerder eindigt."),
    )
    end_reason = models.CharField(_("reden beëindiging"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("ontzorgingsarrangement")
        verbose_name_plural = _("ontzorgingsarrangementen")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gt=models.F("start")),
                name="ontzorgen_ended_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household} vanaf {self.start:%d-%m-%Y}"

    def planned_end(self, extensions: list[Extension] | None = None) -> dt.date:
        """The exclusive end by the term and its extensions (the early end left aside). The extensions
        are those given, else those read with the arrangement (``EXTENSIONS_READ``), else its own."""
        chosen = extensions if extensions is not None else getattr(self, EXTENSIONS_READ, None)
        if chosen is None:
            chosen = list(self.extensions.all())
        return ontzorgen_end_after(self.start, tuple(e.months for e in chosen))

    @property
    def end(self) -> dt.date:
        """The exclusive end in force: the planned end, or the early end when that comes first."""
        planned = self.planned_end()
        return min(planned, self.ended_on) if self.ended_on else planned

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    def runs_on(self, day: dt.date) -> bool:
        return self.start <= day < self.end

    def status_on(self, day: dt.date) -> ArrangementStatus:
        if day < self.start:
            return ArrangementStatus.NOT_STARTED
        if day < self.end:
            return ArrangementStatus.RUNNING
        if self.ended_on and self.ended_on < self.planned_end():
            return ArrangementStatus.ENDED
        return ArrangementStatus.EXPIRED


class Extension(models.Model):
    """A decision of the municipality to continue ontzorgen for some more months."""

    arrangement = models.ForeignKey(Arrangement, on_delete=models.CASCADE, related_name="extensions")
    months = models.PositiveSmallIntegerField(
        _("aantal maanden"), validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    reason = models.CharField(_("reden"), max_length=500)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("goedgekeurd door"),
    )
    approved_on = models.DateField(_("goedgekeurd op"), default=clock.today)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("verlenging ontzorgen")
        verbose_name_plural = _("verlengingen ontzorgen")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"+{self.months} maanden"


class WithheldItemQuerySet(models.QuerySet):
    def in_force_on(self, day: dt.date) -> WithheldItemQuerySet:
        return self.filter(Q(valid_from__lte=day), Q(valid_until__isnull=True) | Q(valid_until__gte=day))


class WithheldItem(models.Model):
    """One fixed cost withheld from the benefit and paid to its payee, each month from ``valid_from``
    through ``valid_until`` (or through the end of the arrangement)."""

    arrangement = models.ForeignKey(Arrangement, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("soort"), max_length=20, choices=ItemKind.choices)
    description = models.CharField(_("omschrijving"), max_length=100, blank=True)
    payee_name = models.CharField(_("naam begunstigde"), max_length=70)
    payee_iban = models.CharField(_("IBAN begunstigde"), max_length=34, validators=[validate_iban])
    payee_bic = models.CharField(_("BIC begunstigde"), max_length=11, blank=True, validators=[validate_bic])
    amount = amount_field(_("bedrag per maand"))
    reference = models.CharField(_("betalingskenmerk"), max_length=100, blank=True)
    valid_from = models.DateField(_("vanaf"))
    valid_until = models.DateField(_("tot en met"), null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    objects = WithheldItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("ingehouden vaste last")
        verbose_name_plural = _("ingehouden vaste lasten")
        ordering = ["valid_from", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="ontzorgen_item_until_after_from",
                violation_error_message=_("De datum ‘tot en met’ ligt op of na de datum ‘vanaf’."),
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="ontzorgen_item_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.payee_name} € {self.amount}"

    @property
    def label(self) -> str:
        return self.description or str(self.get_kind_display())

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class PhaseOutStep(models.Model):
    """A step of the afbouwplan: the household takes over paying a fixed cost, a budget coaching
    session or training, or another agreed step."""

    arrangement = models.ForeignKey(Arrangement, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("soort stap"), max_length=20, choices=StepKind.choices)
    description = models.CharField(_("omschrijving"), max_length=200)
    due_date = models.DateField(_("datum"))
    item = models.ForeignKey(
        WithheldItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="phase_out_steps",
        verbose_name=_("vaste last die het huishouden overneemt"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=StepStatus.choices, default=StepStatus.PLANNED
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("stap afbouwplan")
        verbose_name_plural = _("afbouwplan")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"{self.due_date:%d-%m-%Y} {self.description}"


class Advance(models.Model):
    """Money the municipality paid the household ahead because the national allowances (toeslagen)
    had not arrived: an advance on those allowances or a bridging loan. It stays open until its
    settlements add up to its amount; a monthly ``instalment`` is withheld from the benefit through
    the payment runs while ontzorgen runs."""

    arrangement = models.ForeignKey(Arrangement, on_delete=models.CASCADE, related_name="advances")
    kind = models.CharField(_("soort"), max_length=15, choices=AdvanceKind.choices)
    reason = models.CharField(_("reden"), max_length=300)
    amount = amount_field(_("bedrag"))
    paid_on = models.DateField(_("uitbetaald op"))
    settle_by = models.DateField(
        _("verrekend uiterlijk"),
        help_text=_("Wanneer de toeslag er naar verwachting is, of de lening is afgelost."),
    )
    instalment = amount_field(
        _("aflossing per maand"),
        null=True,
        blank=True,
        help_text=_(
            "Wordt elke maand ingehouden op de uitkering, via de betaalronde. Verplicht bij een lening."
        ),
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("voorschot of overbruggingslening")
        verbose_name_plural = _("voorschotten en overbruggingsleningen")
        ordering = ["paid_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="ontzorgen_advance_amount_positive"),
            models.CheckConstraint(
                condition=Q(settle_by__gt=models.F("paid_on")),
                name="ontzorgen_advance_settle_later",
                violation_error_message=_("De datum van verrekenen ligt na de datum van uitbetalen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} € {self.amount}"


class Settlement(models.Model):
    """(Part of) an advance settled: with the allowance once it arrived, by a repayment withheld from
    the benefit (made by a payment run sent to the bank), or remitted. Never changed afterwards."""

    advance = models.ForeignKey(Advance, on_delete=models.CASCADE, related_name="settlements")
    on = models.DateField(_("datum"))
    amount = amount_field(_("bedrag"))
    kind = models.CharField(_("hoe"), max_length=15, choices=SettlementKind.choices)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    run = models.ForeignKey(
        "PaymentRun", on_delete=models.PROTECT, null=True, blank=True, related_name="settlements"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("verrekening")
        verbose_name_plural = _("verrekeningen")
        ordering = ["on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="ontzorgen_settlement_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.on:%d-%m-%Y} € {self.amount}"


class PaymentRun(models.Model):
    """The payments of one municipality for one month: a snapshot of the items in force on the first
    day of that month, the pain.001 for the bank and the CSV for the benefits system. At most one run
    per municipality and month is not cancelled; once sent to the bank it never changes."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="ontzorgen_runs", verbose_name=_("gemeente")
    )
    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    status = models.CharField(
        _("status"), max_length=12, choices=RunStatus.choices, default=RunStatus.PREPARED
    )
    execution_date = models.DateField(_("uitvoerdatum"))
    debtor_name = models.CharField(_("naam rekeninghouder"), max_length=70)
    debtor_iban = models.CharField(_("IBAN gemeente"), max_length=34)
    debtor_bic = models.CharField(_("BIC gemeente"), max_length=11, blank=True)
    message_id = models.CharField(_("berichtkenmerk"), max_length=35, unique=True)
    transaction_count = models.PositiveIntegerField(_("aantal betalingen"))
    total = models.DecimalField(_("totaal"), max_digits=12, decimal_places=2)
    repayment_total = models.DecimalField(
        _("totaal aflossingen"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        help_text=_("Ingehouden op de uitkering om voorschotten af te lossen; geen overboeking."),
    )
    pain_xml = models.BinaryField(_("pain.001-bestand"))
    csv = models.TextField(_("bestand uitkeringsadministratie"))
    csv_has_bsn = models.BooleanField(_("BSN in het bestand"), default=False)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancel_reason = models.CharField(_("reden annulering"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("betaalronde")
        verbose_name_plural = _("betaalrondes")
        ordering = ["-month", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "month"],
                condition=~Q(status=RunStatus.CANCELLED),
                name="ontzorgen_one_run_per_month",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.month:%m-%Y}"

    @property
    def is_frozen(self) -> bool:
        return self.status != RunStatus.PREPARED


class PaymentLine(models.Model):
    """One credit transfer of a run, copied from a withheld item when the run was made: later
    changes to the item never reach it."""

    run = models.ForeignKey(PaymentRun, on_delete=models.PROTECT, related_name="lines")
    item = models.ForeignKey(WithheldItem, on_delete=models.SET_NULL, null=True, related_name="payment_lines")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    household_name = models.CharField(_("huishouden"), max_length=150)
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    person_name = models.CharField(_("persoon"), max_length=330)
    bsn = models.CharField(_("BSN"), max_length=9)
    kind = models.CharField(_("soort"), max_length=20, choices=ItemKind.choices)
    label = models.CharField(_("omschrijving"), max_length=100)
    payee_name = models.CharField(_("naam begunstigde"), max_length=70)
    payee_iban = models.CharField(_("IBAN begunstigde"), max_length=34)
    payee_bic = models.CharField(_("BIC begunstigde"), max_length=11, blank=True)
    amount = models.DecimalField(_("bedrag"), max_digits=7, decimal_places=2)
    remittance = models.CharField(_("omschrijving betaling"), max_length=140)
    end_to_end_id = models.CharField(_("end-to-end-kenmerk"), max_length=35)

    class Meta:
        verbose_name = _("betaling")
        verbose_name_plural = _("betalingen")
        ordering = ["household_name", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.payee_name} € {self.amount}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("A payment line is a snapshot and never changes.")
        super().save(*args, **kwargs)


class RepaymentLine(models.Model):
    """One instalment of an advance that a run asks the benefits system to withhold: in the CSV, not
    in the pain.001 (the money stays with the municipality). Settled when the run is sent."""

    run = models.ForeignKey(PaymentRun, on_delete=models.PROTECT, related_name="repayments")
    advance = models.ForeignKey(Advance, on_delete=models.PROTECT, related_name="repayment_lines")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    household_name = models.CharField(_("huishouden"), max_length=150)
    person = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, related_name="+")
    person_name = models.CharField(_("persoon"), max_length=330)
    bsn = models.CharField(_("BSN"), max_length=9)
    label = models.CharField(_("omschrijving"), max_length=100)
    amount = models.DecimalField(_("bedrag"), max_digits=7, decimal_places=2)
    reference = models.CharField(_("kenmerk"), max_length=35)

    class Meta:
        verbose_name = _("aflossing")
        verbose_name_plural = _("aflossingen")
        ordering = ["household_name", "id"]

    def __str__(self) -> str:
        return f"{self.household_name} € {self.amount}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("A repayment line is a snapshot and never changes.")
        super().save(*args, **kwargs)
