"""Forms of the dossier screens: searching the caseload, filtering the timeline, registering a
person (koppeling) with the family members who come with them."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory, Role
from koers.access.models import Membership, Municipality, User
from koers.lib import clock
from koers.lib.text import search_key
from koers.lib.widgets import DirectSearchInput, DirectSelect

from .constants import LANGUAGES, EventKind, Gender, HouseholdRelation, Phase, TargetGroup
from .models import Person
from .validators import normalise_bsn

DATE_INPUT_FORMATS = ["%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATE_HINT = _("Bijvoorbeeld 17-05-1990 (dag-maand-jaar).")

_BSN_QUERY = re.compile(r"^\d{9}$")
_DATE_QUERY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_POSTCODE = re.compile(r"^(\d{4})\s*([A-Za-z]{2})$")

MINE = "mijn"
WITHOUT = "geen"


def user_label(user: User) -> str:
    return user.get_full_name() or user.username


class DateField(forms.DateField):
    """A date typed as dag-maand-jaar, whatever the language of the screen."""

    widget = forms.DateInput(format="%d-%m-%Y", attrs={"inputmode": "numeric", "autocomplete": "off"})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault("help_text", DATE_HINT)
        kwargs.setdefault(
            "error_messages",
            {"invalid": _("Vul een bestaande datum in als dag-maand-jaar, bijvoorbeeld 17-05-1990.")},
        )
        super().__init__(**kwargs)


class KoersForm(forms.Form):
    """Errors are shown by Koers itself (with an error summary), not by the browser."""

    use_required_attribute = False


@dataclass(frozen=True)
class Search:
    """What the search box asked for: a BSN, a date of birth or (part of) a name."""

    bsn: str = ""
    date_of_birth: dt.date | None = None
    name: str = ""

    def apply(self, persons: QuerySet[Person]) -> QuerySet[Person]:
        if self.bsn:
            return persons.filter(bsn=self.bsn)
        if self.date_of_birth:
            return persons.filter(date_of_birth=self.date_of_birth)
        for word in self.name.split():
            persons = persons.filter(search_name__contains=word)
        return persons


def parse_search(text: str) -> Search:
    """Nine digits search a BSN exactly, a date (17-05-1990) a date of birth, anything else a name.
    Raises ``ValueError`` for something that looks like a date but is none."""
    compact = re.sub(r"[\s.]", "", text)
    if _BSN_QUERY.match(compact):
        return Search(bsn=compact)
    match = _DATE_QUERY.match(text.strip())
    if match:
        day, month, year = (int(part) for part in match.groups())
        return Search(date_of_birth=dt.date(year, month, day))
    return Search(name=search_key(text))


class CaseloadFilterForm(KoersForm):
    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        widget=DirectSearchInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    phase = forms.ChoiceField(label=_("Fase"), required=False, widget=DirectSelect)
    target_group = forms.ChoiceField(label=_("Doelgroep"), required=False, widget=DirectSelect)
    consultant = forms.ChoiceField(label=_("Consulent"), required=False, widget=DirectSelect)

    def __init__(
        self,
        *args: Any,
        user: User,
        consultants: Callable[[], Iterable[tuple[int, str]]],
        may_search_bsn: bool,
        is_consultant: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["q"].help_text = (
            _("Naam, BSN (9 cijfers) of geboortedatum (dag-maand-jaar).")
            if may_search_bsn
            else _("Naam of geboortedatum (dag-maand-jaar).")
        )
        self.fields["phase"].choices = [("", _("Alle fasen")), *Phase.choices]
        self.fields["target_group"].choices = [("", _("Alle doelgroepen")), *TargetGroup.choices]
        mine = [(MINE, _("Mijn dossiers"))] if is_consultant else []
        # Read only when the select is drawn or a consultant was chosen (an htmx search needs neither),
        # and then once for the form.
        self.fields["consultant"].choices = functools.cache(lambda: [
            ("", _("Alle consulenten")),
            *mine,
            (WITHOUT, _("Zonder consulent")),
            *consultants(),
        ])

    def clean_q(self) -> Search:
        try:
            return parse_search(self.cleaned_data["q"])
        except ValueError:
            raise forms.ValidationError(
                _(
                    "Dit is geen bestaande datum. Zoek op geboortedatum als dag-maand-jaar, "
                    "bijvoorbeeld 17-05-1990."
                ),
                code="invalid_date",
            ) from None

    @property
    def search(self) -> Search:
        if not self.is_bound or not self.is_valid() and "q" in self.errors:
            return Search()
        return self.cleaned_data["q"]

    def apply(self, persons: QuerySet[Person]) -> QuerySet[Person]:
        """Narrow ``persons`` by every filter that was filled in correctly; a search text that
        cannot be understood finds nobody."""
        if not self.is_bound:
            return persons
        if not self.is_valid() and "q" in self.errors:
            return persons.none()
        data = self.cleaned_data
        persons = self.search.apply(persons)
        if data.get("phase"):
            persons = persons.filter(phase=data["phase"])
        if data.get("target_group"):
            persons = persons.filter(target_group=data["target_group"])
        consultant = data.get("consultant")
        if consultant == MINE:
            persons = persons.filter(consultant=self.user)
        elif consultant == WITHOUT:
            persons = persons.filter(consultant__isnull=True)
        elif consultant:
            persons = persons.filter(consultant_id=int(consultant))
        return persons

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)


class TimelineFilterForm(KoersForm):
    kind = forms.ChoiceField(label=_("Soort"), required=False, widget=DirectSelect)
    category = forms.ChoiceField(label=_("Gegevenscategorie"), required=False, widget=DirectSelect)

    def __init__(self, *args: Any, categories: Iterable[DataCategory], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Alle soorten")), *EventKind.choices]
        allowed = set(categories)
        self.fields["category"].choices = [
            ("", _("Alle categorieën")),
            *((c.value, c.label) for c in DataCategory if c in allowed),
        ]

    def apply(self, events: QuerySet) -> QuerySet:
        if not self.is_bound:
            return events
        self.is_valid()
        if kind := self.cleaned_data.get("kind"):
            events = events.filter(kind=kind)
        if category := self.cleaned_data.get("category"):
            events = events.filter(category=category)
        return events


def language_choices() -> list[tuple[str, str]]:
    return sorted(LANGUAGES.items(), key=lambda item: item[1])


def consultants_for(municipality_ids: Iterable[int]) -> QuerySet[User]:
    """Consultants working for (an organisation serving) one of these municipalities."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__role=Role.CONSULTANT,
            memberships__organisation__serves__in=list(municipality_ids),
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class ConsultantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return user_label(obj)


