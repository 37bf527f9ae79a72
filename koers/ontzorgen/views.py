"""Screens of financieel ontzorgen: the household's arrangement on a person's dossier, the payment
runs of a municipality with their files, and the municipality's debtor account.

Everything here is of data category FINANCE: a dossier page opens only for users who may see that
category of the person (others get a 404 and a refused entry in the audit log); payment runs open
only for consultants and functional administrators of the run's municipality."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.access.constants import DataCategory
from koers.access.models import Municipality
from koers.access.query import categories_for
from koers.audit.log import loggable_id, record, record_refused_read
from koers.audit.models import Action, Channel
from koers.lib.changes import ChangeContext
from koers.lib import clock
from koers.lib.forms import error_summary, form_error_links, summary_title
from koers.lib.views import screen_login_required
from koers.people.models import Person
from koers.people.views import dossier_context, find_person

from . import forms, runs, services
from .constants import RunStatus, StepStatus
from .models import Arrangement, PaymentAccount, PaymentRun, PhaseOutStep, WithheldItem

PURPOSE_DOSSIER = "Scherm: financieel ontzorgen inzien"
PURPOSE_CHANGE = "Scherm: financieel ontzorgen wijzigen"
PURPOSE_RUNS = "Scherm: betaalrondes ontzorgen"
PURPOSE_DOWNLOAD = "Betaalronde ontzorgen downloaden"
PURPOSE_ACCOUNT = "Scherm: betaalrekening ontzorgen"

FORM_ANCHORS = {
    "start": "start",
    "item": "nieuwe-last",
    "extension": "verlengen",
    "end": "beeindigen",
    "step": "nieuwe-stap",
}


# --- The dossier tab -------------------------------------------------------------------------


def finance_person(request: HttpRequest, pk: int, purpose: str) -> Person:
    """The person, when the user may see their finances; otherwise 404 and a refused audit entry."""
    person = find_person(request, pk, purpose)
    if not services.may_see(categories_for(request.user, person)):
        record_refused_read(request, purpose=purpose, channel=Channel.UI, persons=[person])
        raise Http404(_("Dit dossier bestaat niet of je hebt er geen toegang toe."))
    return person


def editing_person(request: HttpRequest, pk: int) -> Person:
    person = finance_person(request, pk, PURPOSE_CHANGE)
    if not services.may_edit(request.user, person):
        raise PermissionDenied(_("Alleen de consulent van de gemeente wijzigt het ontzorgen."))
    return person


def arrangement_of(person: Person) -> Arrangement | None:
    household = person.household
    if household is None:
        return None
    return (
        Arrangement.objects.filter(household=household)
        .prefetch_related(
            "extensions__approved_by",
            Prefetch("items", queryset=WithheldItem.objects.order_by("valid_from", "kind", "id")),
            Prefetch("steps", queryset=PhaseOutStep.objects.select_related("item")),
        )
        .first()
    )


def render_dossier(
    request: HttpRequest, person: Person, bound: dict[str, object] | None = None, status: int = 200
) -> HttpResponse:
    arrangement = arrangement_of(person)
    bound = bound or {}
    items = list(arrangement.items.all()) if arrangement else []
    today = clock.today()
    editable = services.may_edit(request.user, person)
    context = {
        **dossier_context(request, person, "ontzorgen", _("Financieel ontzorgen")),
        "arrangement": arrangement,
        "household": person.household,
        "editable": editable,
        "today": today,
        "items": items,
        "in_force_total": sum(i.amount for i in items if i.in_force_on(today)) if items else None,
        "status": arrangement.status_on(today) if arrangement else None,
        "start_form": bound.get("start") or forms.StartForm(),
        "item_form": bound.get("item") or forms.ItemForm(),
        "extension_form": bound.get("extension") or forms.ExtensionForm(),
        "end_form": bound.get("end") or forms.EndArrangementForm(),
        "step_form": bound.get("step") or forms.StepForm(items=items),
        "step_status_form": forms.StepStatusForm(),
        "end_item_form": forms.EndItemForm(),
        "planned": StepStatus.PLANNED,
    }
    errors = []
    for key, form in bound.items():
        errors += form_error_links(form, form_anchor=FORM_ANCHORS.get(key, key.replace("_", "-")))
    context["errors"], context["errors_title"] = errors, summary_title(errors)
    shown = {DataCategory.FINANCE, DataCategory.IDENTITY}
    if context["show_bsn"]:
        shown.add(DataCategory.BSN)
    record(
        user=request.user,
        action=Action.READ,
        persons=[person],
        categories=shown,
        purpose=PURPOSE_DOSSIER,
        channel=Channel.UI,
        request=request,
    )
    return render(request, "ontzorgen/dossier.html", context, status=status)


@screen_login_required
@require_http_methods(["GET", "POST"])
def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    """The arrangement of the person's household; a POST starts one."""
    if request.method == "GET":
        return render_dossier(request, finance_person(request, pk, PURPOSE_DOSSIER))
    person = editing_person(request, pk)
    form = forms.StartForm(request.POST)

    def act() -> object:
        if person.household is None:
            raise ValidationError(_("Deze persoon hoort bij geen huishouden."))
        return services.start_arrangement(
            household=person.household,
            start=form.cleaned_data["start"],
            by=change_by(request),
        )

    return handle(request, person, "start", form, act, _("Financieel ontzorgen is gestart."))


