from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.access.models import Municipality
from koers.lib import clock
from koers.people.models import Person


class Notification(models.Model):
    """A notification from DUO (Notificatie API), stored as received before it is answered.

    ``event_key`` (gebeurtenis, BSN or v-nummer, registratieDatumTijd) is the event itself: DUO may
    send one event twice under two berichtIds, and only one of them is ever applied (the constraint
    allows one processed notification per event)."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Ontvangen")
        PROCESSED = "processed", _("Verwerkt")
        DUPLICATE = "duplicate", _("Dubbel ontvangen")
        UNMATCHED = "unmatched", _("Geen dossier gevonden")
        FAILED = "failed", _("Mislukt")

    message_id = models.UUIDField(_("berichtId"), unique=True)
    event_key = models.CharField(_("gebeurtenissleutel"), max_length=80, db_index=True, default="")
    event_code = models.CharField(_("gebeurtenis"), max_length=6)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    sender_oin = models.CharField(_("OIN afzender"), max_length=20)
    recipient_oin = models.CharField(_("OIN ontvanger"), max_length=20)
    payload = models.JSONField(_("inhoud"))
    received_at = models.DateTimeField(_("ontvangen op"), default=clock.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=clock.now)
    locked_until = models.DateTimeField(null=True, blank=True)
    locked_by = models.CharField(max_length=64, blank=True)
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="duo_notifications"
    )
    processed_at = models.DateTimeField(_("verwerkt op"), null=True, blank=True)
    acted_on_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    acted_on_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("notificatie van DUO")
        verbose_name_plural = _("notificaties van DUO")
        ordering = ["received_at", "id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="duo_notification_due"),
            models.Index(fields=["bsn", "status"], name="duo_notification_bsn"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event_key"], condition=Q(status="processed"), name="duo_event_applied_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_code} {self.message_id}"


class ContactpersoonSettings(models.Model):
    """A municipality's choice to pass each consultant to DUO as the contactpersoon of their caseload,
    with the telephone number DUO's chain partners call (DUO requires one; Koers knows no personal
    numbers of its users). Without a row the municipality does not pass contactpersonen."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="duo_contactpersoon_settings",
        verbose_name=_("gemeente"),
    )
    telefoonnummer = models.CharField(
        _("telefoonnummer voor de contactpersonen"), max_length=22,
        help_text=_("Het nummer waarop de keten de consulenten bereikt, bijvoorbeeld dat van het team inburgering."),
    )

    class Meta:
        verbose_name = _("instelling contactpersonen bij DUO")
        verbose_name_plural = _("instellingen contactpersonen bij DUO")

    def __str__(self) -> str:
        return str(self.municipality)


class Contactpersoon(models.Model):
    """A consultant as DUO's contactpersoon for one municipality; ``duo_id`` is DUO's id for it, known
    once DUO has accepted the message that creates it."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="duo_contactpersonen")
    duo_id = models.PositiveIntegerField(_("id bij DUO"), null=True, blank=True)
    gegevens = models.JSONField(_("contactpersoongegevens"))
    created_at = models.DateTimeField(_("aangemaakt op"), default=clock.now)

    class Meta:
        verbose_name = _("contactpersoon bij DUO")
        verbose_name_plural = _("contactpersonen bij DUO")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "user"], name="duo_one_contactpersoon_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.gegevens.get('naam', '')} ({self.duo_id or '—'})"


class ContactpersoonLink(models.Model):
    """The contactpersoon a person is (being) linked to at DUO: what Koers last put on the outbox."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="duo_contactpersoon_link")
    contactpersoon = models.ForeignKey(Contactpersoon, on_delete=models.CASCADE, related_name="links")

    class Meta:
        verbose_name = _("koppeling met een contactpersoon bij DUO")
        verbose_name_plural = _("koppelingen met een contactpersoon bij DUO")

    def __str__(self) -> str:
        return f"{self.person_id} → {self.contactpersoon_id}"


