"""The taakstelling: how many status holders a municipality is to house per half year, as data the
functional administrator keeps up to date (the ministry publishes it twice a year)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.access.models import Municipality
from koers.lib import clock


class HalfYear(models.IntegerChoices):
    FIRST = 1, _("eerste helft (januari tot en met juni)")
    SECOND = 2, _("tweede helft (juli tot en met december)")


def half_year_bounds(year: int, half: int) -> tuple[dt.date, dt.date]:
    """The first and the last day of a half year."""
    if half == HalfYear.FIRST:
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    return dt.date(year, 7, 1), dt.date(year, 12, 31)


def half_year_of(day: dt.date) -> tuple[int, int]:
    return day.year, HalfYear.FIRST if day.month <= 6 else HalfYear.SECOND


class Taakstelling(models.Model):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="taakstellingen", verbose_name=_("gemeente")
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    half = models.PositiveSmallIntegerField(_("halfjaar"), choices=HalfYear.choices)
    number = models.PositiveIntegerField(_("aantal te huisvesten statushouders"))
    updated_at = models.DateTimeField(default=clock.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("taakstelling")
        verbose_name_plural = _("taakstellingen")
        ordering = ["municipality", "-year", "-half"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "year", "half"], name="taakstelling_per_half_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.year}-{self.half}: {self.number}"
