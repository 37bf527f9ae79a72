"""Screens of maatschappelijke begeleiding: the tab "Begeleiding" of a dossier with its forms, the
handover PDF, the call list, the caseload view for team leads and the policy screen.

Every dossier screen reaches the person through ``find_person`` and ``TAB_ROLES``, shows only the
data categories the user may see, logs what it showed and leaves the rules to ``services``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Max, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.access.constants import DataCategory
from koers.access.models import Municipality, User
from koers.access.query import (
    can_edit,
    categories_for,
    grants_reaching,
    municipalities_with,
    roles_of,
    visible_persons,
)
from koers.audit.log import record, record_refused_read
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.lib.deadlines import kind_label
from koers.lib.forms import form_error_links, summary_title
from koers.lib.views import screen_login_required
from koers.people.constants import Phase
from koers.people.models import Person
from koers.people.views import dossier_context, find_person

from . import services
from .access import (
    CALL_LIST_ROLES,
    CASELOAD_ROLES,
    DECIDING_ROLES,
    POLICY_ROLES,
    SECTION_KEY,
    TAB_ROLES,
)
from .caseload import PHASES, visible_overdue, worker_rows
from .chart import trend_chart
from .constants import SCORE_LABELS, ChecklistGroup, SupportMode
from .forms import (
    AppointmentForm,
    AttendanceForm,
    CallForm,
    ChecklistItemForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    GoalForm,
    HandoverForm,
    MeasurementForm,
    NoteForm,
    PolicyForm,
    PresetForm,
    StartForm,
    SupportModeForm,
    TaskForm,
    TransitionForm,
)
from .handover import render_handover
from .models import Appointment, ChecklistItem, Extension, MbPolicy, Task, Trajectory
from .presets import PRESETS_BY_KEY
from .transitions import allowed_targets

PURPOSE_TAB = "Scherm: maatschappelijke begeleiding"
PURPOSE_ACTION = "Scherm: maatschappelijke begeleiding bijwerken"
PURPOSE_HANDOVER = "Document: overdracht MB downloaden"
PURPOSE_CALLS = "Scherm: bellijst MB"
PURPOSE_CASELOAD = "Scherm: caseload MB per begeleider"
OVERDUE_PAGE_SIZE = 50
NOT_FOUND = "Dit dossier bestaat niet of je hebt er geen toegang toe."


# ---------------------------------------------------------------- access


def find_mb_person(request: HttpRequest, pk: int, purpose: str = PURPOSE_TAB) -> Person:
    """The person, when the user reaches them in a role that sees begeleiding; otherwise a 404 and the
    refused attempt in the audit log."""
    person = find_person(request, pk, purpose)
    if not {g.role for g in grants_reaching(request.user, person)} & TAB_ROLES:
        record_refused_read(request, purpose=purpose, channel=Channel.UI, attempted=pk)
        raise Http404(_(NOT_FOUND))
    return person


def require_worker(request: HttpRequest, person: Person) -> None:
    if not can_edit(request.user, person):
        raise PermissionDenied(_("Je rol mag de begeleiding van deze persoon niet wijzigen."))


def may_decide(request: HttpRequest, person: Person) -> bool:
    return bool({g.role for g in grants_reaching(request.user, person)} & DECIDING_ROLES)


def require_trajectory(person: Person) -> Trajectory:
    trajectory = services.open_trajectory(person)
    if trajectory is None:
        raise Http404(_("Deze persoon heeft geen lopend begeleidingstraject."))
    return trajectory


@dataclass(frozen=True)
class Work:
    """A worker changing a person's running trajectory from a screen."""

    request: HttpRequest
    person: Person
    trajectory: Trajectory

    @property
    def by(self) -> dict:
        """The arguments every service takes: who acts, why, and the request (for the audit log)."""
        return {"actor": self.request.user, "purpose": PURPOSE_ACTION, "request": self.request}


def work_on(request: HttpRequest, pk: int) -> Work:
    """The person's running trajectory, for a user who may work in it (else 404 or 403)."""
    person = find_mb_person(request, pk, PURPOSE_ACTION)
    require_worker(request, person)
    return Work(request, person, require_trajectory(person))


