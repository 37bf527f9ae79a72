"""Figures over many municipalities kept for a while: the rows one figure gave for one wide selection
(see ``koers.monitoring.kept``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class KeptFigure(models.Model):
    """The raw rows (breakdown value, series, people, value; small cells not yet suppressed) of one
    figure for one selection, and when they were computed. Aggregates only: no person in them."""

    selection_key = models.CharField(max_length=64, help_text="SHA-256 van de selectie")
    figure = models.CharField(max_length=60)
    rows = models.JSONField()
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("bewaard kengetal")
        verbose_name_plural = _("bewaarde kengetallen")
        constraints = [
            models.UniqueConstraint(fields=["selection_key", "figure"], name="kept_figure_once_per_selection")
        ]
