"""Records of the newcomer's portal: one-time login codes, the requests for them (for rate limiting),
the messages sent (the development SMS sender writes here), questions asked through the portal and
the contact details of an organisation that the portal shows."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.access.models import Organisation
from koers.lib import clock
from koers.people.models import Person


class MessageChannel(models.TextChoices):
    SMS = "sms", _("sms")
    EMAIL = "email", _("e-mail")


class LoginCode(models.Model):
    """A one-time code sent to one person's registered address. Only a keyed hash of the code is kept."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="portal_codes")
    address_key = models.CharField(max_length=64, db_index=True)
    code_hash = models.CharField(max_length=64)
    channel = models.CharField(max_length=5, choices=MessageChannel.choices)
    created_at = models.DateTimeField(default=clock.now)
    expires_at = models.DateTimeField()
    tries = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class CodeRequest(models.Model):
    """Someone asked for a code (for any address, known or not): what rate limiting counts."""

    address_key = models.CharField(max_length=64)
    ip_address = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(default=clock.now)

    class Meta:
        indexes = [
            models.Index(fields=["address_key", "at"], name="portal_request_address"),
            models.Index(fields=["ip_address", "at"], name="portal_request_ip"),
        ]


class SentMessage(models.Model):
    """A message as the development SMS sender 'sent' it, so that a demo (or a test) can read it."""

    channel = models.CharField(_("kanaal"), max_length=5, choices=MessageChannel.choices)
    to = models.CharField(_("aan"), max_length=254)
    body = models.TextField(_("bericht"))
    sent_at = models.DateTimeField(_("verstuurd op"), default=clock.now)

    class Meta:
        verbose_name = _("verstuurd bericht")
        verbose_name_plural = _("verstuurde berichten")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.sent_at:%Y-%m-%d %H:%M} {self.to}"


class Question(models.Model):
    """A question the newcomer asked through the portal; it lands on the timeline of the dossier."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="portal_questions")
    text = models.TextField(_("vraag"))
    asked_at = models.DateTimeField(_("gesteld op"), default=clock.now)

    class Meta:
        verbose_name = _("vraag via het portaal")
        verbose_name_plural = _("vragen via het portaal")
        ordering = ["-asked_at", "-id"]


class ContactDetails(models.Model):
    """How newcomers reach an organisation: the general phone number and e-mail address, never a
    worker's own."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="portal_contact")
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    hours = models.CharField(_("bereikbaar"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("contactgegevens voor het portaal")
        verbose_name_plural = _("contactgegevens voor het portaal")

    def __str__(self) -> str:
        return str(self.organisation)


class ContactsSeen(models.Model):
    """Who the newcomer last saw as their contact persons, per kind of contact (the account's id, or
    none): the portal compares it with who it is now and tells the newcomer about a change."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="portal_contacts_seen")
    contacts = models.JSONField(default=dict)
    seen_at = models.DateTimeField(default=clock.now)
