"""Screens of signalering: the social map of a municipality (kept by its functional administrator,
read by the MB workers and consultants who refer), the dossier tab "Verwijzingen", the list of open
referrals with their follow-up, and the monthly case meeting (casuïstiekoverleg)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.access.constants import DataCategory
from koers.access.models import Municipality
from koers.access.query import can_edit, categories_for, grants_reaching, municipalities_with, visible_persons
from koers.audit.log import record, record_refused_read
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.lib.views import screen_login_required
from koers.people.models import Person
from koers.people.views import dossier_context

from . import referrals
from .access import (
    CASE_MEETING_ROLES,
    REFERRAL_CATEGORY,
    REFERRAL_ROLES,
    REFERRAL_SECTION_KEY,
    SOCIAL_MAP_ADMIN_ROLES,
    SOCIAL_MAP_ROLES,
    own_persons,
)
from .constants import ReferralStatus
from .forms import (
    CaseMeetingItemForm,
    OutcomeForm,
    ReferralForm,
    ReferralUpdateForm,
    SocialMapEntryForm,
    parse_day,
)
from .models import CaseMeetingItem, Referral, SocialMapEntry, Trajectory
from .views import (
    PURPOSE_ACTION,
    error_context,
    find_mb_person,
    form_page,
    log,
    perform,
    plain_form_page,
    post_data,
    require_role,
)

PURPOSE_SOCIAL_MAP = "Scherm: sociale kaart"
PURPOSE_REFERRALS = "Scherm: verwijzingen"
PURPOSE_CASE_MEETING = "Scherm: casuïstiekoverleg"
MENU_SOCIAL_MAP = "sociale_kaart"
MENU_REFERRALS = "verwijzingen"
MENU_CASE_MEETING = "casuistiek"


def find_in_municipalities(request: HttpRequest, queryset: QuerySet, pk: int, roles, purpose: str,
                           field: str = "municipality_id", attempted: int | None = None):
    """The row ``pk`` of ``queryset`` when it belongs to (``field``: is) a municipality where the user
    holds one of ``roles``; otherwise a 404, and the attempt in the audit log (naming the person
    ``attempted`` when the page was about one)."""
    found = queryset.filter(pk=pk, **{f"{field}__in": municipalities_with(request.user, roles)}).first()
    if found is None:
        record_refused_read(request, purpose=purpose, channel=Channel.UI, attempted=attempted)
        raise Http404(_("Dit bestaat niet of je hebt er geen toegang toe."))
    return found


# ---------------------------------------------------------------- social map


@screen_login_required
@require_GET
def social_map(request: HttpRequest) -> HttpResponse:
    require_role(request, SOCIAL_MAP_ROLES)
    may_manage = municipalities_with(request.user, SOCIAL_MAP_ADMIN_ROLES)
    entries = referrals.social_map(municipalities_with(request.user, SOCIAL_MAP_ROLES))
    if not may_manage:
        entries = entries.filter(active=True)
    return render(request, "begeleiding/social_map.html", {
        "entries": entries, "may_manage": may_manage, "active_menu": MENU_SOCIAL_MAP,
        "managed": Municipality.objects.filter(pk__in=may_manage).order_by("name"),
        "several": len({e.municipality_id for e in entries}) > 1,
    })


def _entry_form_page(request: HttpRequest, entry: SocialMapEntry, title: str) -> HttpResponse:
    initial = {"name": entry.name, "domain": entry.domain, "contact": entry.contact, "address": entry.address}

    def run(form):
        referrals.save_entry(entry=entry, **form.cleaned_data)

    return plain_form_page(request, SocialMapEntryForm(post_data(request), initial=initial), title=title,
                           submit=_("Opslaan"), run=run, success=_("De sociale kaart is bijgewerkt."),
                           back=reverse("begeleiding:social_map"), active_menu=MENU_SOCIAL_MAP)


@screen_login_required
@require_http_methods(["GET", "POST"])
def new_entry(request: HttpRequest) -> HttpResponse:
    require_role(request, SOCIAL_MAP_ADMIN_ROLES)
    chosen = request.GET.get("gemeente") or request.POST.get("gemeente")
    managed = Municipality.objects.filter(pk__in=municipalities_with(request.user, SOCIAL_MAP_ADMIN_ROLES))
    municipality = managed.filter(pk=chosen).first() if str(chosen).isdigit() else None
    if municipality is None:
        if len(managed) != 1:
            raise Http404(_("Kies een gemeente waarvan je de sociale kaart beheert."))
        municipality = managed[0]
    entry = SocialMapEntry(municipality=municipality)
    return _entry_form_page(request, entry, _("Organisatie toevoegen aan de sociale kaart van %(municipality)s") % {
        "municipality": municipality})


@screen_login_required
@require_http_methods(["GET", "POST"])
def edit_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    require_role(request, SOCIAL_MAP_ADMIN_ROLES)
    entry = find_in_municipalities(request, SocialMapEntry.objects.all(), entry_id, SOCIAL_MAP_ADMIN_ROLES,
                                   PURPOSE_SOCIAL_MAP)
    return _entry_form_page(request, entry, _("Organisatie wijzigen: %(name)s") % {"name": entry.name})


@screen_login_required
@require_POST
def toggle_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    require_role(request, SOCIAL_MAP_ADMIN_ROLES)
    entry = find_in_municipalities(request, SocialMapEntry.objects.all(), entry_id, SOCIAL_MAP_ADMIN_ROLES,
                                   PURPOSE_SOCIAL_MAP)
    referrals.set_entry_active(entry, not entry.active)
    messages.success(request, (_("%(name)s staat weer actief op de sociale kaart.") if entry.active
                               else _("%(name)s is gedeactiveerd.")) % {"name": entry.name})
    return redirect("begeleiding:social_map")


# ---------------------------------------------------------------- the dossier tab


def find_referring_person(request: HttpRequest, pk: int, purpose: str) -> Person:
    """The person, when the user reaches them in a role that refers and sees the referrals' category."""
    person = find_mb_person(request, pk, purpose)
    roles = {g.role for g in grants_reaching(request.user, person)}
    if not roles & REFERRAL_ROLES or REFERRAL_CATEGORY not in categories_for(request.user, person):
        raise PermissionDenied(_("Je rol ziet de verwijzingen van deze persoon niet."))
    return person


