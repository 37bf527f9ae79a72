"""The dashboard's filter form: period, municipality, breakdown and the population filters."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django import forms
from django.utils.translation import gettext_lazy as _

from koers.access.models import Municipality
from koers.lib.forms import ErrorLink, summary_title

from .dimensions import ALL, DIMENSIONS
from .selection import Selection

FILTERS = ("gender", "age_band", "target_group", "literacy")


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last twelve months up to and including today."""
    return today - relativedelta(years=1) + dt.timedelta(days=1), today


class DashboardForm(forms.Form):
    start = forms.DateField(
        label=_("Periode vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("Periode tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    municipality = forms.TypedChoiceField(label=_("Gemeente"), required=False, coerce=int, empty_value=None)
    breakdown = forms.ChoiceField(label=_("Uitsplitsen naar"), required=False)
    gender = forms.ChoiceField(label=_("Geslacht"), required=False)
    age_band = forms.ChoiceField(label=_("Leeftijdsgroep"), required=False)
    target_group = forms.ChoiceField(label=_("Doelgroep"), required=False)
    literacy = forms.ChoiceField(label=_("Alfabetisering"), required=False)

    def __init__(self, *args, municipalities: frozenset[int], today: dt.date, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.municipalities = municipalities
        self.today = today
        names = Municipality.objects.filter(pk__in=municipalities).values_list("pk", "name")
        self.fields["municipality"].choices = [("", _("Alle gemeenten in mijn werkgebied"))] + list(names)
        self.fields["breakdown"].choices = [(d.key, d.label) for d in DIMENSIONS.values()]
        for key in FILTERS:
            self.fields[key].choices = [("", _("Alle"))] + list(DIMENSIONS[key].choices())

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("Het einde van de periode ligt vóór het begin."))
        return data

    def selection(self) -> Selection:
        """The selection of a valid form; empty fields take their defaults."""
        first, last = default_period(self.today)
        data = self.cleaned_data
        chosen = data.get("municipality")
        return Selection(
            municipality_ids=frozenset({chosen}) if chosen else self.municipalities,
            start=data.get("start") or first,
            end=data.get("end") or last,
            today=self.today,
            breakdown=data.get("breakdown") or ALL,
            filters={key: data[key] for key in FILTERS if data.get(key)},
        )


def error_context(errors: list[ErrorLink]) -> dict:
    """What the error summary at the top of a monitoring page needs."""
    return {"errors": errors, "error_title": summary_title(errors) if errors else ""}