def change_by(request: HttpRequest) -> ChangeContext:
    """Who changes the arrangement from these screens, and why."""
    return ChangeContext.screen(request, PURPOSE_CHANGE)


def handle(
    request: HttpRequest, person: Person, key: str, form, act: Callable[[], object], done: str
) -> HttpResponse:
    """Validate ``form``, run the service ``act``; on any error show the page again with the error
    summary and nothing stored, on success go back to the page."""
    if form.is_valid():
        try:
            act()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect("ontzorgen:dossier", pk=person.pk)
    return render_dossier(request, person, {key: form}, status=400)


def required_arrangement(person: Person) -> Arrangement:
    arrangement = arrangement_of(person)
    if arrangement is None:
        raise Http404(_("Dit huishouden heeft geen ontzorgingsarrangement."))
    return arrangement


@screen_login_required
@require_POST
def add_item(request: HttpRequest, pk: int) -> HttpResponse:
    person = editing_person(request, pk)
    arrangement = required_arrangement(person)
    form = forms.ItemForm(request.POST)
    return handle(
        request,
        person,
        "item",
        form,
        lambda: services.add_item(
            arrangement=arrangement,
            data=form.cleaned_data,
            by=change_by(request),
        ),
        _("De vaste last is toegevoegd."),
    )


def own(queryset, person: Person, object_pk: int):
    """An object of this person's arrangement, else 404 (never another household's)."""
    arrangement = required_arrangement(person)
    found = queryset.filter(arrangement=arrangement, pk=object_pk).first() if loggable_id(object_pk) else None
    if found is None:
        raise Http404(_("Niet gevonden."))
    return found


@screen_login_required
@require_POST
def end_item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    person = editing_person(request, pk)
    item = own(WithheldItem.objects.select_related("arrangement__household"), person, item_pk)
    form = forms.EndItemForm(request.POST)
    return handle(
        request,
        person,
        f"end_item_{item.pk}",
        form,
        lambda: services.end_item(
            item=item,
            valid_until=form.cleaned_data["valid_until"],
            by=change_by(request),
        ),
        _("De inhouding is beëindigd."),
    )


@screen_login_required
@require_POST
def extend(request: HttpRequest, pk: int) -> HttpResponse:
    person = editing_person(request, pk)
    arrangement = required_arrangement(person)
    form = forms.ExtensionForm(request.POST)
    return handle(
        request,
        person,
        "extension",
        form,
        lambda: services.extend_arrangement(
            arrangement=arrangement,
            months=form.cleaned_data["months"],
            reason=form.cleaned_data["reason"],
            by=change_by(request),
        ),
        _("Het ontzorgen is verlengd."),
    )


@screen_login_required
@require_POST
def end(request: HttpRequest, pk: int) -> HttpResponse:
    person = editing_person(request, pk)
    arrangement = required_arrangement(person)
    form = forms.EndArrangementForm(request.POST)
    return handle(
        request,
        person,
        "end",
        form,
        lambda: services.end_arrangement(
            arrangement=arrangement,
            ended_on=form.cleaned_data["ended_on"],
            reason=form.cleaned_data["reason"],
            by=change_by(request),
        ),
        _("Het ontzorgen is beëindigd."),
    )


