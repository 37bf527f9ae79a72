"""Screens of the volunteer pool: the dossier's "Maatje" page (suggestions with their reasons, the
match, the reports and concerns), the pool for the MB-begeleider and "Mijn maatjes" for a volunteer."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.access.constants import DataCategory, Role
from koers.access.query import can_edit, categories_for, grants_for, roles_of
from koers.audit.log import record_refused_read
from koers.audit.models import Channel
from koers.lib.views import screen_login_required
from koers.people.models import Person
from koers.people.views import dossier_context

from . import volunteers
from .access import POOL_ROLES, SECTION_KEY
from .forms import VolunteerForm
from .models import Volunteer, VolunteerMatch, VolunteerReport
from .views import (
    PURPOSE_ACTION,
    find_mb_person,
    form_page,
    log,
    perform,
    plain_form_page,
    post_data,
    require_worker,
    worker_row,
)

PURPOSE_POOL = "Scherm: vrijwilligers MB"
MENU_POOL = "mb_vrijwilligers"


class ReportForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Wat is er gebeurd?"), max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 4}))
    concern = forms.BooleanField(label=gettext_lazy("Ik maak me zorgen"), required=False)
    concern_text = forms.CharField(label=gettext_lazy("Wat is uw zorg?"), required=False, max_length=2000,
                                   widget=forms.Textarea(attrs={"rows": 3}))


def _household_or_404(person: Person):
    household = person.household
    if household is None:
        raise Http404(_("Deze persoon hoort niet bij een huishouden."))
    return household


@screen_login_required
@require_GET
def maatje(request: HttpRequest, pk: int) -> HttpResponse:
    person = find_mb_person(request, pk)
    granted = categories_for(request.user, person)
    household = person.household
    may_work = can_edit(request.user, person)
    matches = list(VolunteerMatch.objects.filter(household=household, ended_on__isnull=True)
                   .select_related("volunteer__user")) if household else []
    if not may_work:
        matches = [m for m in matches if m.volunteer.user_id == request.user.pk]
    context = {
        **dossier_context(request, person, SECTION_KEY, _("Maatje")),
        "may_work": may_work,
        "matches": matches,
        "suggestions": volunteers.suggestions_for(household) if may_work and household else [],
        "reports": list(volunteers.reports_visible_to(request.user, person, granted)),
        "sees_concerns": DataCategory.NOTES in granted,
        "may_report": volunteers.open_match_for(request.user, person) is not None,
    }
    log(request, person, {DataCategory.IDENTITY, DataCategory.CONTACT} | (
        {DataCategory.NOTES} & granted))
    return render(request, "begeleiding/maatje.html", context)


def _back(person: Person) -> str:
    return reverse("begeleiding:maatje", kwargs={"pk": person.pk})


@screen_login_required
@require_POST
def match_volunteer(request: HttpRequest, pk: int) -> HttpResponse:
    person = find_mb_person(request, pk, PURPOSE_ACTION)
    require_worker(request, person)
    household = _household_or_404(person)
    volunteer = Volunteer.objects.filter(volunteers.works_in(person.municipality_id),
                                         pk=request.POST.get("volunteer") or 0).select_related("user").first()
    if volunteer is None:
        raise Http404(_("Deze vrijwilliger bestaat niet."))
    return perform(request, lambda: volunteers.match(actor=request.user, volunteer=volunteer, household=household,
                                                     purpose=PURPOSE_ACTION, request=request),
                   _("%(name)s is nu het maatje van dit huishouden.") % {"name": volunteer}, _back(person))


@screen_login_required
@require_POST
def end_match(request: HttpRequest, pk: int, match_id: int) -> HttpResponse:
    person, found = worker_row(request, pk, lambda p: VolunteerMatch.objects.filter(household=_household_or_404(p)),
                               match_id, _("Deze koppeling bestaat niet."))
    return perform(request, lambda: volunteers.end_match(actor=request.user, match=found, purpose=PURPOSE_ACTION,
                                                         request=request),
                   _("De koppeling met het maatje is beëindigd."), _back(person))


@screen_login_required
@require_http_methods(["GET", "POST"])
def write_report(request: HttpRequest, pk: int) -> HttpResponse:
    person = find_mb_person(request, pk, PURPOSE_ACTION)
    if volunteers.open_match_for(request.user, person) is None:
        raise PermissionDenied(_("Alleen het maatje van deze persoon schrijft een verslag."))

    def run(form):
        data = form.cleaned_data
        volunteers.write_report(actor=request.user, person=person, text=data["text"], concern=data["concern"],
                                concern_text=data["concern_text"], purpose=PURPOSE_ACTION, request=request)

    return form_page(request, person, ReportForm(post_data(request)), title=_("Verslag schrijven"),
                     submit=_("Verslag opslaan"), run=run, success=_("Uw verslag is opgeslagen."),
                     next_url=_back(person),
                     intro=_("Schrijf kort wat er gebeurde. Maakt u zich zorgen, vink dat dan aan: de begeleider krijgt dan een melding."))


@screen_login_required
@require_POST
def handle_concern(request: HttpRequest, pk: int, report_id: int) -> HttpResponse:
    person, report = worker_row(request, pk, lambda p: VolunteerReport.objects.filter(person=p).select_related(
        "person"), report_id, _("Dit verslag bestaat niet."))
    if DataCategory.NOTES not in categories_for(request.user, person):
        raise PermissionDenied(_("Je rol ziet zorgmeldingen niet."))
    return perform(request, lambda: volunteers.mark_concern_handled(actor=request.user, report=report,
                                                                    purpose=PURPOSE_ACTION, request=request),
                   _("De zorgmelding is afgehandeld."), _back(person))


@screen_login_required
@require_GET
def pool(request: HttpRequest) -> HttpResponse:
    rows = (Volunteer.objects.filter(organisation_id__in=pool_organisations(request)).select_related("user", "organisation")
            .prefetch_related("matches__household"))
    return render(request, "begeleiding/volunteer_pool.html", {"volunteers": rows, "active_menu": MENU_POOL})


def pool_organisations(request: HttpRequest) -> set[int]:
    organisation_ids = {g.organisation_id for g in grants_for(request.user) if g.role in POOL_ROLES}
    if not organisation_ids:
        raise PermissionDenied(_("Je rol beheert geen vrijwilligers."))
    return organisation_ids


def _volunteer_form_page(request: HttpRequest, form: VolunteerForm, volunteer: Volunteer | None,
                         title: str) -> HttpResponse:
    def run(form):
        data = dict(form.cleaned_data)
        user = data.pop("user", None)
        profile = volunteer or Volunteer(user=user, organisation=next(
            m.organisation for m in user.memberships.filter(organisation_id__in=pool_organisations(request),
                                                             role=Role.VRIJWILLIGER).select_related("organisation")))
        volunteers.save_volunteer(volunteer=profile, **data)

    return plain_form_page(request, form, title=title, submit=_("Opslaan"), run=run,
                           success=_("Het profiel van de vrijwilliger is opgeslagen."),
                           back=reverse("begeleiding:volunteer_pool"), active_menu=MENU_POOL)


@screen_login_required
@require_http_methods(["GET", "POST"])
def new_volunteer(request: HttpRequest) -> HttpResponse:
    users = volunteers.unprofiled_volunteers(pool_organisations(request))
    return _volunteer_form_page(request, VolunteerForm(post_data(request), users=users), None,
                                _("Vrijwilliger toevoegen aan de pool"))


@screen_login_required
@require_http_methods(["GET", "POST"])
def edit_volunteer(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    volunteer = Volunteer.objects.filter(pk=volunteer_id, organisation_id__in=pool_organisations(request)).select_related(
        "user").first()
    if volunteer is None:
        record_refused_read(request, purpose=PURPOSE_POOL, channel=Channel.UI)
        raise Http404(_("Deze vrijwilliger bestaat niet of hoort niet bij uw organisatie."))
    form = VolunteerForm(post_data(request), initial=VolunteerForm.initial_for(volunteer))
    return _volunteer_form_page(request, form, volunteer, _("Profiel van %(name)s") % {"name": volunteer})


@screen_login_required
@require_GET
def my_matches(request: HttpRequest) -> HttpResponse:
    if Role.VRIJWILLIGER not in roles_of(request.user):
        raise PermissionDenied(_("Alleen vrijwilligers hebben maatjes."))
    rows = [(m, sorted((a.person for a in m.assignments.select_related("person")), key=lambda p: p.pk))
            for m in volunteers.matches_of(request.user)]
    return render(request, "begeleiding/my_matches.html", {"rows": rows})
