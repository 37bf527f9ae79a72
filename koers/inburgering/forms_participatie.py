"""Forms of the "Participatie en werk" tab: a work goal, participation hours, a barrier and what was done
about it, and a scheme the newcomer was told about. Each form only reads input; ``save`` hands it to
``koers.inburgering.participatie``, whose ``ValidationError`` the view puts on the fields."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.access.query import categories_for
from koers.audit.models import Channel
from koers.lib import clock
from koers.people.forms import DateField, language_choices

from . import participatie
from .constants import BelemmeringSoort, ParticipatieSoort, Regeling, VoorlichtingUitkomst, VoorlichtingWijze
from .forms_route import RouteForm
from .models import Belemmering
from .models.participatie import category_of_barrier

TEXTAREA = {"rows": 3}


class ParticipatieTabForm(RouteForm):
    """A form of the tab; ``change`` says who records it, from which screen."""

    def change(self) -> participatie.Change:
        return participatie.Change(self.user, Channel.UI, self.request)


class WerkdoelForm(ParticipatieTabForm):
    wanted_job = forms.CharField(label=_("Welk werk wil de inburgeraar doen?"), max_length=200)
    first_job = forms.CharField(
        label=_("Eerste baan binnen bereik"), max_length=200, required=False,
        help_text=_("Werk dat nu al kan, als eerste stap, ook als de partner al werkt."),
    )
    steps = forms.CharField(label=_("Stappen naar het gewenste werk"), required=False,
                            widget=forms.Textarea(attrs=TEXTAREA))
    set_on = DateField(label=_("Besproken op"), initial=clock.today)

    def save(self):
        return participatie.record_werkdoel(self.change(), self.person, **self.cleaned_data)


class ParticipatieForm(ParticipatieTabForm):
    soort = forms.ChoiceField(label=_("Soort participatie"), choices=ParticipatieSoort.choices,
                              widget=forms.RadioSelect)
    period_start = DateField(label=_("Periode vanaf"))
    period_end = DateField(label=_("Periode tot en met"))
    hours = forms.DecimalField(label=_("Uren"), min_value=Decimal("0.5"), max_value=Decimal(999),
                               decimal_places=1, widget=forms.NumberInput(attrs={"step": "0.5"}))
    description = forms.CharField(label=_("Wat en waar"), max_length=300)
    success = forms.CharField(
        label=_("Kleine successen"), required=False, widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Wat ging goed? Bijvoorbeeld: zelf de weg gevonden, een gesprek gevoerd."),
    )

    def save(self):
        return participatie.record_participatie(self.change(), self.person, **self.cleaned_data)


class BelemmeringForm(ParticipatieTabForm):
    soort = forms.ChoiceField(label=_("Soort belemmering"), choices=BelemmeringSoort.choices,
                              widget=forms.RadioSelect)
    description = forms.CharField(label=_("Wat speelt er?"), widget=forms.Textarea(attrs=TEXTAREA))
    since = DateField(label=_("Speelt sinds"))
    follow_up_on = DateField(label=_("Opvolgen op"), required=False,
                             help_text=_("Op deze dag komt de belemmering op de aandachtslijst."))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        granted = categories_for(self.user, self.person)
        self.fields["soort"].choices = [
            (value, label) for value, label in BelemmeringSoort.choices if category_of_barrier(value) in granted
        ]

    def save(self):
        return participatie.record_belemmering(self.change(), self.person, **self.cleaned_data)


class ActieForm(ParticipatieTabForm):
    done_on = DateField(label=_("Datum"), initial=clock.today)
    description = forms.CharField(label=_("Wat is er gedaan?"), widget=forms.Textarea(attrs=TEXTAREA))
    solved = forms.BooleanField(label=_("De belemmering is hiermee opgelost"), required=False)
    follow_up_on = DateField(label=_("Opnieuw opvolgen op"), required=False,
                             help_text=_("Leeg laten als er niets meer op te volgen is."))

    def __init__(self, *args, barrier: Belemmering, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.barrier = barrier

    def save(self):
        return participatie.record_actie(self.change(), self.barrier, **self.cleaned_data)


class VoorlichtingForm(ParticipatieTabForm):
    regeling = forms.ChoiceField(label=_("Regeling"), choices=Regeling.choices)
    name = forms.CharField(label=_("Naam van de regeling"), max_length=150, required=False,
                           help_text=_("Bij een andere regeling van de gemeente."))
    informed_on = DateField(label=_("Besproken op"), initial=clock.today)
    how = forms.ChoiceField(label=_("Hoe"), choices=VoorlichtingWijze.choices, widget=forms.RadioSelect)
    language = forms.ChoiceField(label=_("Taal"), required=False)
    interpreter = forms.BooleanField(label=_("Met tolk"), required=False)
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=VoorlichtingUitkomst.choices,
                                widget=forms.RadioSelect)
    note = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Kies een taal")), *language_choices()]

    def save(self):
        return participatie.record_voorlichting(self.change(), self.person, **self.cleaned_data)
