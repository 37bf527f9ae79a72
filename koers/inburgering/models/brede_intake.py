"""The brede intake (Wi2021 art. 14) and the leerbaarheidstoets taken during it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.lib import clock
from koers.people.models import Person

from ..constants import IntakeStatus


class BredeIntake(models.Model):
    """A structured intake over the life domains. ``answers`` holds per domain what the form of
    ``koers.inburgering.brede_intake`` asks; a concept may be saved half-filled and resumed."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="brede_intakes")
    status = models.CharField(_("status"), max_length=10, choices=IntakeStatus.choices, default=IntakeStatus.CONCEPT)
    conversation_date = models.DateField(_("datum gesprek"), null=True, blank=True)
    conversation_language = models.CharField(_("taal van het gesprek"), max_length=3, blank=True)
    interpreter = models.BooleanField(_("tolk ingezet"), default=False)
    answers = models.JSONField(_("antwoorden per domein"), default=dict, blank=True)
    summary = models.TextField(_("samenvatting voor het PIP"), blank=True)
    conducted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)
    updated_at = models.DateTimeField(default=clock.now, editable=False)
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    class Meta:
        verbose_name = _("brede intake")
        verbose_name_plural = _("brede intakes")
        ordering = ["person", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_status_display()}"

    def save(self, *args, **kwargs) -> None:
        self.updated_at = clock.now()
        super().save(*args, **kwargs)


class Leerbaarheidstoets(models.Model):
    """Registration of the learnability test: when, which test, the result and its advice."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="leerbaarheidstoetsen")
    taken_on = models.DateField(_("afnamedatum"))
    instrument = models.CharField(_("toets"), max_length=100)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    result = models.TextField(_("uitslag en advies"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("leerbaarheidstoets")
        verbose_name_plural = _("leerbaarheidstoetsen")
        ordering = ["person", "-taken_on", "-id"]

    def __str__(self) -> str:
        return f"{self.instrument} ({self.taken_on:%d-%m-%Y})"
