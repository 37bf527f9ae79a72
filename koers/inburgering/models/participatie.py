"""What the newcomer does and meets beside the lessons (DOMAIN §4): work goals (the job they want and
a first job), participation with its hours (informal participation and small successes included), the
barriers that stand in the way with what was done about each, and the schemes they were told they may
claim."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory
from koers.lib import clock
from koers.people.constants import LANGUAGES
from koers.people.models import Person

from ..constants import (
    BelemmeringSoort,
    BelemmeringStatus,
    ParticipatieSoort,
    Regeling,
    VoorlichtingUitkomst,
    VoorlichtingWijze,
)


class Werkdoel(models.Model):
    """The work goal as set on a day: the job the newcomer wants and a first job within reach now.
    A new goal is a new row; the newest is the current one, the earlier ones stay."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="werkdoelen")
    wanted_job = models.CharField(_("gewenst beroep of werk"), max_length=200)
    first_job = models.CharField(_("eerste baan binnen bereik"), max_length=200, blank=True)
    steps = models.TextField(_("stappen van de eerste baan naar het gewenste werk"), blank=True)
    set_on = models.DateField(_("besproken op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("werkdoel")
        verbose_name_plural = _("werkdoelen")
        ordering = ["person", "-set_on", "-id"]

    def __str__(self) -> str:
        return self.wanted_job


class Participatie(models.Model):
    """Hours of participation over a period: work, volunteering, a placement, a course, an activity or
    informal participation, with what went well."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participaties")
    soort = models.CharField(_("soort"), max_length=20, choices=ParticipatieSoort.choices)
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"))
    hours = models.DecimalField(_("uren"), max_digits=5, decimal_places=1)
    description = models.CharField(_("wat en waar"), max_length=300)
    success = models.TextField(_("kleine successen"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("participatie")
        verbose_name_plural = _("participatie")
        ordering = ["person", "-period_start", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="participatie_period_order"
            ),
            models.CheckConstraint(condition=Q(hours__gt=0), name="participatie_hours_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.hours}"

    @property
    def informal(self) -> bool:
        return self.soort == ParticipatieSoort.INFORMEEL


class Belemmering(models.Model):
    """A barrier to lessons, participation or work, open until it is solved; ``follow_up_on`` puts it on
    the attention list on that day. A health barrier is health data."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="belemmeringen")
    soort = models.CharField(_("soort"), max_length=25, choices=BelemmeringSoort.choices)
    description = models.TextField(_("wat speelt er"))
    since = models.DateField(_("speelt sinds"))
    follow_up_on = models.DateField(_("opvolgen op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=BelemmeringStatus.choices, default=BelemmeringStatus.OPEN
    )
    solved_on = models.DateField(_("opgelost op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("belemmering")
        verbose_name_plural = _("belemmeringen")
        ordering = ["person", "status", "-since", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=BelemmeringStatus.OPEN) | Q(solved_on__isnull=False),
                name="belemmering_solved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.get_soort_display()

    @property
    def category(self) -> DataCategory:
        return category_of_barrier(self.soort)


def category_of_barrier(soort: str) -> DataCategory:
    """A health barrier is health data; every other barrier belongs to education and work."""
    return DataCategory.HEALTH if soort == BelemmeringSoort.GEZONDHEID else DataCategory.EDUCATION_WORK


class BelemmeringActie(models.Model):
    """What was done about a barrier, on a day, by whom."""

    belemmering = models.ForeignKey(Belemmering, on_delete=models.CASCADE, related_name="acties")
    done_on = models.DateField(_("datum"))
    description = models.TextField(_("wat is er gedaan"))
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("actie bij een belemmering")
        verbose_name_plural = _("acties bij belemmeringen")
        ordering = ["belemmering", "done_on", "id"]

    def __str__(self) -> str:
        return f"{self.done_on:%d-%m-%Y}: {self.description[:40]}"


class Voorlichting(models.Model):
    """The newcomer was told about a scheme they may claim: when, how, in which language, and what
    came of it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="voorlichtingen")
    regeling = models.CharField(_("regeling"), max_length=25, choices=Regeling.choices)
    name = models.CharField(_("naam van de regeling"), max_length=150, blank=True)
    informed_on = models.DateField(_("besproken op"))
    how = models.CharField(_("hoe"), max_length=10, choices=VoorlichtingWijze.choices)
    language = models.CharField(_("taal"), max_length=3, blank=True)
    interpreter = models.BooleanField(_("met tolk"), default=False)
    outcome = models.CharField(_("uitkomst"), max_length=15, choices=VoorlichtingUitkomst.choices)
    note = models.TextField(_("toelichting"), blank=True)
    informed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=clock.now, editable=False)

    class Meta:
        verbose_name = _("voorlichting over een regeling")
        verbose_name_plural = _("voorlichting over regelingen")
        ordering = ["person", "-informed_on", "-id"]

    def __str__(self) -> str:
        return self.name or self.get_regeling_display()

    @property
    def language_name(self) -> str:
        return LANGUAGES.get(self.language, self.language)
