"""Forms of the begeleiding screens. They check input; the rules are in ``services``."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory
from koers.access.models import User
from koers.lib import clock
from koers.people.constants import LANGUAGES, Phase

from .constants import (
    SCORE_LABELS,
    AppointmentStatus,
    CallOutcome,
    ChecklistGroup,
    ChecklistStatus,
    Consent,
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
    case_meeting_weeks = forms.IntegerField(label=_("Casuïstiekoverleg: elke zoveel weken (0 = geen)"))
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
