"""Forms of the plan screens: the brede intake (built from its domain definitions), the
leerbaarheidstoets, a PIP version, an objection and the comparison of two versions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.people.forms import DateField, KoersForm, language_choices

from .brede_intake import TEXT_MAX_LENGTH, Domain, IntakeData, Kind, Question, field_name
from .constants import BezwaarUitkomst, Leerroute, Niveau
from .models import BredeIntake, PipVersie
from .pip import PIP_FIELDS

# The largest number a PositiveSmallIntegerField holds on every database Koers runs on.
SMALL_INTEGER_MAX = 32767


def question_field(question: Question) -> forms.Field:
    if question.kind == Kind.TEXT:
        return forms.CharField(
            label=question.label,
            help_text=question.help_text,
            required=False,
            max_length=TEXT_MAX_LENGTH,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
    if question.kind == Kind.YES_NO:
        return forms.ChoiceField(
            label=question.label,
            help_text=question.help_text,
            required=False,
            choices=question.options(),
            widget=forms.RadioSelect,
        )
    return forms.ChoiceField(
        label=question.label,
        help_text=question.help_text,
        required=False,
        choices=[("", _("Nog niet besproken")), *question.options()],
    )


class IntakeForm(KoersForm):
    """The brede intake: the conversation, a field per question of each domain shown, the summary."""

    conversation_date = DateField(label=_("Datum gesprek"), required=False)
    conversation_language = forms.ChoiceField(label=_("Taal van het gesprek"), required=False)
    interpreter = forms.BooleanField(label=_("Er was een tolk of cultureel mediator bij"), required=False)
    summary = forms.CharField(
        label=_("Samenvatting voor het PIP"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Wat het PIP moet regelen: de leerroute, ondersteuning en participatie. Nodig om af te ronden."
        ),
    )

    def __init__(self, *args: Any, domains: Iterable[Domain], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.domains = tuple(domains)
        self.fields["conversation_language"].choices = [("", _("Kies een taal")), *language_choices()]
        for domain in self.domains:
            for question in domain.questions:
                self.fields[field_name(domain, question)] = question_field(question)

    @classmethod
    def initial_for(cls, intake: BredeIntake | None) -> dict[str, Any]:
        if intake is None:
            return {}
        initial: dict[str, Any] = {
            "conversation_date": intake.conversation_date,
            "conversation_language": intake.conversation_language,
            "interpreter": intake.interpreter,
            "summary": intake.summary,
        }
        for domain_key, given in intake.answers.items():
            for question_key, value in given.items():
                initial[f"{domain_key}__{question_key}"] = value
        return initial

    def sections(self) -> list[tuple[Domain, list[forms.BoundField]]]:
        """The domains with their bound fields, in the order of the page."""
        return [(domain, [self[field_name(domain, q)] for q in domain.questions]) for domain in self.domains]

    def intake_data(self) -> IntakeData:
        data = self.cleaned_data
        return IntakeData(
            conversation_date=data["conversation_date"],
            conversation_language=data["conversation_language"],
            interpreter=data["interpreter"],
            answers={
                domain.key: {q.key: data[field_name(domain, q)] for q in domain.questions}
                for domain in self.domains
            },
            summary=data["summary"],
        )


class LeerbaarheidstoetsForm(KoersForm):
    taken_on = DateField(label=_("Afnamedatum"))
    instrument = forms.CharField(
        label=_("Toets"), max_length=100, help_text=_("Bijvoorbeeld de leerbaarheidstoets van DUO.")
    )
    score = forms.IntegerField(label=_("Score"), required=False, min_value=0, max_value=SMALL_INTEGER_MAX)
    result = forms.CharField(
        label=_("Uitslag en advies"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class PipForm(forms.ModelForm):
    """One version of the PIP: the beschikking and the development plan."""

    use_required_attribute = False

    dagtekening = DateField(
        label=_("Dagtekening"),
        required=False,
        help_text=_("De datum van de beschikking (dag-maand-jaar). Nodig om het PIP vast te stellen."),
    )
    leerroute = forms.ChoiceField(label=_("Leerroute"), choices=Leerroute.choices, widget=forms.RadioSelect)
    niveau = forms.ChoiceField(
        label=_("Niveau"),
        required=False,
        choices=[("", _("Geen niveau opgeven")), *Niveau.choices],
        widget=forms.RadioSelect,
        help_text=_("Zonder niveau stelt DUO bij de B1-route en de onderwijsroute niveau B1 vast."),
    )
    geschatte_intensiteit = forms.IntegerField(
        label=_("Geschatte intensiteit B1-route (uren)"),
        required=False,
        min_value=0,
        max_value=SMALL_INTEGER_MAX,
        help_text=_("Alleen bij de B1-route voor een asielmigrant."),
    )
    letter_language = forms.ChoiceField(
        label=_("Tweede taal van de brief"),
        required=False,
        help_text=_("De taal waarin de uitleg met de inburgeraar wordt besproken."),
    )

    class Meta:
        model = PipVersie
        fields = list(PIP_FIELDS)
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 3}),
            "activities": forms.Textarea(attrs={"rows": 3}),
            "participation": forms.Textarea(attrs={"rows": 3}),
            "explanation": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "explanation": _(
                "Leg in eenvoudige woorden uit wat het besluit betekent. Deze tekst staat in de brief."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["letter_language"].choices = [("", _("Alleen Nederlands")), *language_choices()]

    def pip_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in PIP_FIELDS}


class ObjectionForm(KoersForm):
    filed_on = DateField(label=_("Bezwaar ingediend op"))
    outcome = forms.ChoiceField(label=_("Stand van het bezwaar"), choices=BezwaarUitkomst.choices)


class WithdrawForm(KoersForm):
    reason = forms.CharField(
        label=_("Reden van intrekken"), max_length=300, widget=forms.TextInput,
        help_text=_("Bijvoorbeeld: vastgesteld voor de verkeerde persoon. Komt op de tijdlijn."),
    )


class CompareForm(KoersForm):
    """Two versions to compare: ``van`` (older) and ``naar`` (newer)."""

    van = forms.TypedChoiceField(label=_("Versie"), coerce=int)
    naar = forms.TypedChoiceField(label=_("vergelijken met versie"), coerce=int)

    def __init__(self, *args: Any, numbers: Iterable[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(number, str(number)) for number in numbers]
        self.fields["van"].choices = choices
        self.fields["naar"].choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("van") is not None and data.get("van") == data.get("naar"):
            raise forms.ValidationError(_("Kies twee verschillende versies om te vergelijken."))
        return data
