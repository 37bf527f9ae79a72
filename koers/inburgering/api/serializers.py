"""Serializers of the hours resource (``/api/v1/urenregistraties``)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from koers.lib.serializers import CamelCaseModelSerializer, RejectUnknownFieldsMixin

from ..models import Urenregistratie

HOURS = {"max_digits": 4, "decimal_places": 1, "min_value": Decimal(0), "max_value": Decimal("999.9")}


class UrenregistratieSerializer(CamelCaseModelSerializer):
    """Hours followed by one person in one period, as the provider reported them."""

    person = serializers.IntegerField(source="person_id", read_only=True, help_text=_("Id van de persoon."))
    aanbod = serializers.IntegerField(source="aanbod_id", read_only=True, allow_null=True,
                                      help_text=_("Id van het inburgeringsaanbod."))

    class Meta:
        model = Urenregistratie
        fields = ["id", "person", "aanbod", "period_start", "period_end", "hours_offered", "hours_attended",
                  "hours_absent_excused", "absence_note", "source", "reported_at"]
        read_only_fields = fields


class UrenregistratieInputSerializer(RejectUnknownFieldsMixin, serializers.Serializer):
    """A report of hours. A repeat for the same person, offer and period replaces the figures."""

    person = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text=_("Id van de persoon."))
    aanbod = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, required=False,
        help_text=_("Id van het inburgeringsaanbod; weg te laten als de persoon er bij jouw instelling één heeft."),
    )
    periodStart = serializers.DateField(help_text=_("Eerste dag van de periode."))
    periodEnd = serializers.DateField(help_text=_("Laatste dag van de periode (inclusief)."))
    hoursOffered = serializers.DecimalField(**HOURS, help_text=_("Aangeboden uren."))
    hoursAttended = serializers.DecimalField(**HOURS, help_text=_("Gevolgde uren."))
    hoursAbsentExcused = serializers.DecimalField(
        **HOURS, required=False, default=Decimal(0), help_text=_("Uren geoorloofd afwezig.")
    )
    absenceNote = serializers.CharField(
        max_length=300, required=False, allow_blank=True, default="", help_text=_("Toelichting op de afwezigheid.")
    )
