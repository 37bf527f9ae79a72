"""The PIP (Persoonlijk Plan Inburgering en Participatie, Wi2021 art. 15) as versions.

Each version is a decision (beschikking) plus a living development plan. A version is written once as
a concept, then vastgesteld (decided, dagtekening set) and from then on never changed: a revision is a
new version, and the previous one becomes ``vervangen``. DUO keeps only the current version; Koers
keeps them all."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from koers.lib import clock
from koers.people.models import Person

from ..constants import Alfabetiseringsonderwijs, BezwaarUitkomst, Leerroute, Niveau, PipStatus


class PipVersie(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="pip_versies")
    number = models.PositiveSmallIntegerField(_("versie"))
    status = models.CharField(_("status"), max_length=12, choices=PipStatus.choices, default=PipStatus.CONCEPT)
    brede_intake = models.ForeignKey(
        "inburgering.BredeIntake", on_delete=models.SET_NULL, null=True, blank=True, related_name="pip_versies"
    )

    # The beschikking.
    dagtekening = models.DateField(_("dagtekening"), null=True, blank=True)
    leerroute = models.CharField(_("leerroute"), max_length=1, choices=Leerroute.choices)
    niveau = models.CharField(
        _("niveau"),
        max_length=2,
        choices=Niveau.choices,
        blank=True,
        help_text=_("Leeg bij de Z-route. Bij de B1-route en de onderwijsroute stelt DUO zonder niveau B1 vast."),
    )
    geschatte_intensiteit = models.PositiveSmallIntegerField(
        _("geschatte intensiteit B1-route (uren)"), null=True, blank=True
    )
    alfabetisering = models.CharField(
        _("alfabetiseringsonderwijs"),
        max_length=3,
        choices=Alfabetiseringsonderwijs.choices,
        default=Alfabetiseringsonderwijs.NVT,
    )
    map = models.BooleanField(_("Module Arbeidsmarkt en Participatie (MAP)"), default=True)
    pvt = models.BooleanField(_("Participatieverklaringstraject (PVT)"), default=True)
    ontzorgen = models.BooleanField(_("financieel ontzorgen"), default=False)
    maatschappelijke_begeleiding = models.BooleanField(_("maatschappelijke begeleiding"), default=False)

    # The living development plan.
    goals = models.TextField(_("doelen"), blank=True)
    activities = models.TextField(_("activiteiten"), blank=True)
    participation = models.TextField(
        _("participatie"), blank=True, help_text=_("Werk, vrijwilligerswerk, duale trajecten.")
    )
    explanation = models.TextField(_("uitleg in eenvoudige taal"), blank=True)
    letter_language = models.CharField(_("tweede taal van de brief"), max_length=3, blank=True)

    signed_on = models.DateField(_("ondertekend op"), null=True, blank=True)
    objection_filed_on = models.DateField(_("bezwaar ingediend op"), null=True, blank=True)
    objection_outcome = models.CharField(
        _("uitkomst bezwaar"), max_length=15, choices=BezwaarUitkomst.choices, blank=True
    )
    sent_to_duo_at = models.DateTimeField(_("naar DUO gestuurd"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)
    decided_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("PIP-versie")
        verbose_name_plural = _("PIP-versies")
        ordering = ["person", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["person", "number"], name="pip_version_unique"),
            models.UniqueConstraint(
                fields=["person"], condition=Q(status=PipStatus.VASTGESTELD), name="pip_one_current"
            ),
            models.CheckConstraint(
                condition=Q(status=PipStatus.CONCEPT) | Q(dagtekening__isnull=False),
                name="pip_decided_has_dagtekening",
            ),
        ]

    def __str__(self) -> str:
        return f"PIP {self.number} — {self.person}"