class MessageType(models.TextChoices):
    """The messages Koers sends to DUO (``koers.duo.outbox.OPERATIONS`` names DUO's operation of each)."""

    PIP = "pip", _("PIP")
    PIP_INTREKKEN = "pip_intrekken", _("PIP ingetrokken")
    INBURGERINGSAANBOD = "inburgeringsaanbod", _("Inburgeringsaanbod")
    INBURGERINGSAANBOD_INTREKKEN = "inburgeringsaanbod_intrekken", _("Inburgeringsaanbod ingetrokken")
    MAP = "map", _("MAP: datum eindgesprek")
    PVT = "pvt", _("PVT: datum ondertekening")
    ZROUTE = "zroute", _("Z-route afgerond")
    CONTACTPERSOON_AANMAKEN = "contactpersoon_aanmaken", _("Contactpersoon aangemeld")
    CONTACTPERSOON_KOPPELEN = "contactpersoon_koppelen", _("Contactpersoon gekoppeld")
    CONTACTPERSOON_ONTKOPPELEN = "contactpersoon_ontkoppelen", _("Contactpersoon ontkoppeld")
    UREN_TAALLES_KNM = "uren_taalles_knm", _("Uren taalles en KNM in de brede intake")
    UREN_PARTICIPATIEACTIVITEITEN = "uren_participatieactiviteiten", _("Uren participatieactiviteiten (Z-route)")
    UREN_PARTICIPATIE_ALS_TAALLES = "uren_participatie_als_taalles", _("Uren taalles en KNM gevolgd")


class OutboxMessage(models.Model):
    """A message to DUO, stored in the transaction of the dossier change and sent by the worker.

    ``subject`` is the record the message reports (a PIP version, an offer, a MAP/PVT date); when
    DUO accepts the message and no newer message about it is under way, its ``sent_to_duo_at`` is set."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Wacht op verzending")
        SENT = "sent", _("Verzonden, wacht op antwoord")
        ACCEPTED = "accepted", _("Geaccepteerd door DUO")
        REFUSED = "refused", _("Geweigerd door DUO")
        FAILED = "failed", _("Mislukt na herhaalde pogingen")
        CANCELLED = "cancelled", _("Geannuleerd")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="duo_outbox")
    message_type = models.CharField(_("soort bericht"), max_length=30, choices=MessageType.choices)
    operation_id = models.CharField(_("DUO-operatie"), max_length=60)
    path_params = models.JSONField(default=dict, blank=True)
    payload = models.JSONField(_("inhoud"), null=True, blank=True)
    bericht_id = models.UUIDField(_("berichtId"), unique=True)
    contactpersoon = models.ForeignKey(
        Contactpersoon, on_delete=models.PROTECT, null=True, blank=True, related_name="messages",
        help_text=_("Voor berichten over een contactpersoon: DUO's id komt uit het antwoord op het aanmaken."),
    )
    subject_type = models.ForeignKey(ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    attempts = models.PositiveIntegerField(_("pogingen"), default=0)
    next_attempt_at = models.DateTimeField(_("volgende poging"), default=clock.now)
    locked_until = models.DateTimeField(null=True, blank=True)
    locked_by = models.CharField(max_length=64, blank=True)
    fouten = models.JSONField(_("fouten van DUO"), default=list, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=clock.now)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)

    class Meta:
        verbose_name = _("bericht aan DUO")
        verbose_name_plural = _("berichten aan DUO")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="duo_outbox_due"),
            models.Index(fields=["subject_type", "subject_id"], name="duo_outbox_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.message_type} {self.bericht_id}"


class QueuedJob(models.Model):
    """One-off background work (``koers.lib.jobs.enqueue``) for the embedded worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        DONE = "done", _("Klaar")
        FAILED = "failed", _("Mislukt")

    name = models.CharField(max_length=100)
    kwargs = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    run_after = models.DateTimeField(default=clock.now)
    attempts = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    locked_by = models.CharField(max_length=64, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=clock.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")
        indexes = [models.Index(fields=["status", "run_after"], name="duo_queued_job_due")]

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"


class PeriodicJobState(models.Model):
    """When a registered periodic job (``koers.lib.jobs.register_periodic``) ran and runs next."""

    name = models.CharField(max_length=100, unique=True)
    next_run_at = models.DateTimeField()
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    locked_by = models.CharField(max_length=64, blank=True)

    def __str__(self) -> str:
        return self.name
