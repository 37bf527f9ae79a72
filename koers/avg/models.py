"""The data subject's rights (AVG): corrections, restrictions, retention and anonymisation runs."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.lib import clock


class CorrectionRequest(models.Model):
    """A request to correct a dossier (art. 16 AVG): what, from what to what, why, by whom, when."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="correction_requests")
    field_name = models.CharField(_("gegeven"), max_length=40)
    old_value = models.CharField(_("oude waarde"), max_length=200, blank=True)
    new_value = models.CharField(_("nieuwe waarde"), max_length=200, blank=True)
    reason = models.TextField(_("reden"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )
    requested_at = models.DateTimeField(_("moment"), default=clock.now)

    class Meta:
        verbose_name = _("correctieverzoek")
        verbose_name_plural = _("correctieverzoeken")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.field_name}: {self.requested_at:%Y-%m-%d}"


class Restriction(models.Model):
    """A restriction of processing (art. 18 AVG): while it runs, the dossier cannot be changed."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="restrictions")
    reason = models.TextField(_("reden"))
    starts_on = models.DateField(_("vanaf"), default=clock.today)
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)
    lifted_on = models.DateField(_("opgeheven op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("beperking van de verwerking")
        verbose_name_plural = _("beperkingen van de verwerking")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="restriction_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.starts_on}"

    def in_force_on(self, day: dt.date) -> bool:
        """From ``starts_on`` up to and including ``ends_on``, and no longer from the day it is lifted."""
        return (
            self.starts_on <= day
            and (self.ends_on is None or day <= self.ends_on)
            and (self.lifted_on is None or day < self.lifted_on)
        )


class RetentionPolicy(models.Model):
    """How long a municipality keeps a closed dossier before it is anonymised."""

    municipality = models.OneToOneField(
        "access.Municipality",
        on_delete=models.CASCADE,
        related_name="retention_policy",
        verbose_name=_("gemeente"),
    )
    years_after_closing = models.PositiveSmallIntegerField(
        _("jaren na afsluiten"), default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("bewaartermijn")
        verbose_name_plural = _("bewaartermijnen")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.years_after_closing}"


class AnonymisationRun(models.Model):
    """One run of the anonymisation job in one municipality: how many dossiers, and per model and
    field how many values were removed (``{"people.Person": {"bsn": 3}}``). It holds no personal data."""

    municipality = models.ForeignKey(
        "access.Municipality",
        on_delete=models.CASCADE,
        related_name="anonymisation_runs",
        verbose_name=_("gemeente"),
    )
    at = models.DateTimeField(_("moment"), default=clock.now)
    dossiers = models.PositiveIntegerField(_("dossiers"), default=0)
    removed = models.JSONField(_("verwijderd"), default=dict)

    class Meta:
        verbose_name = _("anonimiseringsronde")
        verbose_name_plural = _("anonimiseringsrondes")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M}: {self.dossiers}"


class AnonymisedDossier(models.Model):
    """Marks a dossier as anonymised (by which run and on which municipality's term), so a run never
    takes it up again."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="anonymisation")
    run = models.ForeignKey(AnonymisationRun, on_delete=models.PROTECT, related_name="dossiers_done")
    closed_on = models.DateField(_("afgesloten op"))

    class Meta:
        verbose_name = _("geanonimiseerd dossier")
        verbose_name_plural = _("geanonimiseerde dossiers")

    def __str__(self) -> str:
        return str(self.person_id)
