"""The inburgeringsaanbod (the course the municipality buys for an asylum migrant) and the hours
followed, as the provider reports them."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from koers.access.models import Organisation
from koers.lib import clock
from koers.people.models import Person

from ..constants import Bron


class Instelling(models.Model):
    """A course institution as DUO knows it, tied to the provider organisation in Koers when it has one."""

    instellingsnummer = models.CharField(_("instellingsnummer"), max_length=10, unique=True)
    naam = models.CharField(_("naam"), max_length=150)
    bow_keurmerk = models.BooleanField(_("keurmerk Blik op Werk"), default=False)
    tst_keurmerk = models.BooleanField(_("erkend taalschakeltraject"), default=False)
    organisation = models.OneToOneField(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="instelling"
    )

    class Meta:
        verbose_name = _("instelling")
        verbose_name_plural = _("instellingen")
        ordering = ["naam"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.instellingsnummer})"


class Inburgeringsaanbod(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="inburgeringsaanbod")
    instelling = models.ForeignKey(Instelling, on_delete=models.PROTECT, related_name="aanbod")
    datum_inburgeringsaanbod = models.DateField(_("datum inburgeringsaanbod"))
    verwachte_startdatum = models.DateField(_("verwachte startdatum opleiding"), null=True, blank=True)
    verwachte_einddatum = models.DateField(_("verwachte einddatum opleiding (exclusief)"), null=True, blank=True)
    taalschakeltraject = models.BooleanField(_("taalschakeltraject"), default=False)
    planned_hours_per_week = models.DecimalField(
        _("geplande uren per week"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    sent_to_duo_at = models.DateTimeField(_("naar DUO gestuurd"), null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("inburgeringsaanbod")
        verbose_name_plural = _("inburgeringsaanbod")
        ordering = ["person", "-datum_inburgeringsaanbod", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(verwachte_einddatum__isnull=True)
                | Q(verwachte_startdatum__isnull=True)
                | Q(verwachte_einddatum__gt=F("verwachte_startdatum")),
                name="aanbod_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instelling.naam} vanaf {self.datum_inburgeringsaanbod:%d-%m-%Y}"


class Urenregistratie(models.Model):
    """Hours followed in one period (a week or a month), as the provider reports them."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="urenregistraties")
    aanbod = models.ForeignKey(
        Inburgeringsaanbod, on_delete=models.CASCADE, null=True, blank=True, related_name="uren"
    )
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"))
    hours_offered = models.DecimalField(_("uren aangeboden"), max_digits=5, decimal_places=1)
    hours_attended = models.DecimalField(_("uren gevolgd"), max_digits=5, decimal_places=1)
    hours_absent_excused = models.DecimalField(
        _("uren geoorloofd afwezig"), max_digits=5, decimal_places=1, default=0
    )
    absence_note = models.CharField(_("toelichting afwezigheid"), max_length=300, blank=True)
    source = models.CharField(_("bron"), max_length=10, choices=Bron.choices, default=Bron.AANBIEDER)
    reported_by = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("urenregistratie")
        verbose_name_plural = _("urenregistraties")
        ordering = ["person", "-period_start"]
        constraints = [
            models.UniqueConstraint(fields=["person", "aanbod", "period_start"], name="uren_one_per_period"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="uren_period_order"),
            models.CheckConstraint(
                condition=Q(hours_attended__gte=0) & Q(hours_offered__gte=0) & Q(hours_absent_excused__gte=0),
                name="uren_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(hours_attended__lte=F("hours_offered")), name="uren_attended_within_offered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_start:%d-%m-%Y}: {self.hours_attended}/{self.hours_offered}"
