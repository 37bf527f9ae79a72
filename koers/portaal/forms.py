from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .questions import MAX_LENGTH


class AddressForm(forms.Form):
    address = forms.CharField(
        label=_("Uw telefoonnummer of e-mailadres"), max_length=254,
        help_text=_("Het nummer of adres dat de gemeente van u heeft."),
        error_messages={"required": _("Vul uw telefoonnummer of e-mailadres in.")},
        widget=forms.TextInput(attrs={"class": "form-input", "autocomplete": "username", "spellcheck": "false",
                                      "autocapitalize": "none"}),
    )

    def clean_address(self) -> str:
        address = self.cleaned_data["address"].strip()
        digits = sum(ch.isdigit() for ch in address)
        if "@" not in address and digits < 8:
            raise forms.ValidationError(_("Dit is geen telefoonnummer of e-mailadres. Kijk of het goed is."))
        return address


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=12, help_text=_("De code heeft 6 cijfers."),
        error_messages={"required": _("Vul de code in.")},
        widget=forms.TextInput(attrs={"class": "form-input", "autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Uw vraag"), max_length=MAX_LENGTH,
        help_text=_("Schrijf in het Nederlands of in uw eigen taal."),
        error_messages={"required": _("Schrijf uw vraag."),
                        "max_length": _("Uw vraag is te lang. Gebruik minder dan 2000 tekens.")},
        widget=forms.Textarea(attrs={"class": "form-input", "rows": 6}),
    )


class GiveConsentForm(forms.Form):
    agree = forms.BooleanField(
        label=_("Ik geef deze toestemming"),
        error_messages={"required": _("Zet een vinkje als u deze toestemming wilt geven.")},
    )
