from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.people.models import Person

from .corrections import CORRECTABLE_FIELDS
from .models import RetentionPolicy


def correctable_choices() -> list[tuple[str, str]]:
    return [
        (name, str(Person._meta.get_field(name).verbose_name).capitalize()) for name in CORRECTABLE_FIELDS
    ]


class CorrectionForm(forms.Form):
    field_name = forms.ChoiceField(label=_("Welk gegeven"), choices=correctable_choices)
    new_value = forms.CharField(
        label=_("Juiste waarde"),
        max_length=150,
        required=False,
        help_text=_("Laat leeg om het gegeven te wissen."),
    )
    reason = forms.CharField(
        label=_("Reden van het verzoek"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RestrictionForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    starts_on = forms.DateField(label=_("Vanaf"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leeg: tot de beperking wordt opgeheven."),
    )

    def clean(self) -> dict:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("De einddatum ligt voor de begindatum."))
        return data


class RetentionForm(forms.ModelForm):
    class Meta:
        model = RetentionPolicy
        fields = ["years_after_closing"]
        labels = {"years_after_closing": _("Bewaartermijn na afsluiten (jaren)")}
