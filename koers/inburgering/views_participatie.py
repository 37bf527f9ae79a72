"""Screens of the "Participatie en werk" tab: the overview (work goal, participation hours against the
Z-route's norm, barriers with what was done, schemes the newcomer was told about) and its forms.

The tab is for the plan's roles (``find_plan_person``: a 404 and a refused entry in the audit log for
anyone else); each part shows only with its data category, and a health barrier only with the health
category. Recording is for the roles that may change a dossier (``can_edit``); a refused attempt is
logged too.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from koers.access.constants import DataCategory
from koers.access.query import can_edit, categories_for
from koers.audit.log import record
from koers.audit.models import Action, Channel, Outcome
from koers.lib import clock
from koers.lib.views import screen_login_required
from koers.people.models import Person
from koers.people.views import dossier_context

from . import forms_participatie as forms
from .constants import Leerroute
from .participatie import (
    SCHEME_CATEGORY,
    WORK_CATEGORY,
    barriers_of,
    zroute_progress,
)
from .participatie_tabs import SECTION_KEY
from .pip import current_pip
from .termijn import plicht_of, termijn_of
from .views_plan import find_plan_person
from .views_route import Back, form_page

PURPOSE_TAB = "Scherm: participatie en werk"
PURPOSE_FORM = "Scherm: participatie en werk wijzigen"
HISTORY = 20
BACK = Back(SECTION_KEY, "inburgering:participatie", gettext_lazy("Terug naar participatie en werk"), PURPOSE_FORM)

# Forms of the tab: key → (form class, title, data category).
FORMS: dict[str, tuple[type[forms.ParticipatieTabForm], str, DataCategory]] = {
    "werkdoel": (forms.WerkdoelForm, gettext_lazy("Werkdoel vastleggen"), WORK_CATEGORY),
    "uren": (forms.ParticipatieForm, gettext_lazy("Participatie vastleggen"), WORK_CATEGORY),
    "belemmering": (forms.BelemmeringForm, gettext_lazy("Belemmering vastleggen"), WORK_CATEGORY),
    "regeling": (forms.VoorlichtingForm, gettext_lazy("Voorlichting over een regeling vastleggen"),
                 SCHEME_CATEGORY),
}


@screen_login_required
@require_GET
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    person = find_plan_person(request, pk, PURPOSE_TAB)
    granted = categories_for(request.user, person)
    today = clock.today()
    context = {
        **dossier_context(request, person, SECTION_KEY, _("Participatie en werk")),
        "may_edit": can_edit(request.user, person),
        "show_work": WORK_CATEGORY in granted,
        "show_schemes": SCHEME_CATEGORY in granted,
        "barriers": barriers_of(person, granted),
        "today": today,
    }
    shown = {DataCategory.IDENTITY} | {barrier.category for barrier in context["barriers"]}
    if context["show_work"]:
        context |= work_context(person, granted, today)
        shown.add(WORK_CATEGORY)
    if context["show_schemes"]:
        context["voorlichtingen"] = list(person.voorlichtingen.select_related("informed_by")[:HISTORY])
        shown.add(SCHEME_CATEGORY)
    record(user=request.user, action=Action.READ, persons=[person], categories=shown, purpose=PURPOSE_TAB,
           channel=Channel.UI, request=request)
    return render(request, "inburgering/participatie/overview.html", context)


def work_context(person: Person, granted: frozenset[DataCategory], today) -> dict:
    """The work goal and participation; the pace the term asks only for a user who may see DUO's term."""
    goals = list(person.werkdoelen.select_related("recorded_by")[:HISTORY])
    pip = current_pip(person)
    termijn = termijn_of(plicht_of(person)) if DataCategory.DUO in granted else None
    return {
        "werkdoel": goals[0] if goals else None,
        "earlier_goals": goals[1:],
        "participaties": list(person.participaties.select_related("recorded_by")[:HISTORY]),
        "progress": zroute_progress(person, termijn, today),
        "zroute": pip is not None and pip.leerroute == Leerroute.Z_ROUTE,
    }


def editable_person(request: HttpRequest, pk: int, category: DataCategory) -> Person:
    """The person, when the user sees the tab, may change the dossier and see the category of the record;
    otherwise refused (403) and logged."""
    person = find_plan_person(request, pk, PURPOSE_FORM)
    if not can_edit(request.user, person) or category not in categories_for(request.user, person):
        record(user=request.user, action=Action.UPDATE, persons=[person], purpose=PURPOSE_FORM, channel=Channel.UI,
               request=request, outcome=Outcome.REFUSED, detail="Geen recht om participatie en werk te wijzigen")
        raise PermissionDenied(_("Je mag participatie en werk van dit dossier niet wijzigen."))
    return person


@screen_login_required
@require_http_methods(["GET", "POST"])
def record_form(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    if key not in FORMS:
        raise Http404()
    form_class, title, category = FORMS[key]
    person = editable_person(request, pk, category)
    data = request.POST if request.method == "POST" else None
    form = form_class(data, person=person, user=request.user, request=request)
    return form_page(request, person, form, str(title), category, BACK)


@screen_login_required
@require_http_methods(["GET", "POST"])
def barrier_action(request: HttpRequest, pk: int, barrier_pk: int) -> HttpResponse:
    person = editable_person(request, pk, WORK_CATEGORY)
    visible = barriers_of(person, categories_for(request.user, person))
    barrier = next((b for b in visible if b.pk == barrier_pk), None)
    if barrier is None:
        raise Http404(_("Deze belemmering bestaat niet of je hebt er geen toegang toe."))
    data = request.POST if request.method == "POST" else None
    form = forms.ActieForm(data, person=person, user=request.user, request=request, barrier=barrier)
    title = _("Wat is er gedaan: %(soort)s") % {"soort": barrier.get_soort_display()}
    return form_page(request, person, form, title, barrier.category, BACK)