@screen_login_required
@require_GET
def person_referrals(request: HttpRequest, pk: int) -> HttpResponse:
    person = find_referring_person(request, pk, PURPOSE_REFERRALS)
    rows = [(r, ReferralUpdateForm(initial={"status": r.status, "follow_up_on": r.follow_up_on}, prefix=f"r{r.pk}"))
            for r in person.referrals.select_related("organisation", "created_by")]
    context = {
        **dossier_context(request, person, REFERRAL_SECTION_KEY, _("Verwijzingen")),
        "rows": rows, "may_work": can_edit(request.user, person), "today": clock.today(),
        "case_meeting_items": list(person.case_meeting_items.all()),
    }
    log(request, person, {DataCategory.IDENTITY, REFERRAL_CATEGORY}, PURPOSE_REFERRALS)
    return render(request, "begeleiding/referrals.html", context)


def _back_to_referrals(person: Person) -> str:
    return reverse("begeleiding:referrals", kwargs={"pk": person.pk})


@screen_login_required
@require_http_methods(["GET", "POST"])
def new_referral(request: HttpRequest, pk: int) -> HttpResponse:
    person = find_referring_person(request, pk, PURPOSE_ACTION)
    if not can_edit(request.user, person):
        raise PermissionDenied(_("Je rol mag niet verwijzen."))
    organisations = referrals.social_map([person.municipality_id], active_only=True)

    def run(form):
        referrals.refer(actor=request.user, person=person, purpose=PURPOSE_ACTION, request=request,
                        **form.cleaned_data)

    return form_page(request, person, ReferralForm(post_data(request), organisations=organisations),
                     title=_("Verwijzen"), submit=_("Verwijzing vastleggen"), run=run,
                     success=_("De verwijzing is vastgelegd."), next_url=_back_to_referrals(person),
                     intro=_("Verwijs alleen met toestemming van de persoon: leg vast wie toestemming gaf, wanneer en waarvoor."))