class PersonRegistrationForm(forms.ModelForm):
    """All data of a new dossier; the municipality limited to where the user may register."""

    use_required_attribute = False

    languages = forms.MultipleChoiceField(
        label=_("Talen"),
        required=False,
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De talen die de persoon spreekt."),
    )
    date_of_birth = DateField(label=_("Geboortedatum"))
    koppeling_date = DateField(label=_("Datum koppeling"))
    brp_registration_date = DateField(label=_("Datum inschrijving BRP"), required=False)

    class Meta:
        model = Person
        fields = [  # in the order of the page
            "municipality",
            "koppeling_date",
            "target_group",
            "phase",
            "consultant",
            "bsn",
            "date_of_birth",
            "given_names",
            "family_name_prefix",
            "family_name",
            "gender",
            "country_of_origin",
            "nationality",
            "literacy",
            "languages",
            "street",
            "house_number",
            "postcode",
            "city",
            "phone",
            "email",
            "brp_registration_date",
        ]
        labels = {
            "municipality": _("Gemeente"),
            "bsn": _("BSN"),
            "given_names": _("Voornamen"),
            "family_name_prefix": _("Tussenvoegsel"),
            "family_name": _("Achternaam"),
            "gender": _("Geslacht"),
            "country_of_origin": _("Land van herkomst"),
            "nationality": _("Nationaliteit"),
            "literacy": _("Alfabetisering"),
            "target_group": _("Doelgroep"),
            "phase": _("Fase"),
            "street": _("Straat"),
            "house_number": _("Huisnummer"),
            "postcode": _("Postcode"),
            "city": _("Woonplaats"),
            "phone": _("Telefoonnummer"),
            "email": _("E-mailadres"),
        }
        help_texts = {
            "bsn": _("Negen cijfers, bijvoorbeeld 111222333."),
            "postcode": _("Bijvoorbeeld 1234 AB."),
        }
        error_messages = {
            "bsn": {"unique": _("Er bestaat al een dossier met dit BSN.")},
        }
        widgets = {
            "bsn": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
            ),
            "given_names": forms.TextInput(attrs={"autocomplete": "off"}),
            "family_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args: Any, user: User, municipality_ids: Iterable[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = sorted(municipality_ids)
        municipality = self.fields["municipality"]
        municipality.queryset = Municipality.objects.filter(pk__in=ids)
        municipality.empty_label = _("Kies een gemeente")
        municipality.error_messages["invalid_choice"] = _(
            "Je mag in deze gemeente geen personen registreren."
        )
        if len(ids) == 1:
            self.initial.setdefault("municipality", ids[0])
        self.fields["consultant"] = ConsultantChoiceField(
            label=_("Consulent"),
            queryset=consultants_for(ids),
            required=False,
            empty_label=_("Nog geen consulent"),
        )
        self.initial.setdefault("consultant", user.pk)
        self.fields["country_of_origin"].choices = [
            ("", _("Kies een land")),
            *list(self.fields["country_of_origin"].choices)[1:],
        ]
        self.fields["nationality"].choices = [
            ("", _("Onbekend of staatloos")),
            *list(self.fields["nationality"].choices)[1:],
        ]
        for name in ("gender", "target_group"):
            self.fields[name].choices = [("", _("Maak een keuze")), *list(self.fields[name].choices)[1:]]
        self.fields["bsn"].error_messages["required"] = _("Vul het BSN in.")
        self.fields["given_names"].error_messages["required"] = _("Vul de voornamen in.")
        self.fields["family_name"].error_messages["required"] = _("Vul de achternaam in.")
        self.fields["date_of_birth"].error_messages["required"] = _("Vul de geboortedatum in.")
        self.fields["koppeling_date"].error_messages["required"] = _("Vul de datum van de koppeling in.")
        self.fields["country_of_origin"].error_messages["required"] = _("Kies het land van herkomst.")
        self.fields["gender"].error_messages["required"] = _("Kies het geslacht.")
        self.fields["target_group"].error_messages["required"] = _("Kies de doelgroep.")
        self.fields["municipality"].error_messages["required"] = _("Kies de gemeente.")
        self.fields["literacy"].error_messages["required"] = _("Kies de alfabetisering.")
        self.fields["phase"].error_messages["required"] = _("Kies de fase.")

    def clean_bsn(self) -> str:
        return normalise_bsn(self.cleaned_data["bsn"])

    def clean_postcode(self) -> str:
        value = self.cleaned_data["postcode"].strip()
        if not value:
            return ""
        match = _POSTCODE.match(value)
        if not match:
            raise forms.ValidationError(
                _("Een postcode bestaat uit vier cijfers en twee letters, bijvoorbeeld 1234 AB."),
                code="invalid_postcode",
            )
        return f"{match.group(1)} {match.group(2).upper()}"

    def clean_date_of_birth(self) -> dt.date:
        value = self.cleaned_data["date_of_birth"]
        if value > clock.today():
            raise forms.ValidationError(_("De geboortedatum kan niet in de toekomst liggen."), code="future")
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        municipality, consultant = data.get("municipality"), data.get("consultant")
        if (
            municipality
            and consultant
            and not Membership.objects.filter(
                user=consultant, role=Role.CONSULTANT, organisation__serves=municipality
            ).exists()
        ):
            self.add_error(
                "consultant",
                _("Deze consulent werkt niet voor de gemeente %(name)s.") % {"name": municipality.name},
            )
        return data

    def person_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


