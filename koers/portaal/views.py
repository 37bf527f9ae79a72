"""The newcomer's portal: logging in with a one-time code (or DigiD), and their own dossier in
simple words: appointments, plan, tasks, documents, contact persons, a question, consent."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.access.constants import DataCategory
from koers.audit.log import client_ip
from koers.audit.models import Action
from koers.begeleiding.handover import render_handover
from koers.inburgering.letters import render_pip_letter
from koers.lib import clock
from koers.lib.forms import form_error_links
from koers.lib.redirects import local_url

from . import codes, consents, contacts, dossier, oidc
from .audit import record_own_read, record_refused_own_read
from .forms import AddressForm, CodeForm, GiveConsentForm, QuestionForm
from .languages import LANGUAGES, choose_language, in_portal_language
from .questions import ask_question
from .session import (
    HOW_KEY,
    PENDING_KEY,
    current_person,
    draft_for,
    log_in,
    log_out,
    own_page,
    page_after_login,
    person_required,
    portal_view,
)

CONSENT_CATEGORIES = (DataCategory.IDENTITY,)


def page(request: HttpRequest, template: str, context: dict, *, active: str = "", status: int = 200) -> HttpResponse:
    context = {"languages": LANGUAGES, "active": active, "portal_person": getattr(request, "person", None)} | context
    return render(request, f"portaal/{template}", context, status=status)


def own(
    request: HttpRequest, template: str, categories, context: dict, *, what: str, active: str
) -> HttpResponse:
    """A page of the person's own dossier, its reading logged."""
    record_own_read(request, request.person, categories, what=what)
    return page(request, template, context, active=active)


def not_own(request: HttpRequest, attempted: int | None, *, what: str) -> Http404:
    """A page that is not the person's own: the attempt logged, a 404 to raise."""
    record_refused_own_read(request, request.person, attempted if attempted != request.person.pk else None, what=what)
    return Http404(_("Deze pagina bestaat niet."))


def with_errors(form) -> dict:
    links = form_error_links(form) if form.is_bound else []
    return {"form": form, "errors": links, "error_title": _("Er is iets niet goed ingevuld") if links else ""}


def form_page(request: HttpRequest, template: str, form, context: dict, *, active: str = "") -> HttpResponse:
    status = 400 if form.errors else 200
    return page(request, template, with_errors(form) | context, active=active, status=status)


def posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


# ---------------------------------------------------------------- logging in


@require_http_methods(["GET", "POST"])
@in_portal_language
def login(request: HttpRequest) -> HttpResponse:
    if current_person(request) is not None:
        return redirect("portaal:home")
    form = AddressForm(posted(request))
    if form.is_valid():
        outcome = codes.request_code(form.cleaned_data["address"], ip_address=client_ip(request))
        if outcome == codes.RequestOutcome.LIMITED:
            form.add_error("address", _("U heeft te vaak een code gevraagd. Wacht een kwartier en probeer het "
                                        "dan opnieuw."))
        elif outcome == codes.RequestOutcome.NOT_SENT:
            form.add_error("address", _("Wij konden de code nu niet versturen. Probeer het later opnieuw."))
        else:
            request.session[PENDING_KEY] = {"address": form.cleaned_data["address"],
                                            "requested_at": clock.now().isoformat(), "tries": 0}
            return redirect("portaal:code")
    return form_page(request, "login.html", form, {"digid": oidc.is_configured()})


@require_http_methods(["GET", "POST"])
@in_portal_language
def code(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING_KEY)
    if not pending:
        return redirect("portaal:login")
    form = CodeForm(posted(request))
    if form.is_valid():
        result = codes.check_code(pending["address"], form.cleaned_data["code"],
                                  requested_at=dt.datetime.fromisoformat(pending["requested_at"]),
                                  tries_so_far=pending["tries"])
        if result.outcome == codes.CheckOutcome.RIGHT:
            log_in(request, result.person, "e-mail" if codes.is_email(pending["address"]) else "sms")
            return redirect(page_after_login(request))
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
    return form_page(request, "code.html", form, {})


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    log_out(request)
    return redirect("portaal:login")


@require_POST
def language(request: HttpRequest) -> HttpResponse:
    choose_language(request, request.POST.get("language", ""))
    return redirect(local_url(request, request.POST.get("next", ""), "portaal:home"))


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
    log_in(request, person, "digid")
    return redirect(page_after_login(request))


# ---------------------------------------------------------------- the person's own dossier


@own_page
def home(request: HttpRequest) -> HttpResponse:
    person = request.person
    context = {"person": person, "appointment": dossier.next_appointment(person, clock.now()),
               "changed": contacts.changed_contacts(person, contacts.contacts_of(person))}
    return own(request, "home.html", dossier.HOME_CATEGORIES, context, what="startpagina", active="home")