@screen_login_required
@require_POST
def add_step(request: HttpRequest, pk: int) -> HttpResponse:
    person = editing_person(request, pk)
    arrangement = required_arrangement(person)
    form = forms.StepForm(request.POST, items=list(arrangement.items.all()))
    return handle(
        request,
        person,
        "step",
        form,
        lambda: services.add_step(
            arrangement=arrangement,
            data=form.cleaned_data,
            by=change_by(request),
        ),
        _("De stap is aan het afbouwplan toegevoegd."),
    )


@screen_login_required
@require_POST
def step_status(request: HttpRequest, pk: int, step_pk: int) -> HttpResponse:
    person = editing_person(request, pk)
    step = own(PhaseOutStep.objects.select_related("item", "arrangement__household"), person, step_pk)
    form = forms.StepStatusForm(request.POST)
    return handle(
        request,
        person,
        f"step_{step.pk}",
        form,
        lambda: services.set_step_status(
            step=step,
            status=StepStatus(form.cleaned_data["status"]),
            by=change_by(request),
        ),
        _("De stap is bijgewerkt."),
    )


# --- Payment runs ----------------------------------------------------------------------------


def run_municipality_ids(request: HttpRequest) -> frozenset[int]:
    allowed = runs.run_municipalities(request.user)
    if not allowed:
        raise PermissionDenied(_("Je rol werkt niet met betaalrondes."))
    return allowed


def find_run(request: HttpRequest, run_pk: int, purpose: str) -> PaymentRun:
    """A run of one of the user's municipalities; otherwise 404 and a refused entry in the log."""
    allowed = run_municipality_ids(request)
    run = (
        PaymentRun.objects.select_related("municipality", "created_by", "sent_by", "cancelled_by")
        .filter(pk=run_pk, municipality_id__in=allowed)
        .first()
        if loggable_id(run_pk)
        else None
    )
    if run is None:
        record_refused_read(request, purpose=purpose, channel=Channel.UI)
        raise Http404(_("Deze betaalronde bestaat niet of je hebt er geen toegang toe."))
    return run