def worker_row(request: HttpRequest, pk: int, rows: Callable[[Person], QuerySet], row_id: int,
               missing: str) -> tuple[Person, Any]:
    """For a user who may work in the person's dossier: the person and the row ``row_id`` of
    ``rows(person)`` (the person's own rows only); a row that is not theirs is a 404 saying ``missing``."""
    person = find_mb_person(request, pk, PURPOSE_ACTION)
    require_worker(request, person)
    row = rows(person).filter(pk=row_id).first()
    if row is None:
        raise Http404(missing)
    return person, row


def shown_trajectory(request: HttpRequest, pk: int, category: DataCategory, refusal: str) -> tuple[Person, Trajectory]:
    """The person and their latest trajectory, for a page of ``category`` (else 403 with ``refusal``,
    or 404 when there is no trajectory)."""
    person = find_mb_person(request, pk)
    if category not in categories_for(request.user, person):
        raise PermissionDenied(refusal)
    trajectory = services.latest_trajectory(person)
    if trajectory is None:
        raise Http404(_("Deze persoon heeft geen begeleidingstraject."))
    return person, trajectory


def perform(request: HttpRequest, action: Callable[[], object], success: str, next_url: str) -> HttpResponse:
    """A button's POST: run ``action``; a refusal becomes an error message, else ``success``; then
    back to ``next_url``."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)
    return redirect(next_url)


def log(request: HttpRequest, person: Person, categories, purpose: str = PURPOSE_TAB) -> None:
    record(user=request.user, action=Action.READ, persons=[person], categories=categories, purpose=purpose,
           channel=Channel.UI, request=request)


# ---------------------------------------------------------------- the tab


def overview_context(request: HttpRequest, person: Person) -> tuple[dict, set]:
    granted = categories_for(request.user, person)
    trajectory = services.latest_trajectory(person)
    shown = {DataCategory.IDENTITY}
    context = {
        **dossier_context(request, person, SECTION_KEY),
        "trajectory": trajectory,
        "may_work": can_edit(request.user, person),
        "may_decide": may_decide(request, person),
        "granted": granted,
    }
    if trajectory is None:
        return context, shown
    settings = trajectory.policy.settings
    context |= {
        "settings": settings,
        "transitions": list(trajectory.transitions.select_related("actor")),
        "targets": allowed_targets(trajectory.state),
        "phase_target": settings.phase_target(trajectory.state),
    }
    if DataCategory.CONTACT in granted:
        shown.add(DataCategory.CONTACT)
        context["appointments"] = list(trajectory.appointments.all())
        context["invitations"] = list(
            person.session_invitations.select_related("session").order_by("-session__starts_at")
        )
    if DataCategory.FINANCE in granted:
        shown.add(DataCategory.FINANCE)
        context["progress"] = services.checklist_progress(trajectory)
    if DataCategory.NOTES in granted:
        shown.add(DataCategory.NOTES)
        context |= {
            "tasks": list(trajectory.tasks.select_related("owner")),
            "extensions": list(trajectory.extensions.select_related("requested_by", "decided_by")),
            "handover": getattr(trajectory, "handover", None),
            "today": clock.today(),
        }
    notes = [n for n in trajectory.notes.select_related("author") if n.category in granted]
    shown |= {n.category for n in notes}
    context["notes"] = notes
    return context, shown


@screen_login_required
@require_GET
def overview(request: HttpRequest, pk: int) -> HttpResponse:
    person = find_mb_person(request, pk)
    context, shown = overview_context(request, person)
    log(request, person, shown)
    return render(request, "begeleiding/overview.html", context)


def form_page(
    request: HttpRequest,
    person: Person,
    form: forms.Form,
    *,
    title: str,
    submit: str,
    run: Callable[[forms.Form], object],
    success: str,
    next_url: str | None = None,
    intro: str = "",
    template: str = "begeleiding/form.html",
    extra: dict | None = None,
) -> HttpResponse:
    """A form of the tab: on a valid POST ``run`` it (refusals become the form's errors), else show it."""
    back = reverse("begeleiding:overview", kwargs={"pk": person.pk})
    done = submitted(request, form, run, success, next_url or back)
    if done:
        return done
    if request.method == "GET":
        log(request, person, {DataCategory.IDENTITY})
    errors = error_context(request, form)
    context = {
        **dossier_context(request, person, SECTION_KEY, title),
        "form": form, "title": title, "submit": submit, "intro": intro, "back": back, **errors, **(extra or {}),
    }
    return render(request, template, context, status=400 if errors["errors"] else 200)


def submitted(request: HttpRequest, form: forms.Form, run: Callable[[forms.Form], object], success: str,
              next_url: str) -> HttpResponse | None:
    """On a valid POST: ``run`` the form and redirect to ``next_url``; a refusal becomes a form error."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        run(form)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return None
    messages.success(request, success)
    return redirect(next_url)


def error_context(request: HttpRequest, form: forms.Form, anchor: str = "formulier") -> dict:
    errors = form_error_links(form, form_anchor=anchor) if request.method == "POST" else []
    return {"errors": errors, "errors_title": summary_title(errors)}


def plain_form_page(request: HttpRequest, form: forms.Form, *, title: str, submit: str,
                    run: Callable[[forms.Form], object], success: str, back: str, active_menu: str,
                    next_url: str | None = None, intro: str = "") -> HttpResponse:
    """A form outside a dossier (social map, volunteers, group sessions), like ``form_page``."""
    done = submitted(request, form, run, success, next_url or back)
    if done:
        return done
    errors = error_context(request, form)
    context = {"form": form, "title": title, "submit": submit, "intro": intro, "back": back,
               "active_menu": active_menu, **errors}
    return render(request, "begeleiding/plain_form.html", context, status=400 if errors["errors"] else 200)


def post_data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


@screen_login_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, pk: int) -> HttpResponse:
    person = find_mb_person(request, pk, PURPOSE_ACTION)
    require_worker(request, person)
    organisation = next((g.organisation_id for g in grants_reaching(request.user, person)), None)

    def run(form):
        services.start_trajectory(
            actor=request.user, person=person, on=form.cleaned_data["on"],
            worker=request.user, organisation_id=organisation, purpose=PURPOSE_ACTION, request=request,
        )

    return form_page(request, person, StartForm(post_data(request)), title=_("Begeleidingstraject starten"),
                     submit=_("Traject starten"), run=run, success=_("Het begeleidingstraject is gestart."),
                     intro=_("Het traject volgt het MB-beleid dat de gemeente nu heeft; latere wijzigingen van het beleid veranderen dit traject niet."))


@screen_login_required
@require_http_methods(["GET", "POST"])
def change_phase(request: HttpRequest, pk: int) -> HttpResponse:
    work = work_on(request, pk)
    trajectory = work.trajectory
    form = TransitionForm(post_data(request), targets=allowed_targets(trajectory.state))

    def run(form):
        services.transition(trajectory=trajectory, **form.cleaned_data, **work.by)

    return form_page(request, work.person, form, title=_("Naar de volgende fase"), submit=_("Fase wijzigen"),
                     run=run, success=_("De fase is gewijzigd."),
                     intro=_("Nu: %(phase)s, sinds %(date)s.") % {
                         "phase": trajectory.get_state_display(), "date": trajectory.state_since.strftime("%d-%m-%Y")})


@screen_login_required
@require_GET
def checklist(request: HttpRequest, pk: int) -> HttpResponse:
    person, trajectory = shown_trajectory(request, pk, DataCategory.FINANCE,
                                          _("Je rol ziet de checklist van de opstartfase niet."))
    items = list(trajectory.checklist.select_related("changed_by"))
    groups = [(group, [(i, ChecklistItemForm(initial={"status": i.status, "remark": i.remark}, prefix=f"item{i.pk}"))
                       for i in items if i.group == group]) for group in ChecklistGroup]
    context = {
        **dossier_context(request, person, SECTION_KEY, _("Checklist opstartfase")),
        "trajectory": trajectory, "groups": [(g, rows) for g, rows in groups if rows],
        "progress": services.checklist_progress(trajectory), "may_work": can_edit(request.user, person),
    }
    log(request, person, {DataCategory.IDENTITY, DataCategory.FINANCE})
    return render(request, "begeleiding/checklist.html", context)


@screen_login_required
@require_POST
def checklist_item(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    person, item = worker_row(request, pk, lambda p: ChecklistItem.objects.select_related("trajectory__person")
                              .filter(trajectory__person=p), item_id, _("Dit punt van de checklist bestaat niet."))
    form = ChecklistItemForm(request.POST, prefix=f"item{item.pk}")

    def update():
        if not form.is_valid():
            raise ValidationError(_("Kies een geldige status voor ‘%(item)s’.") % {"item": item.label})
        services.set_checklist_status(actor=request.user, item=item, **form.cleaned_data, purpose=PURPOSE_ACTION,
                                      request=request)

    return perform(request, update, _("‘%(item)s’ is bijgewerkt.") % {"item": item.label},
                   reverse("begeleiding:checklist", kwargs={"pk": person.pk}) + f"#item-{item.pk}")


@screen_login_required
@require_http_methods(["GET", "POST"])
def new_appointment(request: HttpRequest, pk: int) -> HttpResponse:
    work = work_on(request, pk)

    def run(form):
        data = form.cleaned_data
        services.plan_appointment(trajectory=work.trajectory, starts_at=form.starts_at(), subject=data["subject"],
                                  location=data["location"], interpreter_language=data["interpreter_language"],
                                  **work.by)

    return form_page(request, work.person, AppointmentForm(post_data(request)), title=_("Afspraak plannen"),
                     submit=_("Afspraak plannen"), run=run, success=_("De afspraak is gepland."))


@screen_login_required
@require_http_methods(["GET", "POST"])
def appointment(request: HttpRequest, pk: int, appointment_id: int) -> HttpResponse:
    person, found = worker_row(request, pk, lambda p: Appointment.objects.filter(trajectory__person=p).select_related(
        "trajectory__person"), appointment_id, _("Deze afspraak bestaat niet."))

    def run(form):
        services.record_attendance(actor=request.user, appointment=found, status=form.cleaned_data["status"],
                                   purpose=PURPOSE_ACTION, request=request)

    return form_page(request, person, AttendanceForm(post_data(request)),
                     title=_("Uitkomst van de afspraak: %(subject)s") % {"subject": found.subject},
                     submit=_("Uitkomst vastleggen"), run=run, success=_("De uitkomst van de afspraak is vastgelegd."))


def task_owners(person: Person):
    """Who may own a task: the users of the organisations working in the dossier, and its consultant."""
    condition = Q(memberships__organisation_id__in=[a.organisation_id for a in person.assignments.all()])
    if person.consultant_id:
        condition |= Q(pk=person.consultant_id)
    return User.objects.filter(condition).distinct().order_by("first_name", "last_name")


@screen_login_required
@require_http_methods(["GET", "POST"])
def new_task(request: HttpRequest, pk: int) -> HttpResponse:
    work = work_on(request, pk)

    def run(form):
        services.add_task(trajectory=work.trajectory, **form.cleaned_data, **work.by)

    form = TaskForm(post_data(request), owners=task_owners(work.person), initial={"owner": request.user.pk})
    return form_page(request, work.person, form, title=_("Taak toevoegen"), submit=_("Taak toevoegen"), run=run,
                     success=_("De taak is toegevoegd."))


@screen_login_required
@require_POST
def complete_task(request: HttpRequest, pk: int, task_id: int) -> HttpResponse:
    person, task = worker_row(request, pk, lambda p: Task.objects.filter(trajectory__person=p).select_related(
        "trajectory__person"), task_id, _("Deze taak bestaat niet."))
    return perform(request, lambda: services.complete_task(actor=request.user, task=task, purpose=PURPOSE_ACTION,
                                                           request=request),
                   _("De taak is afgerond."), reverse("begeleiding:overview", kwargs={"pk": person.pk}) + "#taken")


@screen_login_required
@require_http_methods(["GET", "POST"])
def new_note(request: HttpRequest, pk: int) -> HttpResponse:
    work = work_on(request, pk)
    granted = categories_for(request.user, work.person)

    def run(form):
        services.add_note(trajectory=work.trajectory, **form.cleaned_data, allowed=granted, **work.by)

    form = NoteForm(post_data(request), categories=granted, initial={"category": DataCategory.NOTES})
    return form_page(request, work.person, form, title=_("Notitie schrijven"), submit=_("Notitie opslaan"), run=run,
                     success=_("De notitie is opgeslagen."))


@screen_login_required
@require_GET
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    person, trajectory = shown_trajectory(request, pk, DataCategory.NOTES, _("Je rol ziet het begeleidingsplan niet."))
    settings = trajectory.policy.settings
    measurements = list(trajectory.measurements.all())
    goals = list(trajectory.goals.all())
    measured = {m.month for m in measurements}
    rows = [
        {"domain": d, "goals": [g for g in goals if g.domain == d.key],
         "scores": [m.scores.get(d.key) for m in measurements]}
        for d in settings.domains
    ]
    moments = [
        {"month": month, "due": services.measurement_due(trajectory, month), "done": month in measured}
        for month in settings.measurement_months
    ]
    context = {
        **dossier_context(request, person, SECTION_KEY, _("Begeleidingsplan")),
        "trajectory": trajectory, "settings": settings, "rows": rows, "measurements": measurements,
        "moments": moments, "chart": trend_chart(settings.domains, measurements), "score_labels": SCORE_LABELS,
        "may_work": can_edit(request.user, person) and trajectory.is_open,
    }
    log(request, person, {DataCategory.IDENTITY, DataCategory.NOTES})
    return render(request, "begeleiding/plan.html", context)


@screen_login_required
@require_http_methods(["GET", "POST"])
def new_goal(request: HttpRequest, pk: int) -> HttpResponse:
    work = work_on(request, pk)

    def run(form):
        services.add_goal(trajectory=work.trajectory, **form.cleaned_data, **work.by)

    form = GoalForm(post_data(request), domains=work.trajectory.policy.settings.domains)
    return form_page(request, work.person, form, title=_("Doel toevoegen aan het plan"), submit=_("Doel toevoegen"),
                     run=run, success=_("Het doel staat in het plan."),
                     next_url=reverse("begeleiding:plan", kwargs={"pk": work.person.pk}))


@screen_login_required
@require_http_methods(["GET", "POST"])
def new_measurement(request: HttpRequest, pk: int) -> HttpResponse:
    work = work_on(request, pk)
    settings = work.trajectory.policy.settings
    done = set(work.trajectory.measurements.values_list("month", flat=True))
    open_months = [m for m in settings.measurement_months if m not in done]

    def run(form):
        data = form.cleaned_data
        services.record_measurement(trajectory=work.trajectory, month=data["month"], scores=form.scores(),
                                    measured_on=data["measured_on"], remark=data["remark"], **work.by)

    form = MeasurementForm(post_data(request), months=open_months, domains=settings.domains)
    return form_page(request, work.person, form, title=_("Meetmoment vastleggen"), submit=_("Scores opslaan"),
                     run=run, success=_("De scores zijn vastgelegd."),
                     next_url=reverse("begeleiding:plan", kwargs={"pk": work.person.pk}),
                     intro=_("Score per leefgebied: 1 = acute problematiek, 5 = volledig zelfredzaam."))


@screen_login_required
@require_http_methods(["GET", "POST"])
def request_extension(request: HttpRequest, pk: int) -> HttpResponse:
    work = work_on(request, pk)

    def run(form):
        services.request_extension(trajectory=work.trajectory, **form.cleaned_data, **work.by)

    months = work.trajectory.policy.settings.extension_months
    return form_page(request, work.person, ExtensionRequestForm(post_data(request)), title=_("Verlenging aanvragen"),
                     submit=_("Verlenging aanvragen"), run=run,
                     success=_("De verlenging is aangevraagd. De consulent besluit erover."),
                     intro=_("Het beleid staat een verlenging van %(months)d maanden toe, na goedkeuring.") % {
                         "months": months})


@screen_login_required
@require_http_methods(["GET", "POST"])
def decide_extension(request: HttpRequest, pk: int, extension_id: int) -> HttpResponse:
    person = find_mb_person(request, pk, PURPOSE_ACTION)
    if not may_decide(request, person):
        raise PermissionDenied(_("Alleen de consulent besluit over een verlenging."))
    extension = Extension.objects.filter(pk=extension_id, trajectory__person=person).select_related(
        "trajectory__person", "trajectory__policy").first()
    if extension is None:
        raise Http404(_("Dit verzoek om verlenging bestaat niet."))

    def run(form):
        services.decide_extension(actor=request.user, extension=extension,
                                  approve=form.cleaned_data["decision"] == "goedkeuren",
                                  note=form.cleaned_data["note"], purpose=PURPOSE_ACTION, request=request)

    return form_page(request, person, ExtensionDecisionForm(post_data(request)), title=_("Besluiten over verlenging"),
                     submit=_("Besluit vastleggen"), run=run, success=_("Het besluit over de verlenging is vastgelegd."),
                     intro=_("Gevraagd: %(months)d maanden. Reden: %(reason)s") % {
                         "months": extension.months, "reason": extension.reason})


@screen_login_required
@require_http_methods(["GET", "POST"])
def support_mode(request: HttpRequest, pk: int) -> HttpResponse:
    work = work_on(request, pk)

    def run(form):
        services.set_support_mode(trajectory=work.trajectory, **form.cleaned_data, **work.by)

    form = SupportModeForm(post_data(request), initial={"mode": work.trajectory.support_mode})
    return form_page(request, work.person, form, title=_("Vorm van begeleiding"), submit=_("Opslaan"), run=run,
                     success=_("De vorm van begeleiding is opgeslagen."),
                     intro=_("Wie op afroep begeleid wordt, komt op de bellijst als het beleid er een kent."))


@screen_login_required
@require_http_methods(["GET", "POST"])
def handover(request: HttpRequest, pk: int) -> HttpResponse:
    work = work_on(request, pk)
    existing = getattr(work.trajectory, "handover", None)
    initial = {"interview_on": existing.interview_on, "summary": existing.summary, "recipient": existing.recipient,
               "consent": existing.consent} if existing else {}

    def run(form):
        services.record_handover(trajectory=work.trajectory, **form.cleaned_data, **work.by)

    return form_page(request, work.person, HandoverForm(post_data(request), initial=initial),
                     title=_("Afronding en overdracht"), submit=_("Overdracht opslaan"), run=run,
                     success=_("De overdracht is vastgelegd. Het overdrachtsdocument staat klaar."))


@screen_login_required
@require_GET
def handover_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    person = find_mb_person(request, pk, PURPOSE_HANDOVER)
    if DataCategory.NOTES not in categories_for(request.user, person):
        raise PermissionDenied(_("Je rol ziet het overdrachtsdocument niet."))
    trajectory = services.latest_trajectory(person)
    found = getattr(trajectory, "handover", None) if trajectory else None
    if found is None:
        raise Http404(_("Er is nog geen overdracht vastgelegd."))
    document = render_handover(trajectory)
    log(request, person, {DataCategory.IDENTITY, DataCategory.NOTES}, PURPOSE_HANDOVER)
    response = HttpResponse(document.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response


# ---------------------------------------------------------------- call list


def require_role(request: HttpRequest, roles) -> None:
    if not roles_of(request.user) & roles:
        raise PermissionDenied(_("Je rol heeft geen toegang tot dit scherm."))


def call_rows(user: User) -> list[dict]:
    trajectories = list(
        Trajectory.objects.filter(person__in=visible_persons(user), state=Phase.VERDERE_BEGELEIDING,
                                  support_mode=SupportMode.ON_DEMAND).select_related("person", "policy", "worker")
        .annotate(last_call=Max("calls__called_on"))
    )
    rows = []
    for t in trajectories:
        due = services.next_call_due(t, t.last_call)
        if due is not None:
            rows.append({"trajectory": t, "person": t.person, "due": due, "last_call": t.last_call,
                         "overdue": due <= clock.today()})
    return sorted(rows, key=lambda r: (r["due"], r["person"].family_name))


@screen_login_required
@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    require_role(request, CALL_LIST_ROLES)
    rows = call_rows(request.user)
    record(user=request.user, action=Action.LIST, persons=[r["person"] for r in rows],
           categories=[DataCategory.IDENTITY, DataCategory.CONTACT], purpose=PURPOSE_CALLS, channel=Channel.UI,
           request=request)
    return render(request, "begeleiding/call_list.html", {"rows": rows, "active_menu": "bellijst"})


@screen_login_required
@require_http_methods(["GET", "POST"])
def call(request: HttpRequest, pk: int) -> HttpResponse:
    require_role(request, CALL_LIST_ROLES)
    work = work_on(request, pk)

    def run(form):
        services.record_call(trajectory=work.trajectory, **form.cleaned_data, **work.by)

    return form_page(request, work.person, CallForm(post_data(request)), title=_("Belresultaat vastleggen"),
                     submit=_("Resultaat opslaan"), run=run, success=_("Het belresultaat is vastgelegd."),
                     next_url=reverse("begeleiding:call_list"))


# ---------------------------------------------------------------- caseload for team leads


@screen_login_required
@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
    require_role(request, CASELOAD_ROLES)
    today = clock.today()
    rows = worker_rows(visible_persons(request.user), today)
    page = Paginator(visible_overdue(request.user, today), OVERDUE_PAGE_SIZE).get_page(request.GET.get("page"))
    overdue = [{"signal": signal, "label": kind_label(signal.kind)} for signal in page]
    record(user=request.user, action=Action.LIST, persons=list({s.person_id: s.person for s in page}.values()),
           categories=[DataCategory.IDENTITY], purpose=PURPOSE_CASELOAD, channel=Channel.UI, request=request)
    context = {"rows": rows, "phases": PHASES, "phase_totals": [sum(r.phases[i] for r in rows) for i in range(len(PHASES))],
               "overdue": overdue, "page": page, "total": sum(r.total for r in rows), "active_menu": "mb_caseload"}
    return render(request, "begeleiding/caseload.html", context)


# ---------------------------------------------------------------- policy


def admin_municipalities(user: User) -> list[Municipality]:
    ids = municipalities_with(user, POLICY_ROLES)
    return list(Municipality.objects.filter(pk__in=ids).order_by("name"))


@screen_login_required
@require_GET
def policy_index(request: HttpRequest) -> HttpResponse:
    require_role(request, POLICY_ROLES)
    municipalities = admin_municipalities(request.user)
    if len(municipalities) == 1:
        return redirect("begeleiding:policy", municipality_id=municipalities[0].pk)
    return render(request, "begeleiding/policy_index.html",
                  {"municipalities": municipalities, "active_menu": "mb_beleid"})


@screen_login_required
@require_http_methods(["GET", "POST"])
def policy(request: HttpRequest, municipality_id: int) -> HttpResponse:
    require_role(request, POLICY_ROLES)
    municipality = next((m for m in admin_municipalities(request.user) if m.pk == municipality_id), None)
    if municipality is None:
        raise Http404(_("Deze gemeente bestaat niet of je beheert haar beleid niet."))
    current = services.current_policy(municipality)
    chosen = request.GET.get("preset", "")
    if chosen in PRESETS_BY_KEY:
        initial = PolicyForm.initial_for(PRESETS_BY_KEY[chosen].settings, chosen)
    else:
        initial = PolicyForm.initial_for(current.settings, current.preset)
    form = PolicyForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_policy(actor=request.user, municipality=municipality, settings=form.settings(),
                                         preset_key=form.cleaned_data["preset"])
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Versie %(version)d van het MB-beleid is opgeslagen. Lopende trajecten houden hun versie.") % {"version": saved.version})
            return redirect("begeleiding:policy", municipality_id=municipality.pk)
    errors = form_error_links(form, form_anchor="beleid") if request.method == "POST" else []
    context = {
        "municipality": municipality, "current": current, "form": form,
        "preset_form": PresetForm(initial={"preset": chosen or current.preset or None}),
        "presets": list(PRESETS_BY_KEY.values()), "chosen": PRESETS_BY_KEY.get(chosen),
        "versions": list(MbPolicy.objects.filter(municipality=municipality).select_related("created_by")[:20]),
        "errors": errors, "errors_title": summary_title(errors), "active_menu": "mb_beleid",
        "running": Trajectory.objects.filter(policy__municipality=municipality).exclude(state=Phase.AFGESLOTEN).count(),
    }
    return render(request, "begeleiding/policy.html", context, status=400 if errors else 200)

