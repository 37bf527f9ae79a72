from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from koers.access.models import Municipality, User
from koers.lib.filters import MAX_ID
from koers.people.constants import LANGUAGES
from koers.people.forms import DateField, KoersForm

from .constants import InterviewSetting
from .models import Interview, Theme, TopicList
from .services import AnswerInput

LANGUAGE_CHOICES = sorted(LANGUAGES.items(), key=lambda item: item[1])


class RoundForm(KoersForm):
    municipality = forms.ModelChoiceField(label=_("Gemeente"), queryset=Municipality.objects.none())
    name = forms.CharField(label=_("Naam van de ronde"), max_length=150)
    starts_on = DateField(label=_("Begint op"))
    ends_on = DateField(label=_("Eindigt op"))

    def __init__(self, *args, municipality_ids: frozenset[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        field.queryset = Municipality.objects.filter(pk__in=municipality_ids)
        if len(municipality_ids) == 1:
            field.initial = next(iter(municipality_ids))


class InterviewForm(KoersForm):
    topic_list = forms.ModelChoiceField(label=_("Topiclijst"), queryset=TopicList.objects.none())
    setting = forms.ChoiceField(label=_("Vorm"), choices=InterviewSetting.choices)
    planned_on = DateField(label=_("Datum"))
    language = forms.ChoiceField(label=_("Taal van het gesprek"), choices=LANGUAGE_CHOICES, initial="nl")
    interpreter_language = forms.ChoiceField(
        label=_("Tolk nodig in de taal"), required=False, choices=[("", _("Geen tolk nodig"))] + LANGUAGE_CHOICES,
    )
    persons = forms.CharField(
        label=_("Deelnemers (Koers-nummers)"), required=False, max_length=500,
        help_text=_("Bij een gesprek met inburgeraars: hun Koers-nummers, gescheiden door komma's."),
    )
    respondent_role = forms.CharField(
        label=_("Functie van de respondent"), required=False, max_length=150,
        help_text=_("Bij een gesprek met uitvoerders en aanbieders: de functie, niet de naam."),
    )

    def __init__(self, *args, municipality_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic_list"].queryset = TopicList.objects.filter(municipality_id=municipality_id, active=True)

    def clean_persons(self) -> list[int]:
        parts = [p for p in re.split(r"[\s,;]+", self.cleaned_data["persons"]) if p]
        if any(not p.isdigit() or not 0 < int(p) <= MAX_ID for p in parts):
            raise ValidationError(_("Vul Koers-nummers in: alleen cijfers, gescheiden door komma's."))
        return sorted({int(p) for p in parts})


class RecordForm(KoersForm):
    """Held on, per topic an answer with themes, per newcomer their consent to follow-up."""

    held_on = DateField(label=_("Gehouden op"))

    def __init__(self, *args, interview: Interview, themes: list[Theme], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.topics = list(interview.topic_list.topics.all())
        self.participants = list(interview.participants.select_related("person"))
        existing = {a.topic_id: a for a in interview.answers.prefetch_related("themes")}
        theme_choices = [(t.pk, t.label) for t in themes]
        for topic in self.topics:
            answer = existing.get(topic.pk)
            self.fields[f"answer_{topic.pk}"] = forms.CharField(
                label=topic.question, required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                initial=answer.text if answer else "",
            )
            self.fields[f"themes_{topic.pk}"] = forms.TypedMultipleChoiceField(
                label=_("Thema's bij: %(question)s") % {"question": topic.question}, required=False, coerce=int,
                choices=theme_choices, widget=forms.CheckboxSelectMultiple,
                initial=[t.pk for t in answer.themes.all()] if answer else [],
            )
        for participant in self.participants:
            self.fields[f"consent_{participant.person_id}"] = forms.BooleanField(
                label=_("%(name)s geeft toestemming voor vervolgacties in het dossier")
                % {"name": participant.person.full_name},
                required=False, initial=participant.follow_up_consent,
            )
        if interview.held_on:
            self.fields["held_on"].initial = interview.held_on

    def topic_rows(self) -> list[tuple]:
        return [(topic, self[f"answer_{topic.pk}"], self[f"themes_{topic.pk}"]) for topic in self.topics]

    def consent_fields(self) -> list:
        return [self[f"consent_{p.person_id}"] for p in self.participants]

    def answers(self) -> dict[int, AnswerInput]:
        return {
            topic.pk: AnswerInput(self.cleaned_data[f"answer_{topic.pk}"],
                                  frozenset(self.cleaned_data[f"themes_{topic.pk}"]))
            for topic in self.topics
        }

    def consents(self) -> dict[int, bool]:
        return {p.person_id: self.cleaned_data[f"consent_{p.person_id}"] for p in self.participants}


class RepeatForm(KoersForm):
    name = forms.CharField(label=_("Naam van de nieuwe ronde"), max_length=150)
    months = forms.IntegerField(label=_("Na hoeveel maanden"), min_value=1, max_value=36, initial=6)


class FollowUpForm(KoersForm):
    description = forms.CharField(label=_("Actie"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Eigenaar"), queryset=User.objects.none())
    due = DateField(label=_("Uiterlijk"))
    theme = forms.ModelChoiceField(label=_("Thema"), required=False, queryset=Theme.objects.none())

    def __init__(self, *args, owners, municipality_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["theme"].queryset = Theme.objects.filter(municipality_id=municipality_id)


LINE = re.compile(r"^\s*(?P<left>[^|]+?)\s*\|\s*(?P<right>[^|]+?)\s*$")


def parse_lines(text: str, what: str) -> list[tuple[str, str]]:
    """Lines ``left | right``; every other non-empty line is an error naming its number."""
    pairs = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = LINE.match(line)
        if not match:
            raise ValidationError(
                _("Regel %(number)d is geen %(what)s: schrijf het als ‘links | rechts’.")
                % {"number": number, "what": what}
            )
        pairs.append((match["left"], match["right"]))
    if not pairs:
        raise ValidationError(_("Vul minstens één regel in."))
    return pairs


class TopicListForm(KoersForm):
    name = forms.CharField(label=_("Naam"), max_length=150)
    topics = forms.CharField(
        label=_("Onderwerpen"), max_length=20000, widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Eén onderwerp per regel: onderdeel | vraag."),
    )

    def clean_topics(self) -> list[tuple[str, str]]:
        pairs = parse_lines(self.cleaned_data["topics"], _("onderwerp"))
        if any(len(section) > 150 or len(question) > 300 for section, question in pairs):
            raise ValidationError(_("Een onderdeel is hoogstens 150 en een vraag hoogstens 300 tekens lang."))
        return pairs


class ThemesForm(KoersForm):
    themes = forms.CharField(
        label=_("Thema's"), max_length=10000, widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Eén thema per regel: code | omschrijving. De code bestaat uit kleine letters, cijfers en streepjes."),
    )

    def clean_themes(self) -> list[tuple[str, str]]:
        pairs = parse_lines(self.cleaned_data["themes"], _("thema"))
        for code, label in pairs:
            if not re.fullmatch(r"[a-z0-9-]{1,40}", code) or len(label) > 100:
                raise ValidationError(
                    _("Thema ‘%(code)s’: de code bestaat uit hoogstens 40 kleine letters, cijfers en streepjes, "
                      "de omschrijving uit hoogstens 100 tekens.") % {"code": code}
                )
        if len({code for code, _label in pairs}) != len(pairs):
            raise ValidationError(_("Elke code mag maar één keer voorkomen."))
        return pairs
