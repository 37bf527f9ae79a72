"""The newcomer's portal: logging in with a one-time code (or DigiD), and their own dossier in
simple words: appointments, plan, tasks, documents, contact persons, a question, consent."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.access.consent import withdraw_consent
from koers.access.constants import DataCategory
from koers.audit.log import client_ip
from koers.audit.models import Action
from koers.begeleiding.handover import render_handover
from koers.inburgering.letters import render_pip_letter
from koers.lib import clock
from koers.lib.forms import form_error_links

from . import codes, consents, dossier, oidc
from .audit import record_own_read
from .forms import AddressForm, CodeForm, QuestionForm
from .languages import LANGUAGES, choose_language, in_portal_language
from .questions import ask_question
from .session import PENDING_KEY, current_person, log_in, log_out, person_required


def page(request: HttpRequest, template: str, context: dict, *, active: str = "", status: int = 200) -> HttpResponse:
    context = {"languages": LANGUAGES, "active": active, "portal_person": getattr(request, "person", None)} | context
    return render(request, f"portaal/{template}", context, status=status)


def with_errors(form) -> dict:
    links = form_error_links(form) if form.is_bound else []
    return {"form": form, "errors": links, "error_title": _("Er is iets niet goed ingevuld") if links else ""}


# ---------------------------------------------------------------- logging in


@require_http_methods(["GET", "POST"])
@in_portal_language
def login(request: HttpRequest) -> HttpResponse:
    if current_person(request) is not None:
        return redirect("portaal:home")
    form = AddressForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        outcome = codes.request_code(form.cleaned_data["address"], ip_address=client_ip(request))
        if outcome == codes.RequestOutcome.LIMITED:
            form.add_error("address", _("U heeft te vaak een code gevraagd. Wacht een kwartier en probeer het "
                                        "dan opnieuw."))
        else:
            request.session[PENDING_KEY] = {"address": form.cleaned_data["address"],
                                            "requested_at": clock.now().isoformat(), "tries": 0}
            return redirect("portaal:code")
    return page(request, "login.html", with_errors(form) | {"digid": oidc.is_configured()},
                status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@in_portal_language
def code(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING_KEY)
    if not pending:
        return redirect("portaal:login")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        result = codes.check_code(pending["address"], form.cleaned_data["code"],
                                  requested_at=dt.datetime.fromisoformat(pending["requested_at"]),
                                  tries_so_far=pending["tries"])
        if result.outcome == codes.CheckOutcome.RIGHT:
            log_in(request, result.person)
            return redirect("portaal:home")
        if result.outcome == codes.CheckOutcome.WRONG:
            pending["tries"] += 1
            request.session[PENDING_KEY] = pending
            left = codes.MAX_TRIES - pending["tries"]
            message = (_("Deze code is niet goed. U kunt het nog %(left)s keer proberen.") % {"left": left}
                       if left > 0 else _("Deze code is niet goed. Vraag een nieuwe code aan."))
        elif result.outcome == codes.CheckOutcome.EXPIRED:
            message = _("Deze code werkt niet meer: hij is ouder dan 10 minuten. Vraag een nieuwe code aan.")
        else:
            message = _("U heeft te vaak een verkeerde code ingevuld. Vraag een nieuwe code aan.")
        form.add_error("code", message)
    return page(request, "code.html", with_errors(form), status=400 if form.errors else 200)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    log_out(request)
    return redirect("portaal:login")


@require_POST
def language(request: HttpRequest) -> HttpResponse:
    choose_language(request, request.POST.get("language", ""))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = "portaal:home"
    return redirect(target)


# ---------------------------------------------------------------- DigiD (OpenID Connect)


@require_GET
def digid_start(request: HttpRequest) -> HttpResponse:
    return oidc.start(request)


@require_GET
@in_portal_language
def digid_callback(request: HttpRequest) -> HttpResponse:
    person = oidc.finish(request)
    if person is None:
        return page(request, "digid_failed.html", {}, status=400)
    log_in(request, person)
    return redirect("portaal:home")


# ---------------------------------------------------------------- the person's own dossier


@require_GET
@person_required
@in_portal_language
def home(request: HttpRequest) -> HttpResponse:
    person = request.person
    appointment = dossier.next_appointment(person, clock.now())
    record_own_read(request, person, dossier.HOME_CATEGORIES, what="startpagina")
    return page(request, "home.html", {"person": person, "appointment": appointment}, active="home")


@require_GET
@person_required
@in_portal_language
def appointments(request: HttpRequest) -> HttpResponse:
    upcoming = dossier.upcoming_appointments(request.person, clock.now())
    record_own_read(request, request.person, dossier.APPOINTMENT_CATEGORIES, what="afspraken")
    return page(request, "appointments.html", {"appointments": upcoming}, active="appointments")


@require_GET
@person_required
@in_portal_language
def appointment(request: HttpRequest, appointment_id: int) -> HttpResponse:
    found = dossier.own_appointment(request.person, appointment_id)
    record_own_read(request, request.person, dossier.APPOINTMENT_CATEGORIES, what=f"afspraak {found.pk}")
    return page(request, "appointment.html", {"appointment": found}, active="appointments")


@require_GET
@person_required
@in_portal_language
def plan(request: HttpRequest) -> HttpResponse:
    record_own_read(request, request.person, dossier.PLAN_CATEGORIES, what="plan")
    return page(request, "plan.html", {"plan": dossier.plan_of(request.person)}, active="plan")


@require_GET
@person_required
@in_portal_language
def tasks(request: HttpRequest) -> HttpResponse:
    record_own_read(request, request.person, dossier.TASK_CATEGORIES, what="taken")
    return page(request, "tasks.html", {"tasks": dossier.open_tasks(request.person)}, active="tasks")


@require_GET
@person_required
@in_portal_language
def documents(request: HttpRequest) -> HttpResponse:
    record_own_read(request, request.person, dossier.DOCUMENT_CATEGORIES, what="documenten")
    return page(request, "documents.html", {"documents": dossier.documents_of(request.person)}, active="documents")


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@person_required
def pip_letter(request: HttpRequest, number: int) -> HttpResponse:
    letter = render_pip_letter(dossier.decided_pip(request.person, number))
    record_own_read(request, request.person, dossier.DOCUMENT_CATEGORIES, what=f"PIP-brief versie {number}",
                    action=Action.EXPORT)
    return pdf_response(letter.content, letter.filename)


@require_GET
@person_required
def handover(request: HttpRequest, trajectory_id: int) -> HttpResponse:
    document = render_handover(dossier.handover_trajectory(request.person, trajectory_id))
    record_own_read(request, request.person, dossier.DOCUMENT_CATEGORIES, what="overdracht MB",
                    action=Action.EXPORT)
    return pdf_response(document.content, document.filename)


@require_GET
@person_required
@in_portal_language
def contact(request: HttpRequest) -> HttpResponse:
    record_own_read(request, request.person, dossier.CONTACT_CATEGORIES, what="contactpersonen")
    return page(request, "contact.html", {"contacts": dossier.contacts_of(request.person)}, active="contact")


@require_http_methods(["GET", "POST"])
@person_required
@in_portal_language
def question(request: HttpRequest) -> HttpResponse:
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        ask_question(person=request.person, text=form.cleaned_data["text"], request=request)
        return redirect("portaal:question_sent")
    return page(request, "question.html", with_errors(form), active="question",
                status=400 if form.errors else 200)


@require_GET
@person_required
@in_portal_language
def question_sent(request: HttpRequest) -> HttpResponse:
    return page(request, "question_sent.html", {}, active="question")


@require_GET
@person_required
@in_portal_language
def consent_list(request: HttpRequest) -> HttpResponse:
    record_own_read(request, request.person, [DataCategory.IDENTITY], what="toestemmingen")
    return page(request, "consents.html", {"rows": consents.rows_of(request.person)}, active="consent")


@require_POST
@person_required
@in_portal_language
def consent_withdraw(request: HttpRequest, consent_id: int) -> HttpResponse:
    consent = consents.own_consent(request.person, consent_id)
    try:
        withdraw_consent(actor=None, consent=consent, channel="portaal", request=request)
    except ValidationError:
        messages.info(request, _("Deze toestemming was al ingetrokken."))
    else:
        messages.success(request, _("U heeft uw toestemming ingetrokken."))
    return redirect("portaal:consents")
