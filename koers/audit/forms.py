from __future__ import annotations

import datetime as dt

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from koers.lib import clock

from .models import Action, AuditEntry, Outcome


def date_field(label: str) -> forms.DateField:
    return forms.DateField(label=label, required=False, widget=forms.DateInput(attrs={"type": "date"}))


class PeriodFields(forms.Form):
    """A period from ``start`` up to and including ``end``, both optional."""

    start = date_field(_("Vanaf"))
    end = date_field(_("Tot en met"))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("De einddatum ligt voor de begindatum."))
        return data


# Each field of the search but the period, and the lookup it filters the log with.
FILTERS = {
    "person": "person_id",
    "user": "username",
    "action": "action",
    "outcome": "outcome",
}


class AuditSearchForm(PeriodFields):
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
    field_order = ["person", "user", "action", "outcome", "start", "end"]

    def apply(self, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        if not self.is_bound or not self.is_valid():
            return entries
        data = self.cleaned_data
        chosen = {lookup: data[name] for name, lookup in FILTERS.items() if data[name]}
        return entries.filter(**chosen, **clock.on_days("at", data["start"], data["end"]))


class PeriodForm(PeriodFields):
    def period(self, today: dt.date) -> tuple[dt.date, dt.date]:
        """The chosen period; the last 30 days for what is not (rightly) given."""
        start, end = today - dt.timedelta(days=29), today
        if self.is_bound and self.is_valid():
            start = self.cleaned_data["start"] or start
            end = self.cleaned_data["end"] or end
        return (start, end) if start <= end else (end, start)
