"""The tab "Toestemming" of a dossier: the person's consents, giving one and withdrawing one, and the
overdracht to the next municipality after a move.

The person is reached through ``find_person`` (404 and a logged refusal outside the user's sight);
only consultants and MB workers of the person's municipality see the tab (``may_record_consent``),
and only the consultant records an overdracht (``may_transfer``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.audit.log import record
from koers.audit.models import Action, Channel
from koers.lib.forms import form_error_links, summary_title
from koers.lib.views import screen_login_required
from koers.people.models import Person
from koers.people.views import dossier_context, find_person

from .consent import (
    consents_of,
    give_consent,
    may_record_consent,
    may_transfer,
    transfer_person,
    withdraw_consent,
)
from .constants import DataCategory
from .forms import ConsentForm, TransferForm
from .models import Consent, Transfer

SECTION_KEY = "consent"
PURPOSE_LIST = "Scherm: toestemmingen inzien"
PURPOSE_GIVE = "Scherm: toestemming vastleggen"
PURPOSE_WITHDRAW = "Scherm: toestemming intrekken"
PURPOSE_DOCUMENT = "Scherm: toestemmingsformulier inzien"
PURPOSE_TRANSFER = "Scherm: overdracht aan nieuwe gemeente"


def consent_person(request: HttpRequest, pk: int, purpose: str) -> Person:
    person = find_person(request, pk, purpose)
    if not may_record_consent(request.user, person):
        raise PermissionDenied(_("Alleen de consulent en de MB-begeleider van de gemeente zien de toestemmingen."))
    return person


def log_read(request: HttpRequest, person: Person, purpose: str, detail: str = "") -> None:
    record(user=request.user, action=Action.READ, persons=[person], categories=[DataCategory.IDENTITY],
           purpose=purpose, channel=Channel.UI, request=request, detail=detail)


@screen_login_required
@require_GET
def consents(request: HttpRequest, pk: int) -> HttpResponse:
    person = consent_person(request, pk, PURPOSE_LIST)
    log_read(request, person, PURPOSE_LIST)
    context = {
        **dossier_context(request, person, SECTION_KEY, _("Toestemming")),
        "consents": consents_of(person),
        "may_transfer": may_transfer(request.user, person),
    }
    return render(request, "access/consents.html", context)


def form_page(
    request: HttpRequest,
    person: Person,
    form: Form,
    save: Callable[[dict], object],
    *,
    purpose: str,
    title: str,
    template: str,
    saved: str,
    done: str,
    **extra,
) -> HttpResponse:
    """A form of the consent tab: a GET shows it (and is logged as a read), a valid POST goes to
    ``save``; what the domain refuses is shown on the form, and nothing is stored."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, saved)
            return redirect(done, pk=person.pk)
    if request.method == "GET":
        log_read(request, person, purpose)
    errors = form_error_links(form, form_anchor="formulier") if request.method == "POST" else []
    context = {
        **dossier_context(request, person, SECTION_KEY, title),
        "form": form, "errors": errors, "errors_title": summary_title(errors),
        "back": reverse("access:consents", kwargs={"pk": person.pk}), **extra,
    }
    return render(request, template, context, status=400 if errors else 200)


@screen_login_required
@require_http_methods(["GET", "POST"])
def give(request: HttpRequest, pk: int) -> HttpResponse:
    person = consent_person(request, pk, PURPOSE_GIVE)

    def save(data: dict) -> None:
        give_consent(
            actor=request.user, person=person, purpose=data["purpose"], organisations=data["organisations"],
            recipients=data["recipients"], categories=data["categories"], how=data["how"],
            language=data["language"], witness=data["witness"], document=data["document"],
            given_on=data["given_on"], request=request,
        )

    return form_page(
        request, person, ConsentForm(request.POST or None, request.FILES or None, person=person), save,
        purpose=PURPOSE_GIVE, title=_("Toestemming vastleggen"), template="access/give.html",
        saved=_("De toestemming is vastgelegd."), done="access:consents",
    )


def consent_of(person: Person, consent_id: int) -> Consent:
    return get_object_or_404(Consent, pk=consent_id, person=person)


@screen_login_required
@require_POST
def withdraw(request: HttpRequest, pk: int, consent_id: int) -> HttpResponse:
    person = consent_person(request, pk, PURPOSE_WITHDRAW)
    consent = consent_of(person, consent_id)
    try:
        withdraw_consent(actor=request.user, consent=consent, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De toestemming is ingetrokken. Wie alleen hierdoor toegang had, heeft die nu niet meer."))
    return redirect("access:consents", pk=person.pk)


@screen_login_required
@require_GET
def document(request: HttpRequest, pk: int, consent_id: int) -> FileResponse:
    person = consent_person(request, pk, PURPOSE_DOCUMENT)
    consent = consent_of(person, consent_id)
    if not consent.document:
        raise Http404(_("Bij deze toestemming hoort geen formulier."))
    log_read(request, person, PURPOSE_DOCUMENT, detail=f"Toestemming {consent.pk}")
    suffix = Path(consent.document.name).suffix
    return FileResponse(consent.document.open("rb"), as_attachment=True, filename=f"toestemming-{consent.pk}{suffix}")


@screen_login_required
@require_http_methods(["GET", "POST"])
def transfer(request: HttpRequest, pk: int) -> HttpResponse:
    person = find_person(request, pk, PURPOSE_TRANSFER)
    if not may_transfer(request.user, person):
        raise PermissionDenied(_("Alleen de consulent van de gemeente draagt een dossier over."))

    def save(data: dict) -> None:
        transfer_person(
            actor=request.user, person=person, to_municipality=data["to_municipality"],
            consent=data["consent"], on=data["transferred_on"], request=request,
        )

    return form_page(
        request, person, TransferForm(request.POST or None, person=person), save,
        purpose=PURPOSE_TRANSFER, title=pgettext("verhuizing", "Overdracht"), template="access/transfer.html",
        saved=_("De overdracht is vastgelegd."), done="access:transfer",
        transfers=Transfer.objects.filter(person=person).select_related("to_municipality", "consent"),
    )
