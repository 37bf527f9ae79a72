"""Forms of the begeleiding screens. They check input; the rules are in ``services``."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory
from koers.access.models import User
from koers.lib import clock
from koers.lib.widgets import DirectSelect
from koers.people.constants import LANGUAGES, Phase

from .constants import (
    SCORE_LABELS,
    AppointmentStatus,
    CallOutcome,
    ChecklistGroup,
    ChecklistStatus,
    Consent,
    ReferralStatus,
    SessionKind,
    StartTrigger,
    SupportMode,
)
from .policy import TIMED_PHASES, ChecklistSpec, DomainSpec, PolicySettings, item_key
from .presets import PRESETS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXTAREA = forms.Textarea(attrs={"rows": 3})


def date_field(label, required=True, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DATE_INPUT, **kwargs)


class StartForm(forms.Form):
    on = date_field(_("Datum koppeling"), initial=clock.today)


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(label=_("Naar fase"))
    on = date_field(_("Datum"), initial=clock.today)
    reason = forms.CharField(label=_("Reden of toelichting"), required=False, widget=TEXTAREA, max_length=2000)

    def __init__(self, *args, targets: list[Phase], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A posted phase outside ``targets`` reaches the state machine, which explains the refusal.
        shown = targets if not self.is_bound else list(Phase)
        self.fields["to_state"].choices = [(p.value, p.label) for p in shown]


class ChecklistItemForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ChecklistStatus.choices)
    remark = forms.CharField(label=_("Toelichting"), required=False, max_length=300)


class AppointmentForm(forms.Form):
    day = date_field(_("Datum"))
    time = forms.TimeField(label=_("Tijd"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    subject = forms.CharField(label=_("Onderwerp"), max_length=150)
    location = forms.CharField(label=_("Plaats"), max_length=150, required=False)
    interpreter_language = forms.ChoiceField(
        label=_("Tolk nodig in de taal"), required=False,
        choices=[("", _("Geen tolk nodig"))] + sorted(LANGUAGES.items(), key=lambda item: item[1]),
    )

    def starts_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.cleaned_data["day"], self.cleaned_data["time"]))


class AttendanceForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Uitkomst"), choices=[c for c in AppointmentStatus.choices if c[0] != AppointmentStatus.PLANNED]
    )


class TaskForm(forms.Form):
    title = forms.CharField(label=_("Taak"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Eigenaar"), queryset=User.objects.none())
    due = date_field(_("Uiterlijk op"))

    def __init__(self, *args, owners, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class NoteForm(forms.Form):
    category = forms.ChoiceField(label=_("Gegevenscategorie"))
    text = forms.CharField(label=_("Notitie"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)

    def __init__(self, *args, categories, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            (c.value, c.label) for c in DataCategory if c in categories and c != DataCategory.BSN
        ]
        self.fields["category"].help_text = _("Wie het dossier mag zien, ziet alleen notities van de categorieën van zijn rol.")


class GoalForm(forms.Form):
    domain = forms.ChoiceField(label=_("Leefgebied"))
    goal = forms.CharField(label=_("Doel"), max_length=300)
    actions = forms.CharField(label=_("Acties"), widget=TEXTAREA, required=False, max_length=3000)
    responsible = forms.CharField(label=_("Wie doet het"), max_length=150)

    def __init__(self, *args, domains: tuple[DomainSpec, ...], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [(d.key, d.label) for d in domains]


class MeasurementForm(forms.Form):
    month = forms.TypedChoiceField(label=_("Meetmoment"), coerce=int)
    measured_on = date_field(_("Gemeten op"), initial=clock.today)

    def __init__(self, *args, months: list[int], domains: tuple[DomainSpec, ...], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = [(m, _("na %(months)d maanden") % {"months": m}) for m in months]
        self.domains = domains
        for domain in domains:
            self.fields[f"score_{domain.key}"] = forms.TypedChoiceField(
                label=domain.label, coerce=int, widget=forms.RadioSelect,
                choices=[(score, f"{score} – {label}") for score, label in SCORE_LABELS.items()],
            )
        self.fields["remark"] = forms.CharField(label=_("Toelichting"), widget=TEXTAREA, required=False,
                                                max_length=3000)

    def scores(self) -> dict[str, int]:
        return {d.key: self.cleaned_data[f"score_{d.key}"] for d in self.domains}


class ExtensionRequestForm(forms.Form):
    reason = forms.CharField(label=_("Waarom is verlenging nodig?"), widget=TEXTAREA, max_length=3000)


class ExtensionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"), widget=forms.RadioSelect,
        choices=[("goedkeuren", _("Goedkeuren")), ("afwijzen", _("Afwijzen"))],
    )
    note = forms.CharField(label=_("Toelichting"), widget=TEXTAREA, required=False, max_length=3000)


class HandoverForm(forms.Form):
    interview_on = date_field(_("Datum eindgesprek"), required=False)
    summary = forms.CharField(label=_("Samenvatting voor de consulent"), widget=forms.Textarea(attrs={"rows": 6}),
                              max_length=10000)
    recipient = forms.CharField(label=_("Warme overdracht aan (sociaal domein)"), max_length=150, required=False,
                                help_text=_("Bijvoorbeeld het sociaal wijkteam of schuldhulpverlening."))
    consent = forms.ChoiceField(label=_("Toestemming van de persoon"), required=False,
                                choices=[("", _("Niet van toepassing"))] + Consent.choices)


class SupportModeForm(forms.Form):
    mode = forms.ChoiceField(label=_("Vorm van begeleiding"), choices=SupportMode.choices)


class CallForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Resultaat"), choices=CallOutcome.choices)
    remark = forms.CharField(label=_("Toelichting"), required=False, max_length=300)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


OPTIONAL_MARK = "(optioneel)"


class PolicyForm(forms.Form):
    """The policy as the functional administrator edits it; ``settings()`` builds it for validation."""

    preset = forms.ChoiceField(label=_("Uitgangspunt"), required=False,
                               choices=[("", _("Eigen beleid"))] + [(p.key, p.name) for p in PRESETS])
    duration_months = forms.IntegerField(label=_("Standaardduur MB (maanden)"))
    extension_months = forms.IntegerField(label=_("Verlenging per verzoek (maanden, 0 = geen)"))
    max_extensions = forms.IntegerField(label=_("Maximaal aantal verlengingen"))
    measurement_months = forms.CharField(label=_("Meetmomenten (maanden, gescheiden door komma's)"), required=False)
    call_interval_months = forms.IntegerField(label=_("Bellijst: elke zoveel maanden (0 = geen bellijst)"))
    case_meeting_weeks = forms.IntegerField(label=_("Casuïstiekoverleg: elke zoveel weken (0 = geen vaste regelmaat, agenda per maand)"))
    capacity_per_worker = forms.IntegerField(label=_("Caseloadnorm (personen per begeleider)"))
    start_trigger = forms.ChoiceField(label=_("De MB-termijn loopt vanaf"), choices=StartTrigger.choices)
    final_interview = forms.BooleanField(label=_("Eindgesprek verplicht bij de afronding"), required=False)
    checklist = forms.CharField(
        label=_("Checklist opstartfase"), widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Eén punt per regel: groep (HV, FIN, INS of VL), een streep en de omschrijving. "
                    "Zet '(optioneel)' achter een punt dat standaard niet nodig is."),
    )
    domains = forms.CharField(label=_("Leefgebieden van het plan (één per regel; leeg = geen plan)"),
                              widget=forms.Textarea(attrs={"rows": 6}), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for phase in TIMED_PHASES:
            self.fields[f"days_{phase.value}"] = forms.IntegerField(
                label=_("Streefduur %(phase)s (dagen)") % {"phase": phase.label}
            )

    @staticmethod
    def initial_for(settings: PolicySettings, preset_key: str = "") -> dict:
        initial = {
            "preset": preset_key,
            "duration_months": settings.duration_months,
            "extension_months": settings.extension_months,
            "max_extensions": settings.max_extensions,
            "measurement_months": ", ".join(str(m) for m in settings.measurement_months),
            "call_interval_months": settings.call_interval_months,
            "case_meeting_weeks": settings.case_meeting_weeks,
            "capacity_per_worker": settings.capacity_per_worker,
            "start_trigger": settings.start_trigger,
            "final_interview": settings.final_interview,
            "checklist": "\n".join(
                f"{i.group} | {i.label}" + ("" if i.default else f" {OPTIONAL_MARK}") for i in settings.checklist
            ),
            "domains": "\n".join(d.label for d in settings.domains),
        }
        initial |= {f"days_{phase}": days for phase, days in settings.phase_days.items()}
        return initial

    def clean_measurement_months(self) -> list[int]:
        raw = self.cleaned_data["measurement_months"].replace(";", ",")
        try:
            return [int(part) for part in raw.split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError(_("Geef de meetmomenten als hele maanden, bijvoorbeeld 3, 8, 12.")) from None

    def clean_checklist(self) -> list[ChecklistSpec]:
        items = []
        for number, line in enumerate(_lines(self.cleaned_data["checklist"]), start=1):
            group, sep, label = line.partition("|")
            group, label = group.strip().upper(), label.strip()
            if not sep or group not in ChecklistGroup.values or not label:
                raise forms.ValidationError(
                    _("Regel %(number)d: schrijf 'groep | omschrijving' met groep HV, FIN, INS of VL.")
                    % {"number": number}
                )
            default = not label.endswith(OPTIONAL_MARK)
            label = label.removesuffix(OPTIONAL_MARK).strip()
            items.append(ChecklistSpec(item_key(label), group, label[:150], default))
        return items

    def clean_domains(self) -> list[DomainSpec]:
        return [DomainSpec(item_key(label), label[:100]) for label in _lines(self.cleaned_data["domains"])]

    def settings(self) -> PolicySettings:
        data = self.cleaned_data
        return PolicySettings(
            phase_days={phase.value: data[f"days_{phase.value}"] for phase in TIMED_PHASES},
            checklist=tuple(data["checklist"]),
            domains=tuple(data["domains"]),
            measurement_months=tuple(data["measurement_months"]),
            duration_months=data["duration_months"],
            extension_months=data["extension_months"],
            max_extensions=data["max_extensions"],
            call_interval_months=data["call_interval_months"],
            case_meeting_weeks=data["case_meeting_weeks"],
            capacity_per_worker=data["capacity_per_worker"],
            start_trigger=data["start_trigger"],
            final_interview=data["final_interview"],
        )


class PresetForm(forms.Form):
    preset = forms.ChoiceField(label=_("Uitgangspunt"), choices=[(p.key, p.name) for p in PRESETS])


# ---------------------------------------------------------------- signalering, group sessions, volunteers

LANGUAGE_CHOICES = sorted(LANGUAGES.items(), key=lambda item: item[1])


class SocialMapEntryForm(forms.Form):
    name = forms.CharField(label=_("Naam van de organisatie"), max_length=150)
    domain = forms.CharField(label=_("Leefgebied"), max_length=60,
                             help_text=_("Bijvoorbeeld: Financiën en administratie, Zorg en gezondheid."))
    contact = forms.CharField(label=_("Contact (telefoon, e-mail of contactpersoon)"), max_length=150, required=False)
    address = forms.CharField(label=_("Adres"), max_length=200, required=False)


class ReferralForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisatie van de sociale kaart"), queryset=None)
    reason = forms.CharField(label=_("Reden van de verwijzing"), widget=TEXTAREA, max_length=2000)
    consent_given_by = forms.CharField(label=_("Toestemming gegeven door"), max_length=150, required=False,
                                       help_text=_("De persoon zelf, of wie namens hem of haar toestemming gaf."))
    consent_on = date_field(_("Toestemming gegeven op"), required=False)
    consent_for = forms.CharField(label=_("Toestemming voor"), max_length=300, required=False,
                                  help_text=_("Welke gegevens met wie gedeeld mogen worden."))
    follow_up_on = date_field(_("Opvolgen op"), required=False)

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ReferralUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ReferralStatus.choices)
    follow_up_on = date_field(_("Opvolgen op"), required=False)


def parse_day(value: str | None) -> dt.date | None:
    """``2026-12-07`` as a date; ``None`` for anything else."""
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return None


class CaseMeetingItemForm(forms.Form):
    """Whom to bring in: one of the user's own dossiers from the list, or any dossier they may bring
    in by its number (a list of a whole municipality's dossiers would run into the tens of thousands)."""

    person = forms.ModelChoiceField(label=_("Persoon uit je eigen dossiers"), queryset=None, required=False,
                                    widget=DirectSelect, empty_label="—")
    dossier = forms.IntegerField(label=_("Of het dossiernummer"), required=False, min_value=1, max_value=2**63 - 1,
                                 help_text=_("Voor iemand die niet in je eigen dossiers staat."))
    question = forms.CharField(label=_("Vraag voor het overleg"), widget=TEXTAREA, max_length=2000)

    def __init__(self, *args, persons, own, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.persons = persons
        self.fields["person"].queryset = own
        self.fields["person"].label_from_instance = lambda p: p.full_name

    def clean(self) -> dict:
        data = super().clean()
        chosen, number = data.get("person"), data.get("dossier")
        if chosen and number:
            raise forms.ValidationError(_("Kies een persoon of vul een dossiernummer in, niet allebei."))
        if number:
            data["person"] = self.persons.filter(pk=number).first()
            if data["person"] is None:
                self.add_error("dossier", _("Dit dossier bestaat niet of je mag het niet inbrengen."))
        elif not chosen and "person" not in self.errors and "dossier" not in self.errors:
            self.add_error("person", _("Kies een persoon of vul een dossiernummer in."))
        return data


class OutcomeForm(forms.Form):
    outcome = forms.CharField(label=_("Uitkomst"), widget=TEXTAREA, max_length=2000)


class GroupSessionForm(forms.Form):
    municipality = forms.ModelChoiceField(label=_("Gemeente"), queryset=None)
    kind = forms.ChoiceField(label=_("Soort bijeenkomst"), choices=SessionKind.choices)
    title = forms.CharField(label=_("Titel"), max_length=150)
    day = date_field(_("Datum"))
    time = forms.TimeField(label=_("Begintijd"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    place = forms.CharField(label=_("Plaats"), max_length=200)
    languages = forms.MultipleChoiceField(label=_("Voertaal"), choices=LANGUAGE_CHOICES,
                                          widget=forms.SelectMultiple(attrs={"size": 6}),
                                          help_text=_("De taal of talen waarin de bijeenkomst gegeven wordt."))
    interpreter_languages = forms.MultipleChoiceField(label=_("Tolken beschikbaar in"), choices=LANGUAGE_CHOICES,
                                                      required=False, widget=forms.SelectMultiple(attrs={"size": 6}))
    capacity = forms.IntegerField(label=_("Aantal plaatsen"), min_value=1, max_value=500)
    covers = forms.MultipleChoiceField(label=_("Checklistpunten die de bijeenkomst afvinkt"), required=False,
                                       widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, municipalities, checklist: tuple[ChecklistSpec, ...], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        if len(municipalities) == 1:
            self.fields["municipality"].initial = municipalities[0].pk
        self.fields["covers"].choices = [(spec.key, f"{spec.group} – {spec.label}") for spec in checklist]

    def starts_at(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.cleaned_data["day"], self.cleaned_data["time"]))


class InviteForm(forms.Form):
    persons = forms.ModelMultipleChoiceField(label=_("Uit te nodigen personen"), queryset=None,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, persons, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["persons"].queryset = persons
        self.fields["persons"].label_from_instance = lambda p: p.full_name


class SessionAttendanceForm(forms.Form):
    present = forms.TypedMultipleChoiceField(label=_("Aanwezig"), coerce=int, required=False,
                                             widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, invitations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(i.pk, i.person.full_name) for i in invitations]


POSTCODE = r"^\d{4}\s?([A-Za-z]{2})?$"


class VolunteerForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Vrijwilliger"), queryset=None,
                                  help_text=_("Een gebruiker met de rol vrijwilliger in uw organisatie."))
    languages = forms.MultipleChoiceField(label=_("Talen"), choices=LANGUAGE_CHOICES,
                                          widget=forms.SelectMultiple(attrs={"size": 6}))
    postcode = forms.RegexField(label=_("Postcode"), regex=POSTCODE, max_length=7, required=False,
                                error_messages={"invalid": _("Vul een postcode in als 1234 of 1234 AB.")})
    availability = forms.CharField(label=_("Beschikbaarheid"), max_length=200, required=False,
                                   help_text=_("Gescheiden door komma's, bijvoorbeeld: di-middag, za-ochtend."))
    skills = forms.CharField(label=_("Vaardigheden"), max_length=300, required=False)
    capacity = forms.IntegerField(label=_("Aantal huishoudens"), min_value=1, max_value=10, initial=1)
    active = forms.BooleanField(label=_("Beschikbaar voor nieuwe maatjes"), required=False, initial=True)

    def __init__(self, *args, users=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if users is None:
            del self.fields["user"]
        else:
            self.fields["user"].queryset = users
            self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.get_username()

    def clean_postcode(self) -> str:
        return self.cleaned_data["postcode"].replace(" ", "").upper()

    def clean_availability(self) -> list[str]:
        return [part.strip() for part in self.cleaned_data["availability"].split(",") if part.strip()]

    @classmethod
    def initial_for(cls, volunteer) -> dict:
        return {"languages": volunteer.languages, "postcode": volunteer.postcode,
                "availability": ", ".join(volunteer.availability), "skills": volunteer.skills,
                "capacity": volunteer.capacity, "active": volunteer.active}