MEMBER_RELATIONS = [HouseholdRelation.PARTNER, HouseholdRelation.CHILD, HouseholdRelation.OTHER]


class FamilyMemberForm(KoersForm):
    """A partner, child or other family member without a dossier of their own."""

    relation = forms.ChoiceField(
        label=_("Relatie"),
        choices=[("", _("Maak een keuze")), *((r.value, r.label) for r in MEMBER_RELATIONS)],
        error_messages={"required": _("Kies de relatie.")},
    )
    given_names = forms.CharField(
        label=_("Voornamen"), max_length=150, error_messages={"required": _("Vul de voornamen in.")}
    )
    family_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    date_of_birth = DateField(label=_("Geboortedatum"), required=False, help_text="")
    gender = forms.ChoiceField(
        label=_("Geslacht"), required=False, choices=[("", _("Onbekend")), *Gender.choices]
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        born = data.get("date_of_birth")
        if (
            data.get("relation") == HouseholdRelation.CHILD
            and not born
            and "date_of_birth" not in self.errors
        ):
            self.add_error("date_of_birth", _("Vul de geboortedatum van het kind in."))
        if born and born > clock.today():
            self.add_error("date_of_birth", _("De geboortedatum kan niet in de toekomst liggen."))
        return data


class BaseFamilyFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        partners = [m for m in self.members() if m["relation"] == HouseholdRelation.PARTNER]
        if len(partners) > 1:
            raise forms.ValidationError(_("Een huishouden heeft hooguit één partner."), code="partners")

    def members(self) -> list[dict[str, Any]]:
        """The filled-in rows, as fields of ``HouseholdMember``."""
        return [form.cleaned_data for form in self.forms if form.has_changed() and form.cleaned_data]


MAX_FAMILY_MEMBERS = 12
FAMILY_PREFIX = "members"

FamilyFormSet = forms.formset_factory(
    FamilyMemberForm,
    formset=BaseFamilyFormSet,
    extra=2,
    max_num=MAX_FAMILY_MEMBERS,
    absolute_max=MAX_FAMILY_MEMBERS,
    validate_max=True,
)


def empty_member_form(index: int) -> FamilyMemberForm:
    """Row ``index`` of the family formset, empty (added to the form by htmx, which focuses it)."""
    form = FamilyMemberForm(prefix=f"{FAMILY_PREFIX}-{index}", empty_permitted=True)
    form.fields["relation"].widget.attrs["autofocus"] = True
    return form