@screen_login_required
@require_http_methods(["GET", "POST"])
def run_list(request: HttpRequest) -> HttpResponse:
    allowed = run_municipality_ids(request)
    form = forms.PrepareRunForm(request.POST or None, municipality_ids=allowed)
    if request.method == "POST" and form.is_valid():
        try:
            prepared = runs.prepare_run(
                municipality=form.cleaned_data["municipality"],
                month=form.cleaned_data["month"],
                by=ChangeContext.screen(request, PURPOSE_RUNS),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if prepared.created:
                messages.success(request, _("De betaalronde is aangemaakt."))
            else:
                messages.info(
                    request,
                    _(
                        "Voor deze maand bestond al een betaalronde; er is geen nieuwe gemaakt en niets dubbel betaald."
                    ),
                )
            return redirect("ontzorgen:run_detail", run_pk=prepared.run.pk)
    errors = form_error_links(form, form_anchor="nieuwe-ronde") if form.is_bound else []
    context = {
        "form": form,
        "errors": errors,
        "errors_title": summary_title(errors),
        "runs": PaymentRun.objects.filter(municipality_id__in=allowed).select_related("municipality"),
        "active_menu": "ontzorgen_runs",
        "may_keep_account": bool(runs.account_municipalities(request.user)),
    }
    return render(request, "ontzorgen/run_list.html", context, status=400 if errors else 200)


def run_context(request: HttpRequest, run: PaymentRun, cancel_form=None) -> dict:
    lines = list(run.lines.order_by("household_name", "kind", "id"))
    errors = form_error_links(cancel_form, form_anchor="annuleren") if cancel_form is not None else []
    return {
        "run": run,
        "lines": lines,
        "cancel_form": cancel_form or forms.CancelRunForm(),
        "errors": errors,
        "errors_title": summary_title(errors),
        "active_menu": "ontzorgen_runs",
        "prepared": RunStatus.PREPARED,
    }


def log_run_read(
    request: HttpRequest, run: PaymentRun, action: Action, purpose: str, categories, detail=""
) -> None:
    persons = list(Person.objects.filter(pk__in=run.lines.values("person_id")))
    record(
        user=request.user,
        action=action,
        persons=persons,
        categories=categories,
        purpose=purpose,
        channel=Channel.UI,
        request=request,
        detail=detail or f"Betaalronde {run.message_id}",
    )


@screen_login_required
@require_GET
def run_detail(request: HttpRequest, run_pk: int) -> HttpResponse:
    run = find_run(request, run_pk, PURPOSE_RUNS)
    log_run_read(request, run, Action.READ, PURPOSE_RUNS, [DataCategory.FINANCE])
    return render(request, "ontzorgen/run_detail.html", run_context(request, run))


@screen_login_required
@require_GET
def download_pain(request: HttpRequest, run_pk: int) -> HttpResponse:
    run = find_run(request, run_pk, PURPOSE_DOWNLOAD)
    log_run_read(
        request,
        run,
        Action.EXPORT,
        PURPOSE_DOWNLOAD,
        [DataCategory.FINANCE],
        f"pain.001 van betaalronde {run.message_id}",
    )
    response = HttpResponse(bytes(run.pain_xml), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{run.message_id}.xml"'
    return response


@screen_login_required
@require_GET
def download_csv(request: HttpRequest, run_pk: int) -> HttpResponse:
    run = find_run(request, run_pk, PURPOSE_DOWNLOAD)
    categories = [DataCategory.FINANCE, DataCategory.IDENTITY]
    if run.csv_has_bsn:
        categories.append(DataCategory.BSN)
    log_run_read(
        request, run, Action.EXPORT, PURPOSE_DOWNLOAD, categories, f"CSV van betaalronde {run.message_id}"
    )
    response = HttpResponse(run.csv, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{run.message_id}.csv"'
    return response


@screen_login_required
@require_POST
def run_sent(request: HttpRequest, run_pk: int) -> HttpResponse:
    run = find_run(request, run_pk, PURPOSE_RUNS)
    try:
        runs.mark_sent(run=run, by=ChangeContext.screen(request, PURPOSE_RUNS))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("De betaalronde is gemarkeerd als verzonden naar de bank en ligt nu vast.")
        )
    return redirect("ontzorgen:run_detail", run_pk=run.pk)


@screen_login_required
@require_POST
def run_cancel(request: HttpRequest, run_pk: int) -> HttpResponse:
    run = find_run(request, run_pk, PURPOSE_RUNS)
    form = forms.CancelRunForm(request.POST)
    if form.is_valid():
        try:
            runs.cancel_run(run=run, reason=form.cleaned_data["reason"], by=ChangeContext.screen(request, PURPOSE_RUNS))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("De betaalronde is geannuleerd. Je kunt voor deze maand een nieuwe aanmaken.")
            )
            return redirect("ontzorgen:run_detail", run_pk=run.pk)
    return render(request, "ontzorgen/run_detail.html", run_context(request, run, form), status=400)


# --- The municipality's debtor account -------------------------------------------------------


@screen_login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    allowed = runs.account_municipalities(request.user)
    if not allowed:
        raise PermissionDenied(_("Alleen de functioneel beheerder stelt de betaalrekening in."))
    municipality = Municipality.objects.filter(pk__in=allowed).order_by("name").first()
    chosen = request.GET.get("gemeente") or request.POST.get("gemeente")
    if chosen:
        municipality = Municipality.objects.filter(pk__in=allowed, pk=loggable_id(chosen) or 0).first()
        if municipality is None:
            raise Http404(_("Niet gevonden."))
    instance = PaymentAccount.objects.filter(municipality=municipality).first() or PaymentAccount(
        municipality=municipality
    )
    form = forms.AccountForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_at = clock.now()
        saved.save()
        messages.success(request, _("De betaalrekening is opgeslagen."))
        return redirect(f"{request.path}?gemeente={municipality.pk}")
    errors = error_summary(form_error_links(form, form_anchor="rekening")) if form.is_bound else []
    context = {
        "form": form,
        "municipality": municipality,
        "municipalities": Municipality.objects.filter(pk__in=allowed).order_by("name"),
        "errors": errors,
        "errors_title": summary_title(errors),
        "active_menu": "ontzorgen_runs",
    }
    return render(request, "ontzorgen/account.html", context, status=400 if errors else 200)