@screen_login_required
@require_POST
def update_referral(request: HttpRequest, pk: int, referral_id: int) -> HttpResponse:
    person = find_referring_person(request, pk, PURPOSE_ACTION)
    if not can_edit(request.user, person):
        raise PermissionDenied(_("Je rol mag verwijzingen niet bijwerken."))
    referral = Referral.objects.filter(pk=referral_id, person=person).select_related("organisation", "person").first()
    if referral is None:
        raise Http404(_("Deze verwijzing bestaat niet."))
    form = ReferralUpdateForm(request.POST, prefix=f"r{referral.pk}")
    name = {"name": referral.organisation.name}

    def update():
        if not form.is_valid():
            raise ValidationError(_("Kies een geldige status en datum voor de verwijzing naar %(name)s.") % name)
        referrals.update_referral(actor=request.user, referral=referral, purpose=PURPOSE_ACTION, request=request,
                                  **form.cleaned_data)

    return perform(request, update, _("De verwijzing naar %(name)s is bijgewerkt.") % name,
                   _back_to_referrals(person) + f"#verwijzing-{referral.pk}")


# ---------------------------------------------------------------- open referrals


@screen_login_required
@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    require_role(request, REFERRAL_ROLES)
    only_mine = request.GET.get("mijn") == "1"
    rows = (Referral.objects.filter(person__in=visible_persons(request.user))
            .exclude(status=ReferralStatus.CLOSED).select_related("person", "organisation", "created_by")
            .order_by(F("follow_up_on").asc(nulls_last=True), "created_at"))
    if only_mine:
        rows = rows.filter(created_by=request.user)
    rows = [r for r in rows if REFERRAL_CATEGORY in categories_for(request.user, r.person)]
    record(user=request.user, action=Action.LIST, persons=list({r.person_id: r.person for r in rows}.values()),
           categories=[DataCategory.IDENTITY, REFERRAL_CATEGORY], purpose=PURPOSE_REFERRALS, channel=Channel.UI,
           request=request)
    return render(request, "begeleiding/referral_list.html", {
        "rows": rows, "today": clock.today(), "only_mine": only_mine, "active_menu": MENU_REFERRALS})


# ---------------------------------------------------------------- case meeting


def meeting_persons(request: HttpRequest, municipality: Municipality) -> QuerySet[Person]:
    """Whom the user may bring into the meeting: their visible persons of the municipality with a trajectory."""
    with_trajectory = Trajectory.objects.values("person_id")
    return (visible_persons(request.user).filter(municipality=municipality, pk__in=with_trajectory)
            .order_by("family_name", "given_names", "pk"))


def meeting_form(request: HttpRequest, municipality: Municipality, data=None) -> CaseMeetingItemForm:
    persons = meeting_persons(request, municipality)
    return CaseMeetingItemForm(data, persons=persons, own=own_persons(request.user, persons))


def meeting_context(request: HttpRequest, municipality: Municipality, meeting: referrals.Meeting,
                    form=None) -> dict:
    persons = meeting_persons(request, municipality)
    items = [i for i in referrals.case_meeting_agenda(municipality, meeting).filter(person__in=persons)
             if REFERRAL_CATEGORY in categories_for(request.user, i.person)]
    return {
        "municipality": municipality, "meeting": meeting, "items": items,
        "previous_url": _meeting_url(municipality.pk, meeting.start - dt.timedelta(days=1)),
        "next_url": _meeting_url(municipality.pk, meeting.end),
        "rows": [(i, OutcomeForm(initial={"outcome": i.outcome}, prefix=f"i{i.pk}")) for i in items],
        "form": form or meeting_form(request, municipality),
        "municipalities": Municipality.objects.filter(
            pk__in=municipalities_with(request.user, CASE_MEETING_ROLES)).order_by("name"),
        "active_menu": MENU_CASE_MEETING,
    }


