import datetime as dt

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
    user_id = models.BigIntegerField(_("gebruiker"), null=True)
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
    previous_hash = models.CharField(_("hash van de vorige regel"), max_length=64, blank=True, editable=False)
    entry_hash = models.CharField(_("hash van deze regel"), max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("logregel")
        verbose_name_plural = _("logboek")
        ordering = ["-at", "-id"]
        # The log is the largest table: every screen read adds to it. Each way it is searched (a
        # person's reads, a municipality's or a user's in a period) has its own index, by moment.
        indexes = [
            models.Index(fields=["person_id", "-at"], name="audit_person_recent"),
            models.Index(fields=["municipality_id", "at"], name="audit_municipality_at"),
            models.Index(fields=["user_id", "at"], name="audit_user_at"),
            # Refused attempts are few among millions of reads; the unusual-access report lists them.
            models.Index(fields=["at"], condition=models.Q(outcome="geweigerd"), name="audit_refused_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.person_id}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Audit entries are never changed.")
        super().save(*args, **kwargs)


class ReadsPerHour(models.Model):
    """The log's allowed reads (reading, listing, exporting) summed per local hour, municipality,
    user and person, for the reports over whole periods (``koers.audit.rollup``). A month of a large
    municipality is millions of entries: a consultant's caseload page alone lists fifty persons, and
    lists them again at every visit. Written once a day, for the days that have ended."""

    day = models.DateField()
    hour = models.PositiveSmallIntegerField()
    municipality_id = models.BigIntegerField(null=True)
    user_id = models.BigIntegerField(null=True)
    username = models.CharField(max_length=150)
    person_id = models.BigIntegerField(null=True)
    reads = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("leesregels per uur")
        verbose_name_plural = _("leesregels per uur")
        indexes = [
            models.Index(fields=["municipality_id", "day"], name="audit_reads_municipality_day"),
            models.Index(fields=["user_id", "day"], name="audit_reads_user_day"),
            models.Index(fields=["day"], name="audit_reads_day"),
        ]


class RolledUpDay(models.Model):
    """A day whose log entries are summed in ``ReadsPerHour``: the days are rolled up in order, so
    the newest of these says up to where the sums go."""

    day = models.DateField(unique=True)
    entries = models.BigIntegerField()
    rolled_up_at = models.DateTimeField(default=clock.now)

    class Meta:
        verbose_name = _("opgetelde dag")
        verbose_name_plural = _("opgetelde dagen")


class ChainHead(models.Model):
    """The end of the hash chain: one row, locked by every writer of the log, so that two writers never
    link to the same predecessor. Removing entries from the end shows as a head that points past them."""

    last_hash = models.CharField(max_length=64, blank=True)
    entries = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("einde van de hashketen")
        verbose_name_plural = _("einde van de hashketen")


class UnusualAccessPolicy(models.Model):
    """What a municipality calls unusual access, as data: how many dossiers a user opens in one period
    before it is reported, and which hours count as night."""

    municipality = models.OneToOneField(
        "access.Municipality",
        on_delete=models.CASCADE,
        related_name="unusual_access_policy",
        verbose_name=_("gemeente"),
    )
    many_dossiers = models.PositiveIntegerField(_("veel dossiers (aantal per periode)"), default=50)
    night_starts = models.TimeField(_("nacht begint om"), default=dt.time(22, 0))
    night_ends = models.TimeField(_("nacht eindigt om"), default=dt.time(6, 0))

    class Meta:
        verbose_name = _("drempels ongebruikelijke toegang")
        verbose_name_plural = _("drempels ongebruikelijke toegang")

    def __str__(self) -> str:
        return str(self.municipality)
