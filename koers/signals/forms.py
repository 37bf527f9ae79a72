"""Forms of the attention lists (the filters, snoozing and resolving) and of the signal policy."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core import validators
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from koers.access.models import User
from koers.lib.deadlines import deadline_sources

from .policy import FLAGS, LIMITS, Thresholds
from .services import REASON_MAX

WINDOWS = {
    "te_laat": (_("Te laat"), None),
    "2w": (_("Binnen 2 weken"), dt.timedelta(weeks=2)),
    "3m": (_("Binnen 3 maanden"), dt.timedelta(days=92)),
}


def kind_choices() -> list[tuple[str, str]]:
    return [("", _("Alle soorten"))] + sorted(
        ((kind, str(label)) for source in deadline_sources() for kind, label in source.kinds.items()),
        key=lambda choice: choice[1],
    )


class SignalFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), required=False)
    window = forms.ChoiceField(
        label=_("Uiterste datum"),
        required=False,
        choices=[("", _("Alle"))] + [(key, label) for key, (label, _delta) in WINDOWS.items()],
    )
    worker = forms.ModelChoiceField(label=_("Consulent"), queryset=User.objects.none(), required=False,
                                    empty_label=_("Alle consulenten"))

    def __init__(self, *args, workers: QuerySet[User] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices()
        if workers is None:
            del self.fields["worker"]
        else:
            self.fields["worker"].queryset = workers

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)

    def apply(self, signals, today: dt.date):
        if not self.is_bound or not self.is_valid():
            return signals
        data = self.cleaned_data
        if data.get("kind"):
            signals = signals.filter(kind=data["kind"])
        window = data.get("window")
        if window == "te_laat":
            signals = signals.filter(due__lt=today)
        elif window:
            signals = signals.filter(due__lte=today + WINDOWS[window][1])
        if data.get("worker"):
            signals = signals.filter(Q(person__consultant=data["worker"]))
        return signals


class ResolveForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), max_length=REASON_MAX, widget=forms.TextInput,
                             help_text=_("Wat is er gedaan? Dit komt op de tijdlijn van de persoon."))


class SnoozeForm(forms.Form):
    until = forms.DateField(label=_("Uitstellen tot"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reden"), max_length=REASON_MAX, widget=forms.TextInput)


class SignalPolicyForm(forms.Form):
    """The thresholds of a municipality's signal policy, with the reason for the change."""

    hours_min_percent = forms.IntegerField(
        label=_("Minimaal percentage gevolgde uren"),
        help_text=_("Onder dit percentage van de aangeboden uren loopt iemand achter op het plan."),
    )
    hours_window_weeks = forms.IntegerField(
        label=_("Periode voor de uren (weken)"),
        help_text=_("Over hoeveel weken de gevolgde uren worden opgeteld."),
    )
    no_contact_weeks = forms.IntegerField(
        label=_("Signaal na zoveel weken zonder contact"),
    )
    offer_weeks = forms.IntegerField(
        label=_("Weken na het PIP voor het inburgeringsaanbod"),
        help_text=_("Zoveel weken na de dagtekening van het PIP moet er een inburgeringsaanbod zijn."),
    )
    objection_committee = forms.BooleanField(
        label=_("Bezwaren worden gehoord door een adviescommissie"),
        required=False,
        help_text=_("Dan is de beslistermijn op een bezwaar twaalf weken in plaats van zes (Awb art. 7:10)."),
    )
    reason = forms.CharField(label=_("Reden van de wijziging"), max_length=300, widget=forms.TextInput,
                             help_text=_("Komt in de geschiedenis van het signaalbeleid."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, (low, high) in LIMITS.items():
            self.fields[name].min_value, self.fields[name].max_value = low, high
            self.fields[name].validators.extend(
                [validators.MinValueValidator(low), validators.MaxValueValidator(high)]
            )
            self.fields[name].widget.attrs.update({"min": low, "max": high, "inputmode": "numeric"})

    def thresholds(self) -> Thresholds:
        return Thresholds(**{name: self.cleaned_data[name] for name in (*LIMITS, *FLAGS)})
