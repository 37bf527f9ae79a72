"""The municipality's own fines (Wi2021): not attending the brede intake (max €250) and not keeping
to the PIP (max €800). A fine is a workflow: warning, hearing, decision with an objection period, then
paid or dropped. Family and other migrants are not fined by the municipality."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.lib import clock
from koers.people.models import Person

from ..constants import BezwaarUitkomst, BoeteGrond, BoeteStatus


class Boete(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="boetes")
    grond = models.CharField(_("grond"), max_length=15, choices=BoeteGrond.choices)
    status = models.CharField(_("status"), max_length=15, choices=BoeteStatus.choices, default=BoeteStatus.WAARSCHUWING)
    facts = models.TextField(_("feiten"))
    warning_date = models.DateField(_("datum waarschuwing"))
    hearing_date = models.DateField(_("datum hoorzitting"), null=True, blank=True)
    hearing_notes = models.TextField(_("zienswijze"), blank=True)
    decision_date = models.DateField(_("datum besluit"), null=True, blank=True)
    amount = models.DecimalField(_("bedrag (euro)"), max_digits=7, decimal_places=2, null=True, blank=True)
    objection_filed_on = models.DateField(_("bezwaar ingediend op"), null=True, blank=True)
    objection_outcome = models.CharField(
        _("uitkomst bezwaar"), max_length=15, choices=BezwaarUitkomst.choices, blank=True
    )
    paid_on = models.DateField(_("betaald op"), null=True, blank=True)
    closed_reason = models.TextField(_("reden vervallen"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("boete")
        verbose_name_plural = _("boetes")
        ordering = ["person", "-warning_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gt=0), name="boete_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_grond_display()} — {self.get_status_display()}"

    def save(self, *args, **kwargs) -> None:
        self.updated_at = clock.now()
        super().save(*args, **kwargs)
