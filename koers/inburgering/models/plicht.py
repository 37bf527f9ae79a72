"""The inburgeringsplicht and its term: start, the 3-year inburgeringstermijn, extensions,
exemptions (vrijstelling) and ontheffing. DUO decides all of these; Koers records what DUO reported
(or what the consultant entered while waiting for DUO) with its source."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from koers.lib import clock
from koers.people.models import Person

from ..constants import (
    BesluitStatus,
    Bron,
    Doelgroepindeling,
    GedetailleerdeDoelgroep,
    OntheffingGrond,
    PlichtStatus,
    VerlengingSoort,
    VrijstellingSoort,
)


class Inburgeringsplicht(models.Model):
    """One per person: the duty, when it started, the leerroute term and DUO's inburgeringstermijn."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="inburgeringsplicht")
    start_date = models.DateField(_("begindatum inburgeringsplicht"))
    doelgroep = models.CharField(_("doelgroep"), max_length=40, choices=Doelgroepindeling.choices)
    gedetailleerde_doelgroep = models.CharField(
        _("gedetailleerde doelgroep"), max_length=40, choices=GedetailleerdeDoelgroep.choices, blank=True
    )
    leerroute_term_start = models.DateField(
        _("start termijn leerroute (10 weken)"),
        null=True,
        blank=True,
        help_text=_("Het moment waarop DUO de termijn voor het vaststellen van de leerroute liet ingaan (SS139)."),
    )
    termijn_start = models.DateField(_("start inburgeringstermijn"), null=True, blank=True)
    termijn_end = models.DateField(
        _("einde inburgeringstermijn (exclusief)"),
        null=True,
        blank=True,
        help_text=_("Zoals DUO het doorgeeft: de eerste dag die niet meer tot de termijn hoort."),
    )
    status = models.CharField(_("status"), max_length=15, choices=PlichtStatus.choices, default=PlichtStatus.LOPEND)
    ended_on = models.DateField(_("datum einde plicht"), null=True, blank=True)
    source = models.CharField(_("bron"), max_length=10, choices=Bron.choices, default=Bron.KOERS)
    updated_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("inburgeringsplicht")
        verbose_name_plural = _("inburgeringsplichten")
        indexes = [models.Index(fields=["termijn_end"], name="plicht_termijn_end")]
        constraints = [
            models.CheckConstraint(
                condition=Q(termijn_end__isnull=True) | Q(termijn_end__gt=F("termijn_start")),
                name="plicht_termijn_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_status_display()}"

    def save(self, *args, **kwargs) -> None:
        self.updated_at = clock.now()
        super().save(*args, **kwargs)


class Termijnverlenging(models.Model):
    """An extension of the inburgeringstermijn: granted ex officio (SS103), on request (SS104) or
    refused (SS113). ``new_end`` is DUO's exclusive einddatum after the extension."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="termijnverlengingen")
    soort = models.CharField(_("soort"), max_length=12, choices=VerlengingSoort.choices)
    status = models.CharField(_("status"), max_length=12, choices=BesluitStatus.choices)
    requested_on = models.DateField(_("aangevraagd op"), null=True, blank=True)
    decided_on = models.DateField(_("besluit op"), null=True, blank=True)
    new_end = models.DateField(_("nieuwe einddatum (exclusief)"), null=True, blank=True)
    reason = models.TextField(_("reden"), blank=True)
    source = models.CharField(_("bron"), max_length=10, choices=Bron.choices, default=Bron.KOERS)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("termijnverlenging")
        verbose_name_plural = _("termijnverlengingen")
        ordering = ["person", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=BesluitStatus.TOEGEKEND) | Q(new_end__isnull=False),
                name="verlenging_granted_has_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} — {self.get_status_display()}"


class Vrijstelling(models.Model):
    """An exemption: temporary (until a date), partial (some components) or full (ends the duty)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="vrijstellingen")
    soort = models.CharField(_("soort"), max_length=15, choices=VrijstellingSoort.choices)
    components = models.JSONField(
        _("onderdelen"), default=list, blank=True, help_text=_("Bij een gedeeltelijke vrijstelling.")
    )
    start_date = models.DateField(_("ingangsdatum"))
    end_date = models.DateField(_("einddatum (exclusief)"), null=True, blank=True)
    reason = models.TextField(_("reden"), blank=True)
    source = models.CharField(_("bron"), max_length=10, choices=Bron.choices, default=Bron.KOERS)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("vrijstelling")
        verbose_name_plural = _("vrijstellingen")
        ordering = ["person", "start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=F("start_date")),
                name="vrijstelling_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.get_soort_display()


class Ontheffing(models.Model):
    """Ontheffing of the duty (medical grounds, demonstrable effort, other), full or partial."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ontheffingen")
    grond = models.CharField(_("grond"), max_length=12, choices=OntheffingGrond.choices)
    volledig = models.BooleanField(_("volledig"), default=True)
    decided_on = models.DateField(_("besluitdatum"))
    reason = models.TextField(_("toelichting"), blank=True)
    source = models.CharField(_("bron"), max_length=10, choices=Bron.choices, default=Bron.KOERS)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("ontheffing")
        verbose_name_plural = _("ontheffingen")
        ordering = ["person", "decided_on", "id"]

    def __str__(self) -> str:
        return self.get_grond_display()
