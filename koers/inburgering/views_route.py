"""Screens of the route: the "Inburgering" tab of a dossier, the forms of its records, and the
provider's screen for reporting hours.

Every screen reaches the person through ``koers.people.views.find_person`` (404 and a refused entry
in the audit log out of reach), shows only the route's data categories the user may see, and logs
what it showed. Changing the route is for the consultant; a refused attempt is logged too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from koers.access.constants import DataCategory
from koers.access.models import User
from koers.audit.log import record
from koers.audit.models import Action, Channel, Outcome
from koers.lib import clock
from koers.lib.forms import error_summary, form_error_links, summary_title
from koers.lib.views import screen_login_required
from koers.people.models import Person
from koers.people.views import dossier_context, find_person
from koers.signals.policy import current_thresholds

from . import boetes, examens, forms_route, termijn, uren
from .constants import BoeteStatus
from .duo_boetes import looming_fines
from .models import Boete, Ontheffing, Termijnverlenging, Vrijstelling
from .route import (
    FINE_CATEGORY,
    OFFER_CATEGORY,
    TERM_CATEGORY,
    may_manage_route,
    provider_organisations,
    route_categories,
)

PURPOSE_ROUTE = "Scherm: inburgering (route)"
PURPOSE_FORM = "Scherm: inburgering wijzigen"
PURPOSE_HOURS = "Scherm: uren doorgeven (aanbieder)"
STUDENTS_PAGE_SIZE = 50


def _refuse(request: HttpRequest, person: Person, purpose: str, action: Action, detail: str) -> None:
    record(user=request.user, action=action, persons=[person], purpose=purpose, channel=Channel.UI,
           request=request, outcome=Outcome.REFUSED, detail=detail)


def route_person(request: HttpRequest, pk: int, purpose: str) -> tuple[Person, frozenset]:
    """The person and the route categories the user may see; refused (403, logged) without any."""
    person = find_person(request, pk, purpose)
    granted = route_categories(request.user, person)
    if not granted:
        _refuse(request, person, purpose, Action.READ, "Geen toegang tot de inburgeringsgegevens")
        raise PermissionDenied(_("Je mag de inburgeringsgegevens van dit dossier niet inzien."))
    return person, granted


@screen_login_required
@require_GET
def route(request: HttpRequest, pk: int) -> HttpResponse:
    person, granted = route_person(request, pk, PURPOSE_ROUTE)
    today = clock.today()
    policy = current_thresholds(person.municipality)
    context = {
        **dossier_context(request, person, "inburgering", _("Inburgering")),
        "show_term": TERM_CATEGORY in granted,
        "show_offer": OFFER_CATEGORY in granted,
        "show_fines": FINE_CATEGORY in granted,
        "may_manage": may_manage_route(request.user, person),
        "today": today,
    }
    if TERM_CATEGORY in granted:
        plicht = termijn.plicht_of(person)
        results = examens.results_of(person)
        term = termijn.term_overview(plicht, today)
        context |= {
            "plicht": plicht,
            "term": term,
            "duo_fines": looming_fines(person, plicht, term),
            "verlengingen": Termijnverlenging.objects.filter(person=person),
            "vrijstellingen": Vrijstelling.objects.filter(person=person),
            "ontheffingen": Ontheffing.objects.filter(person=person),
            "exams": examens.exam_overview(person),
            "onderdelen": [
                (soort, results.get(soort)) for soort in examens.Soort
            ],
        }
    if OFFER_CATEGORY in granted:
        norm = policy.hours_min_percent
        context |= {"offers": uren.offers_of(person), "months": uren.monthly_progress(person, norm), "norm": norm}
    if FINE_CATEGORY in granted:
        fines = list(Boete.objects.filter(person=person))
        links = context["may_manage"]
        context |= {"fines": [(fine, boetes.next_action(fine, today, policy.objection_committee),
                               boete_links(person, fine) if links else []) for fine in fines],
                    "may_be_fined": boetes.may_be_fined(person)}
    record(user=request.user, action=Action.READ, persons=[person], categories=granted, purpose=PURPOSE_ROUTE,
           channel=Channel.UI, request=request)
    return render(request, "inburgering/route/route.html", context)


# Forms on the route: key → (form class, title, data category).
ROUTE_FORMS: dict[str, tuple[type[forms_route.RouteForm], str, str]] = {
    "plicht": (forms_route.PlichtForm, gettext_lazy("Inburgeringsplicht en termijn"), TERM_CATEGORY),
    "verlenging": (forms_route.VerlengingForm, gettext_lazy("Verlenging van de termijn"), TERM_CATEGORY),
    "vrijstelling": (forms_route.VrijstellingForm, gettext_lazy("Vrijstelling"), TERM_CATEGORY),
    "ontheffing": (forms_route.OntheffingForm, gettext_lazy("Ontheffing"), TERM_CATEGORY),
    "aanbod": (forms_route.AanbodForm, gettext_lazy("Inburgeringsaanbod"), OFFER_CATEGORY),
    "examen": (forms_route.ExamenForm, gettext_lazy("Examenresultaat"), TERM_CATEGORY),
    "map": (forms_route.OnderdeelForm, gettext_lazy("MAP: datum eindgesprek"), TERM_CATEGORY),
    "pvt": (forms_route.OnderdeelForm, gettext_lazy("PVT: datum ondertekening"), TERM_CATEGORY),
    "zroute": (forms_route.OnderdeelForm, gettext_lazy("Z-route afgerond"), TERM_CATEGORY),
    "boete": (forms_route.WaarschuwingForm, gettext_lazy("Boete: waarschuwing geven"), FINE_CATEGORY),
}

BOETE_STEPS: dict[str, tuple[type[forms_route.BoeteStepForm], str]] = {
    "hoorzitting": (forms_route.HoorzittingForm, gettext_lazy("Boete: hoorzitting")),
    "besluit": (forms_route.BesluitForm, gettext_lazy("Boete: besluit")),
    "betaling": (forms_route.BetalingForm, gettext_lazy("Boete: betaling")),
    "bezwaar": (forms_route.BezwaarForm, gettext_lazy("Boete: bezwaar")),
    "vervallen": (forms_route.VervallenForm, gettext_lazy("Boete: laten vervallen")),
}


def managed_person(request: HttpRequest, pk: int) -> Person:
    person = find_person(request, pk, PURPOSE_FORM)
    if not may_manage_route(request.user, person):
        _refuse(request, person, PURPOSE_FORM, Action.UPDATE, "Geen recht om de inburgering te wijzigen")
        raise PermissionDenied(_("Je mag de inburgering van dit dossier niet wijzigen."))
    return person


@dataclass(frozen=True)
class Back:
    """Where a form of a tab belongs: the tab's key, its URL name, the text of the link back and the
    purpose its reads are logged with."""

    section: str
    url_name: str
    label: str | Promise
    purpose: str


ROUTE_BACK = Back("inburgering", "inburgering:route", gettext_lazy("Terug naar de inburgering"), PURPOSE_FORM)


def form_page(request: HttpRequest, person: Person, form, title: str, category: str,
              back: Back = ROUTE_BACK) -> HttpResponse:
    """A form of a dossier tab: saved through its service (whose ``ValidationError`` lands on the fields,
    nothing stored) and back to the tab, or shown with its errors (400); a GET is logged as a read."""
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("Opgeslagen: %(title)s.") % {"title": title})
            return redirect(back.url_name, pk=person.pk)
    errors = error_summary(form_error_links(form)) if request.method == "POST" else []
    if request.method == "GET":
        record(user=request.user, action=Action.READ, persons=[person], categories=[category],
               purpose=back.purpose, channel=Channel.UI, request=request)
    context = {
        **dossier_context(request, person, back.section, title),
        "form": form,
        "title": title,
        "errors": errors,
        "errors_title": summary_title(errors),
        "back": reverse(back.url_name, kwargs={"pk": person.pk}),
        "back_label": back.label,
    }
    return render(request, "inburgering/route/form.html", context, status=400 if errors else 200)


@screen_login_required
@require_http_methods(["GET", "POST"])
def route_form(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    if key not in ROUTE_FORMS:
        raise Http404()
    person = managed_person(request, pk)
    form_class, title, category = ROUTE_FORMS[key]
    extra = {"soort": key} if form_class is forms_route.OnderdeelForm else {}
    data = request.POST if request.method == "POST" else None
    form = form_class(data, person=person, user=request.user, request=request, **extra)
    return form_page(request, person, form, str(title), category)


@screen_login_required
@require_http_methods(["GET", "POST"])
def boete_step(request: HttpRequest, pk: int, boete_pk: int, step: str) -> HttpResponse:
    if step not in BOETE_STEPS:
        raise Http404()
    person = managed_person(request, pk)
    boete = Boete.objects.filter(person=person, pk=boete_pk).first()
    if boete is None:
        raise Http404()
    form_class, title = BOETE_STEPS[step]
    data = request.POST if request.method == "POST" else None
    form = form_class(data, person=person, user=request.user, request=request, boete=boete)
    return form_page(request, person, form, str(title), FINE_CATEGORY)


# -- the provider's screen ------------------------------------------------------------------------


def provider_or_refuse(user: User) -> frozenset[int]:
    organisations = provider_organisations(user)
    if not organisations:
        raise PermissionDenied(_("Alleen een taalaanbieder geeft uren door."))
    return organisations


@screen_login_required
@require_http_methods(["GET", "POST"])
def provider_hours(request: HttpRequest) -> HttpResponse:
    provider_or_refuse(request.user)
    form = forms_route.UrenUploadForm(request.POST or None, request.FILES or None)
    row_errors: list[uren.RowError] = []
    if request.method == "POST" and form.is_valid():
        rows, row_errors = uren.read_csv(form.cleaned_data["file"].read(), request.user)
        if not row_errors:
            uren.import_rows(actor=request.user, rows=rows, request=request)
            messages.success(request, _("%(count)d regels met uren opgeslagen.") % {"count": len(rows)})
            return redirect("inburgering:provider_hours")
    search = forms_route.StudentSearchForm(request.GET or None)
    students = search.apply(uren.provider_students(request.user)).order_by("family_name", "given_names", "id")
    page = Paginator(students, STUDENTS_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page)
    offers = {offer.person_id: offer for offer in uren.provider_offers(request.user, [p.pk for p in shown])}
    record(user=request.user, action=Action.LIST, persons=shown, categories=[DataCategory.IDENTITY, OFFER_CATEGORY],
           purpose=PURPOSE_HOURS, channel=Channel.UI, request=request)
    errors = error_summary(form_error_links(form)) if request.method == "POST" else []
    context = {
        "form": form,
        "search": search,
        "page": page,
        "rows": [(student, offers.get(student.pk)) for student in shown],
        "row_errors": row_errors,
        "errors": errors,
        "errors_title": summary_title(errors),
        "columns": uren.CSV_COLUMNS,
        "active_menu": "provider_hours",
    }
    status = 400 if errors or row_errors else 200
    return render(request, "inburgering/route/provider_hours.html", context, status=status)


def boete_links(person: Person, boete: Boete) -> list[tuple[str, str]]:
    """The steps that may follow, as (url, label), for the template."""
    steps = {
        BoeteStatus.HOORZITTING: "hoorzitting",
        BoeteStatus.BESLUIT: "besluit",
        BoeteStatus.BETAALD: "betaling",
        BoeteStatus.VERVALLEN: "vervallen",
    }
    links = [
        (reverse("inburgering:boete_step", kwargs={"pk": person.pk, "boete_pk": boete.pk, "step": steps[s]}),
         str(BOETE_STEPS[steps[s]][1]))
        for s in sorted(boetes.allowed_steps(boete))
    ]
    if boete.status in (BoeteStatus.BESLUIT, BoeteStatus.BETAALD) and not boete.objection_filed_on:
        links.append((reverse("inburgering:boete_step", kwargs={"pk": person.pk, "boete_pk": boete.pk,
                                                                "step": "bezwaar"}),
                      str(BOETE_STEPS["bezwaar"][1])))
    return links