def find_meeting_municipality(request: HttpRequest, municipality_id: int) -> Municipality:
    require_role(request, CASE_MEETING_ROLES)
    return find_in_municipalities(request, Municipality.objects.all(), municipality_id, CASE_MEETING_ROLES,
                                  PURPOSE_CASE_MEETING, field="pk")


@screen_login_required
@require_GET
def case_meeting_index(request: HttpRequest) -> HttpResponse:
    require_role(request, CASE_MEETING_ROLES)
    first = Municipality.objects.filter(pk__in=municipalities_with(request.user, CASE_MEETING_ROLES)).order_by(
        "name").first()
    if first is None:
        raise PermissionDenied(_("Je rol heeft geen toegang tot dit scherm."))
    return redirect(_meeting_url(first.pk, clock.today()))


def _meeting_url(municipality_id: int, day: dt.date) -> str:
    return reverse("begeleiding:case_meeting", kwargs={"municipality_id": municipality_id}) + f"?datum={day:%Y-%m-%d}"


def _chosen_meeting(request: HttpRequest, municipality: Municipality) -> referrals.Meeting:
    """The meeting covering the date asked for (``?datum=``), else the one covering today."""
    return referrals.meeting_for(municipality, parse_day(request.GET.get("datum")) or clock.today())


@screen_login_required
@require_http_methods(["GET", "POST"])
def case_meeting(request: HttpRequest, municipality_id: int) -> HttpResponse:
    municipality = find_meeting_municipality(request, municipality_id)
    meeting = _chosen_meeting(request, municipality)
    form = None
    if request.method == "POST":
        form = meeting_form(request, municipality, request.POST)
        if form.is_valid():
            person = form.cleaned_data["person"]
            try:
                if not can_edit(request.user, person):
                    raise ValidationError(_("Je rol mag deze persoon niet inbrengen."))
                referrals.flag_for_case_meeting(actor=request.user, person=person, day=meeting.start,
                                                question=form.cleaned_data["question"], purpose=PURPOSE_ACTION,
                                                request=request)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("%(name)s staat op de agenda.") % {"name": person.full_name})
                return redirect(_meeting_url(municipality.pk, meeting.start))
    context = meeting_context(request, municipality, meeting, form)
    context |= error_context(request, context["form"])
    on_agenda = [i.person for i in context["items"]]
    record(user=request.user, action=Action.LIST, persons=on_agenda,
           categories=[DataCategory.IDENTITY, REFERRAL_CATEGORY], purpose=PURPOSE_CASE_MEETING, channel=Channel.UI,
           request=request)
    record(user=request.user, action=Action.LIST, persons=context["form"].fields["person"].queryset.exclude(
           pk__in=[p.pk for p in on_agenda]), categories=[DataCategory.IDENTITY], purpose=PURPOSE_CASE_MEETING,
           channel=Channel.UI, request=request)
    return render(request, "begeleiding/case_meeting.html", context, status=400 if context["errors"] else 200)


@screen_login_required
@require_POST
def case_meeting_outcome(request: HttpRequest, municipality_id: int, item_id: int) -> HttpResponse:
    municipality = find_meeting_municipality(request, municipality_id)
    item = CaseMeetingItem.objects.filter(pk=item_id, person__in=meeting_persons(request, municipality)).select_related(
        "person").first()
    if item is None:
        raise Http404(_("Dit agendapunt bestaat niet."))
    form = OutcomeForm(request.POST, prefix=f"i{item.pk}")

    def record_it():
        if not can_edit(request.user, item.person):
            raise ValidationError(_("Je rol mag de uitkomst niet vastleggen."))
        if not form.is_valid():
            raise ValidationError(_("Schrijf de uitkomst van het overleg op."))
        referrals.record_outcome(actor=request.user, item=item, outcome=form.cleaned_data["outcome"],
                                 purpose=PURPOSE_ACTION, request=request)

    return perform(request, record_it, _("De uitkomst voor %(name)s is vastgelegd.") % {"name": item.person.full_name},
                   _meeting_url(municipality.pk, item.meeting_on) + f"#agendapunt-{item.pk}")
