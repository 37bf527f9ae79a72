"""Screens for the AVG rights: per dossier (export, correction, restriction) for the consultant, and
the retention periods and anonymisation report for the functional administrator."""

from __future__ import annotations

import json
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.access.constants import DataCategory
from koers.access.models import Municipality
from koers.access.municipal_forms import municipal_policy_page
from koers.audit.downloads import logged_download
from koers.audit.log import record, record_refused_read
from koers.audit.models import Action, Channel
from koers.audit.scope import privacy_scope
from koers.lib import clock
from koers.lib.forms import form_error_links, summary_title
from koers.lib.views import screen_login_required
from koers.people.models import Person
from koers.people.views import dossier_context, find_person

from .access import may_handle_rights
from .corrections import correct
from .export import export_pdf, person_export
from .forms import CorrectionForm, RestrictionForm, RetentionForm
from .models import AnonymisationRun, CorrectionRequest, Restriction
from .restriction import DossierRestricted, is_restricted, lift, restrict

PURPOSE_RIGHTS = "Scherm: AVG-rechten van betrokkene"
PURPOSE_EXPORT = "AVG: inzage en overdraagbaarheid (export)"
PURPOSE_CORRECTION = "AVG: correctie op verzoek van betrokkene"
PURPOSE_RESTRICTION = "AVG: beperking van de verwerking"

# The heading (name, BSN), corrected contact data and the reasons given for requests.
SHOWN_ON_RIGHTS_PAGE = (DataCategory.IDENTITY, DataCategory.BSN, DataCategory.CONTACT, DataCategory.NOTES)


def rights_person(request: HttpRequest, pk: int, purpose: str) -> Person:
    """The dossier, when the user handles AVG requests for it: 404 outside their sight, 403 for a
    role that does not handle them; both refusals are logged."""
    person = find_person(request, pk, purpose)
    if not may_handle_rights(request.user, person):
        record_refused_read(
            request, purpose=purpose, channel=Channel.UI, persons=[person], detail="Rol behandelt geen AVG-verzoeken"
        )
        raise PermissionDenied(_("Je rol behandelt geen AVG-verzoeken."))
    return person


def _dossier_page(request: HttpRequest, person: Person, **forms) -> dict:
    return {
        **dossier_context(request, person, "avg", _("AVG-rechten")),
        "corrections": CorrectionRequest.objects.filter(person=person).select_related("requested_by"),
        "restrictions": Restriction.objects.filter(person=person).select_related("created_by"),
        "restricted": is_restricted(person),
        "today": clock.today(),
        "correction_form": forms.get("correction_form") or CorrectionForm(),
        "restriction_form": forms.get("restriction_form")
        or RestrictionForm(initial={"starts_on": clock.today()}),
    }


def _render_dossier(
    request: HttpRequest, person: Person, purpose: str, status: int = 200, **forms
) -> HttpResponse:
    context = _dossier_page(request, person, **forms)
    errors = [link for form in forms.values() for link in form_error_links(form)]
    context |= {"errors": errors, "errors_title": summary_title(errors)}
    record(
        user=request.user,
        action=Action.READ,
        persons=[person],
        categories=SHOWN_ON_RIGHTS_PAGE,
        purpose=purpose,
        channel=Channel.UI,
        request=request,
    )
    return render(request, "avg/dossier.html", context, status=status)


@screen_login_required
@require_GET
def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    person = rights_person(request, pk, PURPOSE_RIGHTS)
    return _render_dossier(request, person, PURPOSE_RIGHTS)


# Per format of the export: its content type and how it is written.
EXPORT_FORMATS: dict[str, tuple[str, Callable[[Person, dict], bytes | str]]] = {
    "json": (
        "application/json; charset=utf-8",
        lambda person, data: json.dumps(data, ensure_ascii=False, indent=2),
    ),
    "pdf": ("application/pdf", export_pdf),
}


@screen_login_required
@require_GET
def export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    person = rights_person(request, pk, PURPOSE_EXPORT)
    content_type, write = EXPORT_FORMATS[kind]
    return logged_download(
        request,
        person,
        content=write(person, person_export(person)),
        content_type=content_type,
        filename=f"gegevens-{person.pk}.{kind}",
        purpose=PURPOSE_EXPORT,
        detail=f"Alle gegevens als {kind.upper()}",
        categories=DataCategory.values,
    )


@screen_login_required
@require_POST
def correction(request: HttpRequest, pk: int) -> HttpResponse:
    person = rights_person(request, pk, PURPOSE_CORRECTION)
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            correct(
                actor=request.user,
                person=person,
                field_name=form.cleaned_data["field_name"],
                new_value=form.cleaned_data["new_value"],
                reason=form.cleaned_data["reason"],
                channel=Channel.UI,
                request=request,
            )
        except DossierRestricted as refused:
            form.add_error(None, str(refused))
        except ValidationError as error:
            for messages_ in error.message_dict.values():
                for message in messages_:
                    form.add_error("new_value", message)
        else:
            messages.success(request, _("De correctie is verwerkt."))
            return redirect("avg:dossier", pk=person.pk)
        person.refresh_from_db()
    return _render_dossier(request, person, PURPOSE_CORRECTION, status=400, correction_form=form)


@screen_login_required
@require_POST
def restriction(request: HttpRequest, pk: int) -> HttpResponse:
    person = rights_person(request, pk, PURPOSE_RESTRICTION)
    form = RestrictionForm(request.POST)
    if form.is_valid():
        restrict(actor=request.user, person=person, request=request, **form.cleaned_data)
        messages.success(request, _("De beperking van de verwerking is vastgelegd."))
        return redirect("avg:dossier", pk=person.pk)
    return _render_dossier(request, person, PURPOSE_RESTRICTION, status=400, restriction_form=form)


@screen_login_required
@require_POST
def lift_restriction(request: HttpRequest, pk: int, restriction_pk: int) -> HttpResponse:
    person = rights_person(request, pk, PURPOSE_RESTRICTION)
    item = get_object_or_404(Restriction, pk=restriction_pk, person=person, lifted_on__isnull=True)
    lift(actor=request.user, restriction=item, request=request)
    messages.success(request, _("De beperking is opgeheven."))
    return redirect("avg:dossier", pk=person.pk)


@screen_login_required
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    privacy_scope(request)
    return render(request, "avg/privacy.html", {"active_menu": "privacy"})


@screen_login_required
@require_http_methods(["GET", "POST"])
def retention(request: HttpRequest) -> HttpResponse:
    return municipal_policy_page(
        request, Municipality.objects.filter(pk__in=privacy_scope(request)).order_by("name"), RetentionForm,
        template="avg/retention.html",
        done="avg:retention",
        saved=_("De bewaartermijn van %(name)s is opgeslagen."),
    )


@screen_login_required
@require_GET
def anonymisation_runs(request: HttpRequest) -> HttpResponse:
    runs = AnonymisationRun.objects.filter(municipality_id__in=privacy_scope(request)).select_related(
        "municipality"
    )[:100]
    return render(request, "avg/runs.html", {"runs": runs, "active_menu": "privacy"})
