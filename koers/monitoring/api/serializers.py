"""The aggregate API's query parameters and answers: figures and their cells, never a person."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from koers.people.constants import Gender, Literacy, TargetGroup

from ..dimensions import AGE_BANDS

# Dutch names in the API for the breakdowns and filters (the dashboard's keys are English).
BREAKDOWNS = {
    "totaal": "totaal",
    "geslacht": "gender",
    "leeftijdsgroep": "age_band",
    "doelgroep": "target_group",
    "land_van_herkomst": "country_of_origin",
    "alfabetisering": "literacy",
    "gemeente": "municipality",
}
FILTERS = {
    "geslacht": "gender",
    "leeftijdsgroep": "age_band",
    "doelgroep": "target_group",
    "alfabetisering": "literacy",
}


class KengetalQuerySerializer(serializers.Serializer):
    gemeente = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=_("Id van één gemeente; zonder: alle gemeenten van je werkgebied."),
    )
    vanaf = serializers.DateField(
        required=False, help_text=_("Eerste dag van de periode (standaard: een jaar terug).")
    )
    tot = serializers.DateField(
        required=False, help_text=_("Laatste dag van de periode (standaard: vandaag).")
    )
    uitsplitsing = serializers.ChoiceField(choices=list(BREAKDOWNS), required=False, default="totaal")
    geslacht = serializers.ChoiceField(choices=Gender.choices, required=False)
    leeftijdsgroep = serializers.ChoiceField(choices=[(b.key, b.label) for b in AGE_BANDS], required=False)
    doelgroep = serializers.ChoiceField(choices=TargetGroup.choices, required=False)
    alfabetisering = serializers.ChoiceField(choices=Literacy.choices, required=False)

    def validate(self, data: dict) -> dict:
        if data.get("vanaf") and data.get("tot") and data["vanaf"] > data["tot"]:
            raise serializers.ValidationError({"tot": _("Het einde van de periode ligt vóór het begin.")})
        return data


class KengetalSerializer(serializers.Serializer):
    code = serializers.CharField()
    titel = serializers.CharField()
    toelichting = serializers.CharField()
    maat = serializers.CharField(help_text=_("count, share, median_days, median of ratio"))
    perGemeente = serializers.BooleanField(
        help_text=_("Per gemeente uit zichzelf (taakstelling, caseload): zonder uitsplitsing naar gemeente "
                    "staat de gemeente in de reeks.")
    )


class CelSerializer(serializers.Serializer):
    groep = serializers.CharField(help_text=_("Waarde van de uitsplitsing (of de gemeente)."))
    groepLabel = serializers.CharField()
    reeks = serializers.CharField(allow_blank=True)
    reeksLabel = serializers.CharField(allow_blank=True)
    afgeschermd = serializers.BooleanField(help_text=_("Minder dan 5 personen, of daaruit af te leiden."))
    aantal = serializers.IntegerField(allow_null=True)
    waarde = serializers.FloatField(allow_null=True)


class KengetalCellenSerializer(KengetalSerializer):
    gemeenten = serializers.ListField(child=serializers.IntegerField())
    vanaf = serializers.DateField()
    tot = serializers.DateField()
    uitsplitsing = serializers.CharField()
    filters = serializers.DictField(child=serializers.CharField())
    cellen = CelSerializer(many=True)
