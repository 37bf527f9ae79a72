"""Forms of the route screens. Each form only reads input; its ``save`` hands it to the service of its
concept, which holds the rules (DUO's conditions included) and raises a ``ValidationError`` whose
messages the view puts on the form's fields."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from koers.access.models import User
from koers.lib.text import search_key
from koers.lib.uploads import validate_upload
from koers.people.forms import DateField, KoersForm, Search
from koers.people.models import Person

from . import aanbod, boetes, examens, termijn
from .constants import (
    BesluitStatus,
    BezwaarUitkomst,
    BoeteGrond,
    Doelgroepindeling,
    Examenniveau,
    Examenonderdeel,
    OntheffingGrond,
    VerlengingSoort,
    Verwijtbaar,
    VrijstellingSoort,
)
from .models import Boete, Instelling, OnderdeelResultaat


class RouteForm(KoersForm):
    """A form about one person; ``save`` calls the service with the acting user."""

    def __init__(self, *args, person: Person, user: User, request=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.person, self.user, self.request = person, user, request

    def common(self) -> dict:
        return {"actor": self.user, "person": self.person, "request": self.request}


class PlichtForm(RouteForm):
    start_date = DateField(label=_("Begindatum inburgeringsplicht"))
    doelgroep = forms.ChoiceField(label=_("Doelgroep"), choices=Doelgroepindeling.choices)
    termijn_start = DateField(label=_("Start inburgeringstermijn"), required=False)
    termijn_end = DateField(
        label=_("Einddatum inburgeringstermijn zoals DUO die geeft (exclusief)"),
        required=False,
        help_text=_("De eerste dag die niet meer tot de termijn hoort. Leeg: drie jaar na de start."),
    )

    def save(self):
        return termijn.record_plicht(**self.common(), **self.cleaned_data)


class VerlengingForm(RouteForm):
    soort = forms.ChoiceField(label=_("Soort verlenging"), choices=VerlengingSoort.choices, widget=forms.RadioSelect)
    status = forms.ChoiceField(label=_("Stand van zaken"), choices=BesluitStatus.choices, widget=forms.RadioSelect)
    requested_on = DateField(label=_("Aangevraagd op"), required=False)
    decided_on = DateField(label=_("Datum besluit"), required=False)
    new_end = DateField(
        label=_("Nieuwe einddatum (exclusief)"), required=False, help_text=_("Alleen bij een toegekende verlenging.")
    )
    reason = forms.CharField(label=_("Reden"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def save(self):
        return termijn.record_verlenging(**self.common(), **self.cleaned_data)


COMPONENT_CHOICES = [*Examenonderdeel.choices, ("map", _("MAP")), ("pvt", _("PVT"))]


class VrijstellingForm(RouteForm):
    soort = forms.ChoiceField(label=_("Soort vrijstelling"), choices=VrijstellingSoort.choices,
                              widget=forms.RadioSelect)
    start_date = DateField(label=_("Ingangsdatum"))
    end_date = DateField(label=_("Einddatum (exclusief)"), required=False,
                         help_text=_("Verplicht bij een tijdelijke vrijstelling."))
    components = forms.MultipleChoiceField(label=_("Onderdelen"), choices=COMPONENT_CHOICES, required=False,
                                           widget=forms.CheckboxSelectMultiple,
                                           help_text=_("Bij een gedeeltelijke vrijstelling."))
    reason = forms.CharField(label=_("Reden"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def save(self):
        return termijn.record_vrijstelling(**self.common(), **self.cleaned_data)


class OntheffingForm(RouteForm):
    grond = forms.ChoiceField(label=_("Grond"), choices=OntheffingGrond.choices, widget=forms.RadioSelect)
    volledig = forms.TypedChoiceField(label=_("Omvang"), coerce=lambda v: v == "1", widget=forms.RadioSelect,
                                      choices=[("1", _("Volledig")), ("0", _("Gedeeltelijk"))])
    decided_on = DateField(label=_("Besluitdatum"))
    reason = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def save(self):
        return termijn.record_ontheffing(**self.common(), **self.cleaned_data)


class AanbodForm(RouteForm):
    instelling = forms.ModelChoiceField(label=_("Instelling"), queryset=Instelling.objects.all(),
                                        empty_label=_("Kies een instelling"))
    datum_inburgeringsaanbod = DateField(label=_("Datum inburgeringsaanbod"))
    verwachte_startdatum = DateField(label=_("Verwachte startdatum opleiding"), required=False)
    verwachte_einddatum = DateField(label=_("Verwachte einddatum opleiding (exclusief)"), required=False)
    taalschakeltraject = forms.BooleanField(label=_("Taalschakeltraject"), required=False)
    planned_hours_per_week = forms.DecimalField(label=_("Geplande uren per week"), required=False,
                                                min_value=Decimal("0.5"), max_value=Decimal(40), decimal_places=1)

    def save(self):
        return aanbod.save_aanbod(**self.common(), **self.cleaned_data)


class ExamenForm(RouteForm):
    onderdeel = forms.ChoiceField(label=_("Onderdeel"), choices=Examenonderdeel.choices)
    niveau = forms.ChoiceField(label=_("Niveau"), choices=Examenniveau.choices)
    exam_date = DateField(label=_("Examendatum"))
    passed = forms.TypedChoiceField(label=_("Uitslag"), coerce=lambda v: v == "1", widget=forms.RadioSelect,
                                    choices=[("1", _("Behaald")), ("0", _("Niet behaald"))])

    def save(self):
        return examens.record_exam(**self.common(), **self.cleaned_data)


class OnderdeelForm(RouteForm):
    """MAP (datum eindgesprek), PVT (datum ondertekening) or Z-route (datum afronding)."""

    date = DateField(label=_("Datum"), required=False,
                     help_text=_("Leeg bij MAP of PVT: een eerder doorgegeven datum intrekken."))
    verwijtbaar = forms.ChoiceField(
        label=_("Overschrijding van de termijn verwijtbaar?"),
        choices=[("", _("Niet van toepassing")), *Verwijtbaar.choices],
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, soort: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.soort = soort
        if soort == OnderdeelResultaat.Soort.Z_ROUTE:
            del self.fields["verwijtbaar"]
            self.fields["date"].required = True
            self.fields["date"].help_text = _("De dag waarop de Z-route is afgerond.")

    def save(self):
        return examens.save_onderdeel(**self.common(), soort=self.soort, day=self.cleaned_data["date"],
                                      verwijtbaar=self.cleaned_data.get("verwijtbaar", ""))


class WaarschuwingForm(RouteForm):
    grond = forms.ChoiceField(label=_("Grond"), choices=BoeteGrond.choices, widget=forms.RadioSelect)
    facts = forms.CharField(label=_("Feiten"), widget=forms.Textarea(attrs={"rows": 4}))
    warning_date = DateField(label=_("Datum waarschuwing"))

    def save(self):
        return boetes.give_warning(**self.common(), **self.cleaned_data)


class BoeteStepForm(RouteForm):
    def __init__(self, *args, boete: Boete, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.boete = boete

    def step(self) -> dict:
        return {"actor": self.user, "boete": self.boete, "request": self.request}


class HoorzittingForm(BoeteStepForm):
    hearing_date = DateField(label=_("Datum hoorzitting"))
    hearing_notes = forms.CharField(label=_("Zienswijze"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def save(self):
        return boetes.hold_hearing(**self.step(), **self.cleaned_data)


class BesluitForm(BoeteStepForm):
    decision_date = DateField(label=_("Datum besluit"))
    amount = forms.DecimalField(label=_("Bedrag in euro"), max_digits=7, decimal_places=2)

    def save(self):
        return boetes.decide(**self.step(), **self.cleaned_data)


class BetalingForm(BoeteStepForm):
    paid_on = DateField(label=_("Betaald op"))

    def save(self):
        return boetes.register_payment(**self.step(), **self.cleaned_data)


class BezwaarForm(BoeteStepForm):
    objection_filed_on = DateField(label=_("Bezwaar ingediend op"))
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=BezwaarUitkomst.choices, widget=forms.RadioSelect)

    def save(self):
        return boetes.register_objection(**self.step(), filed_on=self.cleaned_data["objection_filed_on"],
                                         outcome=self.cleaned_data["outcome"])


class VervallenForm(BoeteStepForm):
    closed_reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}))

    def save(self):
        return boetes.drop(**self.step(), reason=self.cleaned_data["closed_reason"])


class UrenUploadForm(KoersForm):
    file = forms.FileField(
        label=_("CSV-bestand met uren"),
        help_text=_(
            "Kolommen: persoon (Koers-nummer), periode_vanaf, periode_tot_en_met, uren_aangeboden, uren_gevolgd, "
            "uren_geoorloofd_afwezig, toelichting. Scheidingsteken ; of ,. Datums als dag-maand-jaar."
        ),
    )

    MAX_BYTES = 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_upload(upload, kinds=["csv"], max_bytes=self.MAX_BYTES)
        return upload


class StudentSearchForm(KoersForm):
    """The provider's students narrowed to a name (a provider does not search by BSN)."""

    q = forms.CharField(label=_("Zoek een cursist"), required=False, max_length=100,
                        help_text=_("Naam of een deel ervan."))

    def apply(self, students: QuerySet[Person]) -> QuerySet[Person]:
        if not self.is_bound or not self.is_valid():
            return students
        return Search(name=search_key(self.cleaned_data["q"])).apply(students)
