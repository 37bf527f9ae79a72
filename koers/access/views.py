"""The tab "Toestemming" of a dossier: the person's consents, giving one and withdrawing one.

The person is reached through ``find_person`` (404 and a logged refusal outside the user's sight);
only consultants and MB workers of the person's municipality see the tab (``may_record_consent``)."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.audit.log import record
from koers.audit.models import Action, Channel
from koers.lib.forms import form_error_links, summary_title
from koers.lib.views import screen_login_required
from koers.people.models import Person
from koers.people.views import dossier_context, find_person

from .consent import consents_of, give_consent, may_record_consent, withdraw_consent
from .constants import DataCategory
from .forms import ConsentForm
from .models import Consent

SECTION_KEY = "consent"
PURPOSE_LIST = "Scherm: toestemmingen inzien"
PURPOSE_GIVE = "Scherm: toestemming vastleggen"
PURPOSE_WITHDRAW = "Scherm: toestemming intrekken"
PURPOSE_DOCUMENT = "Scherm: toestemmingsformulier inzien"


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
    context = {**dossier_context(request, person, SECTION_KEY, _("Toestemming")), "consents": consents_of(person)}
    return render(request, "access/consents.html", context)


@screen_login_required
@require_http_methods(["GET", "POST"])
def give(request: HttpRequest, pk: int) -> HttpResponse:
    person = consent_person(request, pk, PURPOSE_GIVE)
    form = ConsentForm(request.POST or None, request.FILES or None, person=person)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            give_consent(
                actor=request.user, person=person, purpose=data["purpose"], organisations=data["organisations"],
                recipients=data["recipients"], categories=data["categories"], how=data["how"],
                language=data["language"], witness=data["witness"], document=data["document"],
                given_on=data["given_on"], request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De toestemming is vastgelegd."))
            return redirect("access:consents", pk=person.pk)
    if request.method == "GET":
        log_read(request, person, PURPOSE_GIVE)
    errors = form_error_links(form, form_anchor="formulier") if request.method == "POST" else []
    context = {
        **dossier_context(request, person, SECTION_KEY, _("Toestemming vastleggen")),
        "form": form, "errors": errors, "errors_title": summary_title(errors),
        "back": reverse("access:consents", kwargs={"pk": person.pk}),
    }
    return render(request, "access/give.html", context, status=400 if errors else 200)


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
