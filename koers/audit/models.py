from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.lib import clock


class Action(models.TextChoices):
    READ = "lezen", _("Inzien")
    LIST = "lijst", _("In lijst of zoekresultaat")
    CREATE = "aanmaken", _("Aanmaken")
    UPDATE = "wijzigen", _("Wijzigen")
    DELETE = "verwijderen", _("Verwijderen")
    EXPORT = "exporteren", _("Exporteren")


class Channel(models.TextChoices):
    UI = "ui", _("Gebruikersscherm")
    API = "api", _("API")
    COMMAND = "opdracht", _("Beheeropdracht")
    SYSTEM = "systeem", _("Systeem")


class Outcome(models.TextChoices):
    ALLOWED = "toegestaan", _("Toegestaan")
    REFUSED = "geweigerd", _("Geweigerd")


class AuditEntry(models.Model):
    """Who did what with whose personal data, when and why (in the style of NEN 7513).

    Person and user are kept as plain ids and a name snapshot, so the log outlives the dossier and
    the account it speaks of. Entries are only ever added.
    """

    at = models.DateTimeField(_("moment"), default=clock.now, db_index=True)
    user_id = models.BigIntegerField(_("gebruiker"), null=True, db_index=True)
    username = models.CharField(_("gebruikersnaam"), max_length=150)
    action = models.CharField(_("handeling"), max_length=12, choices=Action.choices)
    person_id = models.BigIntegerField(_("persoon"), null=True)
    municipality_id = models.BigIntegerField(_("gemeente"), null=True)
    categories = models.CharField(_("gegevenscategorieën"), max_length=200, blank=True)
    purpose = models.CharField(_("doel"), max_length=120)
    channel = models.CharField(_("kanaal"), max_length=10, choices=Channel.choices)
    outcome = models.CharField(_("uitkomst"), max_length=10, choices=Outcome.choices, default=Outcome.ALLOWED)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True)
    detail = models.CharField(_("toelichting"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("logregel")
        verbose_name_plural = _("logboek")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["person_id", "-at"], name="audit_person_recent")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.person_id}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Audit entries are never changed.")
        super().save(*args, **kwargs)
