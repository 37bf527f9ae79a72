"""The forms of the consent tab (giving consent, the overdracht after a move); the rules live in
``consent``."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from koers.lib import clock
from koers.people.constants import LANGUAGES
from koers.people.forms import DateField
from koers.people.models import Person

from .consent import consents_for_next_municipality
from .constants import STAFF_CONSENT_METHODS, DataCategory, OrganisationKind, Recipient
from .models import Consent, Municipality, Organisation


def language_choices() -> list[tuple[str, str]]:
    return [("", _("Kies een taal")), *sorted(LANGUAGES.items(), key=lambda item: item[1])]


class ConsentForm(forms.Form):
    purpose = forms.CharField(
        label=pgettext_lazy("toestemming", "Doel"), max_length=200,
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
        label=_("Hoe is de toestemming gegeven?"), choices=STAFF_CONSENT_METHODS, widget=forms.RadioSelect,
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


class TransferForm(forms.Form):
    to_municipality = forms.ModelChoiceField(
        label=_("Nieuwe gemeente"), queryset=Municipality.objects.none(),
        error_messages={"required": _("Kies de gemeente waar de persoon nu woont.")},
    )
    transferred_on = DateField(label=_("Datum van de overdracht"))
    consent = forms.ModelChoiceField(
        label=_("Toestemming voor de nieuwe gemeente"), queryset=Consent.objects.none(), required=False,
        empty_label=_(
            "Geen toestemming: de nieuwe gemeente ziet alleen wat de regels zonder toestemming toelaten"
        ),
    )

    def __init__(self, *args, person: Person, **kwargs) -> None:
        kwargs.setdefault("initial", {"transferred_on": clock.today()})
        super().__init__(*args, **kwargs)
        self.fields["to_municipality"].queryset = Municipality.objects.exclude(pk=person.municipality_id)
        self.fields["consent"].queryset = consents_for_next_municipality(person)
