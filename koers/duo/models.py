from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.lib import clock


class Notification(models.Model):
    """A notification from DUO (Notificatie API), stored as received before it is answered."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Ontvangen")
        PROCESSED = "processed", _("Verwerkt")
        FAILED = "failed", _("Mislukt")

    message_id = models.UUIDField(_("berichtId"), unique=True)
    event_code = models.CharField(_("gebeurtenis"), max_length=6)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    sender_oin = models.CharField(_("OIN afzender"), max_length=20)
    recipient_oin = models.CharField(_("OIN ontvanger"), max_length=20)
    payload = models.JSONField(_("inhoud"))
    received_at = models.DateTimeField(_("ontvangen op"), default=clock.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        verbose_name = _("notificatie van DUO")
        verbose_name_plural = _("notificaties van DUO")
        ordering = ["received_at", "id"]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self) -> str:
        return f"{self.event_code} {self.message_id}"
