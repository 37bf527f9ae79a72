"""The consent form of the dossier tab; the rules (what makes a record complete) live in ``consent``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.lib import clock
from koers.people.constants import LANGUAGES
from koers.people.forms import DateField
from koers.people.models import Person

from .constants import ConsentMethod, DataCategory, OrganisationKind, Recipient
from .models import Organisation


def language_choices() -> list[tuple[str, str]]:
    return [("", _("Kies een taal")), *sorted(LANGUAGES.items(), key=lambda item: item[1])]


class ConsentForm(forms.Form):
    purpose = forms.CharField(
        label=_("Doel"), max_length=200,
        help_text=_("Waarvoor worden de gegevens gedeeld, bijvoorbeeld: maatschappelijke begeleiding."),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisaties"), queryset=Organisation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recipients = forms.MultipleChoiceField(
        label=_("Of alle ontvangers van deze soort"), choices=Recipient.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    categories = forms.MultipleChoiceField(
        label=_("Gegevens die gedeeld mogen worden"), choices=DataCategory.choices, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één gegevenscategorie.")},
    )
    how = forms.ChoiceField(
        label=_("Hoe is de toestemming gegeven?"), choices=ConsentMethod.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe de toestemming is gegeven.")},
    )
    document = forms.FileField(
        label=_("Ondertekend formulier"), required=False, help_text=_("PDF, JPEG of PNG, ten hoogste 10 MB."),
    )
    witness = forms.CharField(
        label=_("Naam van de getuige"), max_length=150, required=False,
        help_text=_("Alleen bij mondelinge toestemming, bijvoorbeeld de tolk."),
    )
    language = forms.ChoiceField(
        label=_("Taal waarin de uitleg is gegeven"), choices=language_choices,
        error_messages={"required": _("Kies de taal waarin de uitleg is gegeven.")},
    )
    given_on = DateField(label=_("Gegeven op"))

    def __init__(self, *args, person: Person, **kwargs) -> None:
        kwargs.setdefault("initial", {"given_on": clock.today()})
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = (
            Organisation.objects.filter(serves=person.municipality_id)
            .exclude(kind=OrganisationKind.MUNICIPAL_TEAM)
            .order_by("name")
        )
