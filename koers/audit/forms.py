from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Action, AuditEntry, Outcome


class AuditSearchForm(forms.Form):
    person = forms.IntegerField(
        label=_("Persoon (dossiernummer)"), required=False, min_value=1, max_value=2**63 - 1
    )
    user = forms.CharField(label=_("Gebruikersnaam"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("Handeling"), required=False, choices=[("", _("Alle"))] + Action.choices
    )
    outcome = forms.ChoiceField(
        label=_("Uitkomst"), required=False, choices=[("", _("Alle"))] + Outcome.choices
    )
    start = forms.DateField(label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("De einddatum ligt voor de begindatum."))
        return data

    def apply(self, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        if not self.is_bound or not self.is_valid():
            return entries
        data = self.cleaned_data
        if data["person"]:
            entries = entries.filter(person_id=data["person"])
        if data["user"]:
            entries = entries.filter(username=data["user"])
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["outcome"]:
            entries = entries.filter(outcome=data["outcome"])
        if data["start"]:
            entries = entries.filter(at__date__gte=data["start"])
        if data["end"]:
            entries = entries.filter(at__date__lte=data["end"])
        return entries


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def period(self, today: dt.date) -> tuple[dt.date, dt.date]:
        """The chosen period; the last 30 days when none (or an invalid one) is given."""
        start, end = today - dt.timedelta(days=29), today
        if self.is_bound and self.is_valid():
            start = self.cleaned_data["start"] or start
            end = self.cleaned_data["end"] or end
        return (start, end) if start <= end else (end, start)
