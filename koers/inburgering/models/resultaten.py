"""Results: exam components (DUO event SS199) and the dates of MAP, PVT and Z-route completion."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.lib import clock
from koers.people.models import Person

from ..constants import Bron, Examenniveau, Examenonderdeel, Onderdeel, Verwijtbaar


class Examenresultaat(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="examenresultaten")
    onderdeel = models.CharField(_("onderdeel"), max_length=10, choices=Examenonderdeel.choices)
    niveau = models.CharField(_("niveau"), max_length=3, choices=Examenniveau.choices)
    exam_date = models.DateField(_("examendatum"))
    passed = models.BooleanField(_("behaald"))
    source = models.CharField(_("bron"), max_length=10, choices=Bron.choices, default=Bron.DUO)
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("examenresultaat")
        verbose_name_plural = _("examenresultaten")
        ordering = ["person", "-exam_date", "onderdeel"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "onderdeel", "niveau", "exam_date"], name="examen_one_per_sitting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_onderdeel_display()} {self.niveau}: {'behaald' if self.passed else 'niet behaald'}"


class OnderdeelResultaat(models.Model):
    """The date the municipality reports for MAP (eindgesprek) or PVT (ondertekening), with DUO's
    verwijtbaar flag; also the completion of the Z-route."""

    class Soort(models.TextChoices):
        MAP = Onderdeel.MAP.value, Onderdeel.MAP.label
        PVT = Onderdeel.PVT.value, Onderdeel.PVT.label
        Z_ROUTE = "zroute", _("Z-route afgerond")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="onderdeelresultaten")
    soort = models.CharField(_("onderdeel"), max_length=6, choices=Soort.choices)
    date = models.DateField(_("datum"), null=True, blank=True)
    verwijtbaar = models.CharField(_("verwijtbaar"), max_length=3, choices=Verwijtbaar.choices, blank=True)
    source = models.CharField(_("bron"), max_length=10, choices=Bron.choices, default=Bron.KOERS)
    sent_to_duo_at = models.DateTimeField(_("naar DUO gestuurd"), null=True, blank=True)
    updated_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("resultaat MAP/PVT/Z-route")
        verbose_name_plural = _("resultaten MAP/PVT/Z-route")
        constraints = [models.UniqueConstraint(fields=["person", "soort"], name="onderdeel_one_per_person")]

    def __str__(self) -> str:
        return self.get_soort_display()

    def save(self, *args, **kwargs) -> None:
        self.updated_at = clock.now()
        super().save(*args, **kwargs)
