"""Forms of the ontzorgen screens. They only read and check input; the rules are in services/runs."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.access.models import Municipality

from .advances import money
from .constants import ADVANCE_FIELDS, ITEM_FIELDS, SETTLEMENT_FIELDS, STEP_FIELDS, StepStatus
from .models import MAX_AMOUNT, MIN_AMOUNT, Advance, PaymentAccount, PhaseOutStep, Settlement, WithheldItem
from .validators import validate_bic, validate_iban


def checked_iban(value: str) -> str:
    """The IBAN without spaces, in capitals; checked here so that its error shows with the others."""
    value = value.replace(" ", "").upper()
    validate_iban(value)
    return value


def checked_bic(value: str) -> str:
    value = value.replace(" ", "").upper()
    if value:
        validate_bic(value)
    return value


class PageForm:
    """A form that shares the dossier page with others: its ids carry ``id_prefix`` so that no two
    inputs on the page have the same id (every label points at its own input)."""

    id_prefix = ""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


DATE_FORMATS = ["%d-%m-%Y", "%Y-%m-%d"]
DATE_HINT = _("Dag-maand-jaar, bijvoorbeeld 01-12-2026.")


def date_field(label, *, required: bool = True, help_text=DATE_HINT) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        widget=forms.DateInput(format="%d-%m-%Y", attrs={"autocomplete": "off", "inputmode": "numeric"}),
        error_messages={
            "invalid": _("Vul een bestaande datum in als dag-maand-jaar, bijvoorbeeld 01-12-2026.")
        },
    )


class StartForm(forms.Form):
    start = date_field(_("Datum eerste uitkeringsbetaling"))


def amount_field(label, *, required: bool = True, help_text=_("In euro, bijvoorbeeld 612,35.")) -> forms.Field:
    """An amount in euro as people type it (612,35), within what a payment may be."""
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=MIN_AMOUNT,
        max_value=MAX_AMOUNT,
        max_digits=7,
        decimal_places=2,
        localize=True,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class ItemForm(PageForm, forms.ModelForm):
    id_prefix = "last"
    valid_from = date_field(_("Vanaf"))
    valid_until = date_field(
        _("Tot en met"), required=False, help_text=_("Leeg: tot het einde van het arrangement.")
    )
    amount = amount_field(_("Bedrag per maand"))

    class Meta:
        model = WithheldItem
        fields = ITEM_FIELDS
        help_texts = {
            "description": _("Verplicht bij een overige vaste last."),
            "payee_iban": _("Bijvoorbeeld NL91 ABNA 0417 1643 00."),
            "reference": _(
                "Het kenmerk dat de begunstigde op de betaling wil zien, zoals een contractnummer."
            ),
        }

    def clean_payee_iban(self) -> str:
        return checked_iban(self.cleaned_data["payee_iban"])

    def clean_payee_bic(self) -> str:
        return checked_bic(self.cleaned_data["payee_bic"])

    def _post_clean(self) -> None:
        """The model's own checks run in the service, with the arrangement at hand."""


class EndItemForm(forms.Form):
    valid_until = date_field(_("Laatste dag van de inhouding"))


class ExtensionForm(PageForm, forms.Form):
    id_prefix = "verlenging"
    months = forms.IntegerField(label=_("Aantal maanden"), min_value=1, max_value=12)
    reason = forms.CharField(
        label=_("Reden van de verlenging"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class EndArrangementForm(PageForm, forms.Form):
    id_prefix = "einde"
    ended_on = date_field(_("Eerste dag zonder ontzorgen"))
    reason = forms.CharField(label=_("Reden"), max_length=300)


class StepForm(PageForm, forms.ModelForm):
    id_prefix = "stap"
    due_date = date_field(_("Datum"))

    class Meta:
        model = PhaseOutStep
        fields = STEP_FIELDS

    def __init__(self, *args, items=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = WithheldItem.objects.filter(pk__in=[i.pk for i in items])
        self.fields["item"].help_text = _("Alleen bij een stap waarin het huishouden zelf gaat betalen.")

    def _post_clean(self) -> None:
        """The model's own checks run in the service, with the arrangement at hand."""


class StepStatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Uitkomst"), choices=[(s.value, s.label) for s in (StepStatus.DONE, StepStatus.CANCELLED)]
    )


class MonthField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "month"})
    input_formats = ["%Y-%m", "%m-%Y"]
    default_error_messages = {"invalid": _("Vul een maand in als jaar-maand, bijvoorbeeld 2026-12.")}


class PrepareRunForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Gemeente"), queryset=Municipality.objects.none())
    month = MonthField(label=_("Maand"), help_text=_("Jaar-maand, bijvoorbeeld 2026-12."))

    def __init__(self, *args, municipality_ids=frozenset(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        queryset = Municipality.objects.filter(pk__in=municipality_ids)
        self.fields["municipality"].queryset = queryset
        if len(municipality_ids) == 1:
            self.fields["municipality"].initial = next(iter(municipality_ids))

    def clean_month(self) -> dt.date:
        return self.cleaned_data["month"].replace(day=1)


class CancelRunForm(forms.Form):
    reason = forms.CharField(label=_("Reden van de annulering"), max_length=300)


class AccountForm(forms.ModelForm):
    class Meta:
        model = PaymentAccount
        fields = ["name", "iban", "bic", "execution_day", "csv_includes_bsn"]

    def clean_iban(self) -> str:
        return checked_iban(self.cleaned_data["iban"])

    def clean_bic(self) -> str:
        return checked_bic(self.cleaned_data["bic"])


class AdvanceForm(PageForm, forms.ModelForm):
    id_prefix = "voorschot"
    amount = amount_field(_("Bedrag"))
    paid_on = date_field(_("Uitbetaald op"))
    settle_by = date_field(
        _("Verrekend uiterlijk"),
        help_text=_("Wanneer de toeslag er naar verwachting is, of de lening is afgelost. Dag-maand-jaar."),
    )
    instalment = amount_field(
        _("Aflossing per maand"),
        required=False,
        help_text=_("Wordt elke maand via de betaalronde op de uitkering ingehouden. Verplicht bij een lening."),
    )

    class Meta:
        model = Advance
        fields = ADVANCE_FIELDS
        help_texts = {"reason": _("Bijvoorbeeld: zorgtoeslag en huurtoeslag nog niet ontvangen.")}

    def _post_clean(self) -> None:
        """The model's own checks run in the service, with the arrangement at hand."""


class SettlementForm(PageForm, forms.ModelForm):
    id_prefix = "verrekening"
    advance = forms.ModelChoiceField(label=_("Voorschot of lening"), queryset=Advance.objects.none())
    on = date_field(_("Datum"))
    amount = amount_field(_("Bedrag"))

    class Meta:
        model = Settlement
        fields = ("advance", *SETTLEMENT_FIELDS)
        help_texts = {"note": _("Verplicht bij kwijtschelding: de reden of het besluit.")}

    def __init__(self, *args, advances=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["advance"].queryset = Advance.objects.filter(pk__in=[a.pk for a in advances])
        self.fields["advance"].label_from_instance = lambda a: _("%(kind)s van %(day)s, %(amount)s") % {
            "kind": a.get_kind_display(), "day": f"{a.paid_on:%d-%m-%Y}", "amount": money(a.amount)}

    def _post_clean(self) -> None:
        """The model's own checks run in the service, with the advance at hand."""