@own_page
def appointments(request: HttpRequest) -> HttpResponse:
    upcoming = dossier.upcoming_appointments(request.person, clock.now())
    return own(request, "appointments.html", dossier.APPOINTMENT_CATEGORIES, {"appointments": upcoming},
               what="afspraken", active="appointments")


@own_page
def appointment(request: HttpRequest, appointment_id: int) -> HttpResponse:
    found = dossier.own_appointment(request.person, appointment_id)
    if found is None:
        raise not_own(request, dossier.owner_of_appointment(appointment_id), what=f"afspraak {appointment_id}")
    return own(request, "appointment.html", dossier.APPOINTMENT_CATEGORIES, {"appointment": found},
               what=f"afspraak {found.pk}", active="appointments")


@own_page
def plan(request: HttpRequest) -> HttpResponse:
    return own(request, "plan.html", dossier.PLAN_CATEGORIES, {"plan": dossier.plan_of(request.person)},
               what="plan", active="plan")


@own_page
def tasks(request: HttpRequest) -> HttpResponse:
    return own(request, "tasks.html", dossier.TASK_CATEGORIES, {"tasks": dossier.open_tasks(request.person)},
               what="taken", active="tasks")


@own_page
def documents(request: HttpRequest) -> HttpResponse:
    return own(request, "documents.html", dossier.DOCUMENT_CATEGORIES,
               {"documents": dossier.documents_of(request.person)}, what="documenten", active="documents")


def pdf_response(request: HttpRequest, document, what: str) -> HttpResponse:
    record_own_read(request, request.person, dossier.DOCUMENT_CATEGORIES, what=what, action=Action.EXPORT)
    response = HttpResponse(document.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return response


@require_GET
@person_required
def pip_letter(request: HttpRequest, number: int) -> HttpResponse:
    letter = render_pip_letter(dossier.decided_pip(request.person, number))
    return pdf_response(request, letter, f"PIP-brief versie {number}")


@require_GET
@person_required
def handover(request: HttpRequest, trajectory_id: int) -> HttpResponse:
    trajectory = dossier.handover_trajectory(request.person, trajectory_id)
    if trajectory is None:
        raise not_own(request, dossier.owner_of_trajectory(trajectory_id), what=f"overdracht {trajectory_id}")
    return pdf_response(request, render_handover(trajectory), "overdracht MB")


@own_page
def contact(request: HttpRequest) -> HttpResponse:
    current = contacts.contacts_of(request.person)
    changed = {c.key for c in contacts.changed_contacts(request.person, current)}
    contacts.mark_seen(request.person, current)
    context = {"contacts": current, "changed": changed}
    return own(request, "contact.html", contacts.CONTACT_CATEGORIES, context, what="contactpersonen",
               active="contact")


@require_http_methods(["GET", "POST"])
@portal_view
def question(request: HttpRequest) -> HttpResponse:
    form = QuestionForm(posted(request), initial=draft_for(request))
    if form.is_valid():
        ask_question(person=request.person, text=form.cleaned_data["text"], request=request)
        return redirect("portaal:question_sent")
    return form_page(request, "question.html", form, {}, active="question")


@own_page
def question_sent(request: HttpRequest) -> HttpResponse:
    return page(request, "question_sent.html", {}, active="question")


@own_page
def consent_list(request: HttpRequest) -> HttpResponse:
    context = {"rows": consents.rows_of(request.person), "offers": consents.offers_for(request.person)}
    return own(request, "consents.html", CONSENT_CATEGORIES, context, what="toestemmingen", active="consent")


@require_http_methods(["GET", "POST"])
@portal_view
def consent_give(request: HttpRequest, recipient: str) -> HttpResponse:
    offer = consents.offer_for(request.person, recipient)
    form = GiveConsentForm(posted(request), initial=draft_for(request))
    if form.is_valid():
        consents.give_in_portal(person=request.person, offer=offer, language=request.LANGUAGE_CODE,
                                how=request.session.get(HOW_KEY, ""), request=request)
        messages.success(request, _("Dank u wel. U heeft uw toestemming gegeven."))
        return redirect("portaal:consents")
    if request.method == "GET":
        record_own_read(request, request.person, CONSENT_CATEGORIES, what=f"toestemming geven: {recipient}")
    return form_page(request, "consent_give.html", form, {"offer": offer}, active="consent")


@require_POST
@portal_view
def consent_withdraw(request: HttpRequest, consent_id: int) -> HttpResponse:
    try:
        consents.withdraw_in_portal(consent=consents.own_consent(request.person, consent_id), request=request)
    except ValidationError:
        messages.info(request, _("Deze toestemming was al ingetrokken."))
    else:
        messages.success(request, _("U heeft uw toestemming ingetrokken."))
    return redirect("portaal:consents")
