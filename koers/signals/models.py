"""Signals: the deadlines of the sources (``koers.lib.deadlines``) as rows on attention lists, with
what users did about them (snoozed, resolved) and the municipality's thresholds for the signals that
depend on policy."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory
from koers.access.models import Municipality
from koers.lib import clock
from koers.people.models import Person


class SignalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SNOOZED = "gesnoozed", _("Uitgesteld")
    RESOLVED = "afgehandeld", _("Afgehandeld")
    LAPSED = "vervallen", _("Vervallen (niet meer van toepassing)")


LIVE_STATUSES = (SignalStatus.OPEN, SignalStatus.SNOOZED)


class Signal(models.Model):
    """One deadline of one person on the attention lists. At most one live (open or snoozed) signal
    per (person, kind, reference); resolved and lapsed ones stay as history."""

    # Indexed by ``signal_key`` and ``signal_person_municipality``, which both lead with the person.
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="signals", db_index=False)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("soort"), max_length=40)
    reference = models.CharField(_("verwijzing"), max_length=60, blank=True)
    due = models.DateField(_("uiterste datum"))
    category = models.CharField(_("gegevenscategorie"), max_length=15, choices=DataCategory.choices)
    detail = models.CharField(_("toelichting"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=SignalStatus.choices, default=SignalStatus.OPEN)
    snoozed_until = models.DateField(_("uitgesteld tot"), null=True, blank=True)
    snooze_reason = models.CharField(_("reden van uitstel"), max_length=300, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    resolved_reason = models.CharField(_("reden van afhandeling"), max_length=300, blank=True)
    first_seen = models.DateTimeField(_("eerst gezien"), default=clock.now)
    last_computed = models.DateTimeField(_("laatst herberekend"), default=clock.now)
    closed_at = models.DateTimeField(_("vervallen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["due", "id"]
        indexes = [
            models.Index(fields=["municipality", "status", "due"], name="signal_team_list"),
            models.Index(fields=["person", "kind", "reference"], name="signal_key"),
            # "My" attention list asks for the signals of my persons in the municipalities I see: with
            # the person alone, PostgreSQL also read the municipality's index (73,000 entries) to
            # combine the two; with both, it reads only my persons' entries (4.8 → 0.6 ms at 1M).
            models.Index(fields=["person", "municipality"], name="signal_person_municipality"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind", "reference"],
                condition=Q(status__in=["open", "gesnoozed"]),
                name="signal_one_live_per_key",
            ),
            models.CheckConstraint(
                condition=~Q(status="gesnoozed") | Q(snoozed_until__isnull=False), name="signal_snooze_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.reference} ({self.due:%d-%m-%Y})"


class SignalPolicy(models.Model):
    """A municipality's thresholds for the signals that depend on policy; without a row the defaults
    of ``koers.signals.policy`` apply."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="signal_policy")
    hours_min_percent = models.PositiveSmallIntegerField(
        _("minimaal percentage gevolgde uren"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Onder dit percentage van de aangeboden uren loopt iemand achter op het plan."),
    )
    hours_window_weeks = models.PositiveSmallIntegerField(
        _("periode voor de uren (weken)"), default=8, validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    no_contact_weeks = models.PositiveSmallIntegerField(
        _("signaal na zoveel weken zonder contact"), default=6, validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    offer_weeks = models.PositiveSmallIntegerField(
        _("weken na het PIP voor het inburgeringsaanbod"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    objection_committee = models.BooleanField(
        _("bezwaren worden gehoord door een adviescommissie"),
        default=False,
        help_text=_("Dan is de beslistermijn op een bezwaar twaalf weken in plaats van zes (Awb art. 7:10)."),
    )

    class Meta:
        verbose_name = _("signaalbeleid")
        verbose_name_plural = _("signaalbeleid")

    def __str__(self) -> str:
        return str(self.municipality)


class SignalPolicyVersion(models.Model):
    """One saved version of a municipality's signal policy, never changed: who set which thresholds
    when, and why. The newest version is what ``SignalPolicy`` holds."""

    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="signal_policy_versions")
    version = models.PositiveIntegerField(_("versie"))
    hours_min_percent = models.PositiveSmallIntegerField(_("minimaal percentage gevolgde uren"))
    hours_window_weeks = models.PositiveSmallIntegerField(_("periode voor de uren (weken)"))
    no_contact_weeks = models.PositiveSmallIntegerField(_("signaal na zoveel weken zonder contact"))
    offer_weeks = models.PositiveSmallIntegerField(_("weken na het PIP voor het inburgeringsaanbod"))
    objection_committee = models.BooleanField(_("bezwaren worden gehoord door een adviescommissie"), default=False)
    reason = models.CharField(_("reden van de wijziging"), max_length=300)
    created_at = models.DateTimeField(_("opgeslagen op"), default=clock.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("versie van het signaalbeleid")
        verbose_name_plural = _("versies van het signaalbeleid")
        ordering = ["municipality", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "version"], name="signal_policy_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} v{self.version}"


class RecomputeRun(models.Model):
    """One recompute (all, a municipality or a person) and what it changed."""

    scope = models.CharField(_("bereik"), max_length=60)
    started_at = models.DateTimeField(_("gestart"), default=clock.now)
    seconds = models.FloatField(_("duur (s)"), default=0)
    deadlines = models.PositiveIntegerField(_("termijnen berekend"), default=0)
    created = models.PositiveIntegerField(_("nieuw"), default=0)
    updated = models.PositiveIntegerField(_("gewijzigd"), default=0)
    lapsed = models.PositiveIntegerField(_("vervallen"), default=0)

    class Meta:
        verbose_name = _("herberekening")
        verbose_name_plural = _("herberekeningen")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.scope} {self.started_at:%Y-%m-%d %H:%M}"
