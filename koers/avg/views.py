"""Screens for the AVG rights: per dossier (export, correction, restriction) for the consultant, and
the retention periods and anonymisation report for the functional administrator."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.access.constants import DataCategory
from koers.access.models import Municipality
from koers.audit.log import record
from koers.audit.models import Action, Channel, Outcome
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
from .models import AnonymisationRun, CorrectionRequest, Restriction, RetentionPolicy
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
        record(
            user=request.user,
            action=Action.READ,
            persons=[person],
            purpose=purpose,
            channel=Channel.UI,
            request=request,
            outcome=Outcome.REFUSED,
            detail="Rol behandelt geen AVG-verzoeken",
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


def _log_export(request: HttpRequest, person: Person, kind: str) -> None:
    record(
        user=request.user,
        action=Action.EXPORT,
        persons=[person],
        categories=DataCategory.values,
        purpose=PURPOSE_EXPORT,
        channel=Channel.UI,
        request=request,
        detail=f"Alle gegevens als {kind}",
    )


@screen_login_required
@require_GET
def export_json(request: HttpRequest, pk: int) -> HttpResponse:
    person = rights_person(request, pk, PURPOSE_EXPORT)
    data = person_export(person)
    _log_export(request, person, "JSON")
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="gegevens-{person.pk}.json"'
    return response


@screen_login_required
@require_GET
def export_as_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    person = rights_person(request, pk, PURPOSE_EXPORT)
    content = export_pdf(person, person_export(person))
    _log_export(request, person, "PDF")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="gegevens-{person.pk}.pdf"'
    return response


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
    municipalities = Municipality.objects.filter(pk__in=privacy_scope(request)).order_by("name")
    rows = []
    errors = []
    for municipality in municipalities:
        policy = RetentionPolicy.objects.filter(municipality=municipality).first() or RetentionPolicy(
            municipality=municipality
        )
        posted = request.method == "POST" and request.POST.get("municipality") == str(municipality.pk)
        form = RetentionForm(request.POST if posted else None, instance=policy, prefix=f"m{municipality.pk}")
        if posted and form.is_valid():
            form.save()
            messages.success(
                request, _("De bewaartermijn van %(name)s is opgeslagen.") % {"name": municipality}
            )
            return redirect("avg:retention")
        if posted:
            errors = form_error_links(form)
        rows.append((municipality, policy.pk is not None, form))
    context = {
        "rows": rows,
        "errors": errors,
        "errors_title": summary_title(errors),
        "active_menu": "privacy",
    }
    return render(request, "avg/retention.html", context, status=400 if errors else 200)


@screen_login_required
@require_GET
def anonymisation_runs(request: HttpRequest) -> HttpResponse:
    runs = AnonymisationRun.objects.filter(municipality_id__in=privacy_scope(request)).select_related(
        "municipality"
    )[:100]
    return render(request, "avg/runs.html", {"runs": runs, "active_menu": "privacy"})
