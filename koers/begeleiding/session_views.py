"""Screens of group sessions: the list and planning of a municipality's sessions, a session with its
invitations and interpreters, attendance, and a printable invitation letter in the person's language."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.access.constants import DataCategory
from koers.access.models import Municipality
from koers.access.query import can_edit, grants_for, municipalities_with, visible_persons
from koers.audit.log import loggable_id, record, record_refused_read
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.lib.views import screen_login_required
from koers.people.constants import Phase
from koers.people.models import Person

from . import sessions
from .access import SESSION_ROLES
from .constants import SessionKind
from .forms import GroupSessionForm, InviteForm, SessionAttendanceForm
from .invitations import letter
from .models import GroupSession, Invitation, Trajectory
from .referral_views import find_in_municipalities
from .views import PURPOSE_ACTION, error_context, plain_form_page, post_data, require_role

PURPOSE_SESSIONS = "Scherm: groepsbijeenkomsten"
PURPOSE_LETTER = "Document: uitnodiging groepsbijeenkomst"
MENU_SESSIONS = "bijeenkomsten"


def session_municipalities(request: HttpRequest):
    return Municipality.objects.filter(pk__in=municipalities_with(request.user, SESSION_ROLES)).order_by("name")


def find_session(request: HttpRequest, session_id: int, purpose: str = PURPOSE_SESSIONS,
                 attempted: int | None = None) -> GroupSession:
    require_role(request, SESSION_ROLES)
    return find_in_municipalities(request, GroupSession.objects.select_related("municipality", "organisation"),
                                  session_id, SESSION_ROLES, purpose, attempted=attempted)


@screen_login_required
@require_GET
def session_list(request: HttpRequest) -> HttpResponse:
    require_role(request, SESSION_ROLES)
    rows = list(sessions.sessions_in(municipalities_with(request.user, SESSION_ROLES)))
    now = clock.now()
    return render(request, "begeleiding/session_list.html", {
        "upcoming": sorted((s for s in rows if s.starts_at >= now), key=lambda s: s.starts_at),
        "past": [s for s in rows if s.starts_at < now], "active_menu": MENU_SESSIONS,
    })


@screen_login_required
@require_http_methods(["GET", "POST"])
def new_session(request: HttpRequest) -> HttpResponse:
    require_role(request, SESSION_ROLES)
    municipalities = session_municipalities(request)
    chosen = municipalities.filter(pk=request.POST.get("municipality") or 0).first() or municipalities.first()
    form = GroupSessionForm(post_data(request), municipalities=municipalities,
                            checklist=sessions.checklist_options(chosen) if chosen else ())
    created: list[GroupSession] = []

    def run(form):
        data = form.cleaned_data
        municipality = data["municipality"]
        organisation = next((g.organisation_id for g in grants_for(request.user)
                             if g.role in SESSION_ROLES and municipality.pk in g.municipality_ids), None)
        created.append(sessions.plan_session(
            actor=request.user, municipality=municipality, organisation_id=organisation, kind=data["kind"],
            title=data["title"], starts_at=form.starts_at(), place=data["place"], languages=data["languages"],
            interpreter_languages=data["interpreter_languages"], capacity=data["capacity"], covers=data["covers"]))

    response = plain_form_page(request, form, title=_("Groepsbijeenkomst plannen"), submit=_("Bijeenkomst plannen"),
                               run=run, success=_("De bijeenkomst is gepland. Nodig nu mensen uit."),
                               back=reverse("begeleiding:sessions"), active_menu=MENU_SESSIONS,
                               intro=_("De checklistpunten komen uit het MB-beleid van de gemeente. Wie aanwezig is, krijgt ze afgevinkt."))
    if created:
        return redirect("begeleiding:session", session_id=created[0].pk)
    return response


def invitable_persons(request: HttpRequest, session: GroupSession):
    """Whom the user may invite: their visible persons of the session's municipality in a running
    trajectory, who are not invited yet."""
    running = Trajectory.objects.exclude(state=Phase.AFGESLOTEN).values("person_id")
    return (visible_persons(request.user).filter(municipality=session.municipality, pk__in=running)
            .exclude(session_invitations__session=session).order_by("family_name", "given_names"))


def visible_invitations(request: HttpRequest, session: GroupSession) -> list[Invitation]:
    shown = visible_persons(request.user).filter(municipality=session.municipality).values("pk")
    return list(session.invitations.filter(person__in=shown).select_related("person", "session"))


def session_page(request: HttpRequest, session: GroupSession, invite_form: forms.Form | None = None,
                 attendance_form: forms.Form | None = None) -> HttpResponse:
    invitations = visible_invitations(request, session)
    editable = [i for i in invitations if can_edit(request.user, i.person)]
    open_ones = [i for i in editable if i.attended is None]
    started = session.starts_at <= clock.now()
    labels = {spec.key: f"{spec.group} – {spec.label}" for spec in sessions.checklist_options(session.municipality)}
    bound = invite_form if invite_form is not None else attendance_form
    context = {
        "session": session, "invitations": invitations, "hidden": session.invitations.count() - len(invitations),
        "covers": [labels.get(key, key) for key in session.covers],
        "interpreters": sessions.interpreters_needed(session), "started": started,
        "invite_form": invite_form or (InviteForm(persons=invitable_persons(request, session)) if not started else None),
        "attendance_form": attendance_form or (SessionAttendanceForm(invitations=open_ones) if started and open_ones
                                               else None),
        "active_menu": MENU_SESSIONS, **(error_context(request, bound) if bound is not None else {"errors": []}),
    }
    record(user=request.user, action=Action.LIST, persons=[i.person for i in invitations],
           categories=[DataCategory.IDENTITY, DataCategory.CONTACT], purpose=PURPOSE_SESSIONS, channel=Channel.UI,
           request=request)
    return render(request, "begeleiding/session.html", context, status=400 if context["errors"] else 200)


@screen_login_required
@require_GET
def session_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    return session_page(request, find_session(request, session_id))


def _back(session: GroupSession) -> str:
    return reverse("begeleiding:session", kwargs={"session_id": session.pk})


@screen_login_required
@require_POST
def invite(request: HttpRequest, session_id: int) -> HttpResponse:
    session = find_session(request, session_id, PURPOSE_ACTION)
    form = InviteForm(request.POST, persons=invitable_persons(request, session))
    if form.is_valid():
        persons: list[Person] = [p for p in form.cleaned_data["persons"] if can_edit(request.user, p)]
        try:
            made = sessions.invite(actor=request.user, session=session, persons=persons, purpose=PURPOSE_ACTION,
                                   request=request)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("%(count)d personen uitgenodigd.") % {"count": len(made)})
            return redirect(_back(session))
    return session_page(request, session, invite_form=form)


@screen_login_required
@require_POST
def attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    session = find_session(request, session_id, PURPOSE_ACTION)
    editable = [i for i in visible_invitations(request, session) if can_edit(request.user, i.person)]
    open_ones = [i for i in editable if i.attended is None]
    form = SessionAttendanceForm(request.POST, invitations=open_ones)
    if form.is_valid():
        try:
            ticked = sessions.register_attendance(actor=request.user, session=session, invitations=open_ones,
                                                  present=form.cleaned_data["present"], purpose=PURPOSE_ACTION,
                                                  request=request)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("De aanwezigheid is geregistreerd; %(count)d checklistpunten afgevinkt.") % {
                "count": ticked})
            return redirect(_back(session))
    return session_page(request, session, attendance_form=form)


@screen_login_required
@require_GET
def invitation_letter(request: HttpRequest, session_id: int, invitation_id: int) -> HttpResponse:
    tried = (Invitation.objects.filter(pk=loggable_id(invitation_id), session_id=loggable_id(session_id))
             .values_list("person_id", flat=True).first())
    session = find_session(request, session_id, PURPOSE_LETTER, attempted=tried)
    invitation = next((i for i in visible_invitations(request, session) if i.pk == invitation_id), None)
    if invitation is None:
        record_refused_read(request, purpose=PURPOSE_LETTER, channel=Channel.UI, attempted=tried)
        raise Http404(_("Deze uitnodiging bestaat niet."))
    record(user=request.user, action=Action.EXPORT, persons=[invitation.person],
           categories=[DataCategory.IDENTITY, DataCategory.CONTACT], purpose=PURPOSE_LETTER, channel=Channel.UI,
           request=request)
    return render(request, "begeleiding/invitation_letter.html", {
        "session": session, "invitation": invitation, "letter": letter(invitation),
        "kind": SessionKind(session.kind).label, "active_menu": MENU_SESSIONS,
    })
