"""Screens of financieel ontzorgen: the household's arrangement on a person's dossier, the payment
runs of a municipality with their files, and the municipality's debtor account.

Everything here is of data category FINANCE: a dossier page opens only for users who may see that
category of the person (others get a 404 and a refused entry in the audit log); payment runs open
only for consultants and functional administrators of the run's municipality."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.access.constants import DataCategory
from koers.access.models import Municipality
from koers.access.query import categories_for
from koers.audit.log import loggable_id, record, record_refused_read
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.lib.changes import ChangeContext
from koers.lib.forms import error_summary, form_error_links, summary_title
from koers.lib.views import screen_login_required
from koers.people.models import Person
from koers.people.views import dossier_context, find_person

from . import advances, deadlines, forms, runs, services
from .constants import RunStatus, StepStatus
from .models import Advance, Arrangement, PaymentAccount, PaymentRun, PhaseOutStep, WithheldItem

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
    "advance": "nieuw-voorschot",
    "settlement": "verrekenen",
}
ALERTS = frozenset({deadlines.LATE_PAYMENT, deadlines.ADVANCE_OPEN})


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
            Prefetch("advances", queryset=Advance.objects.prefetch_related("settlements")),
        )
        .first()
    )


def late_alerts(person: Person, today: dt.date) -> list[deadlines.Deadline]:
    """Money that is late for this person's household: fixed costs not paid on time and advances not
    settled by their date (the same alerts the signal engine puts on the attention lists)."""
    household = person.household
    if household is None:
        return []
    ids = [p.pk for p in services.household_persons(household)]
    return sorted(
        (d for d in deadlines.compute(ids, today) if d.kind in ALERTS and d.due <= today), key=lambda d: d.due
    )


def advance_rows(arrangement: Arrangement | None) -> list[tuple[Advance, advances.Balance]]:
    if arrangement is None:
        return []
    found = list(arrangement.advances.all())
    open_amounts = advances.balances(found)
    return [(advance, open_amounts[advance.pk]) for advance in found]


def render_dossier(
    request: HttpRequest, person: Person, bound: dict[str, object] | None = None, status: int = 200
) -> HttpResponse:
    arrangement = arrangement_of(person)
    bound = bound or {}
    items = list(arrangement.items.all()) if arrangement else []
    today = clock.today()
    editable = services.may_edit(request.user, person)
    rows = advance_rows(arrangement)
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
        "advances": rows,
        "settlements": [(advance, s) for advance, _balance in rows for s in advance.settlements.all()],
        "advance_form": bound.get("advance") or forms.AdvanceForm(),
        "settlement_form": bound.get("settlement")
        or forms.SettlementForm(advances=[a for a, balance in rows if not balance.is_settled]),
        "alerts": late_alerts(person, today),
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


def own(queryset: QuerySet, arrangement: Arrangement, object_pk: int | None):
    """A row of this arrangement, else 404 (never another household's)."""
    found = queryset.filter(arrangement=arrangement, pk=object_pk).first() if loggable_id(object_pk) else None
    if found is None:
        raise Http404(_("Niet gevonden."))
    return found


@dataclass(frozen=True)
class Change:
    """One form of the dossier page that changes the arrangement, or a row of it (``rows``) that the
    URL names: ``form`` reads the POST, ``act`` calls the service with the arrangement (or the row),
    the cleaned data and who changes it; ``key`` places the form's errors on the page."""

    key: str
    form: Callable[[QueryDict, Arrangement], django_forms.Form]
    act: Callable[[Any, dict, ChangeContext], object]
    done: Promise
    rows: Callable[[], QuerySet] | None = None


def change_view(change: Change) -> Callable[..., HttpResponse]:
    @screen_login_required
    @require_POST
    def view(request: HttpRequest, pk: int, part_pk: int | None = None) -> HttpResponse:
        person = editing_person(request, pk)
        arrangement = required_arrangement(person)
        target = arrangement if change.rows is None else own(change.rows(), arrangement, part_pk)
        key = change.key if change.rows is None else f"{change.key}_{target.pk}"
        form = change.form(request.POST, arrangement)
        return handle(
            request, person, key, form, lambda: change.act(target, form.cleaned_data, change_by(request)),
            str(change.done),
        )

    return view


add_item = change_view(Change(
    "item",
    lambda data, arrangement: forms.ItemForm(data),
    lambda arrangement, data, by: services.add_item(arrangement=arrangement, data=data, by=by),
    gettext_lazy("De vaste last is toegevoegd."),
))
end_item = change_view(Change(
    "end_item",
    lambda data, arrangement: forms.EndItemForm(data),
    lambda item, data, by: services.end_item(item=item, valid_until=data["valid_until"], by=by),
    gettext_lazy("De inhouding is beëindigd."),
    rows=lambda: WithheldItem.objects.select_related("arrangement__household"),
))
extend = change_view(Change(
    "extension",
    lambda data, arrangement: forms.ExtensionForm(data),
    lambda arrangement, data, by: services.extend_arrangement(arrangement=arrangement, by=by, **data),
    gettext_lazy("Het ontzorgen is verlengd."),
))
end = change_view(Change(
    "end",
    lambda data, arrangement: forms.EndArrangementForm(data),
    lambda arrangement, data, by: services.end_arrangement(arrangement=arrangement, by=by, **data),
    gettext_lazy("Het ontzorgen is beëindigd."),
))
add_step = change_view(Change(
    "step",
    lambda data, arrangement: forms.StepForm(data, items=list(arrangement.items.all())),
    lambda arrangement, data, by: services.add_step(arrangement=arrangement, data=data, by=by),
    gettext_lazy("De stap is aan het afbouwplan toegevoegd."),
))
step_status = change_view(Change(
    "step",
    lambda data, arrangement: forms.StepStatusForm(data),
    lambda step, data, by: services.set_step_status(step=step, status=StepStatus(data["status"]), by=by),
    gettext_lazy("De stap is bijgewerkt."),
    rows=lambda: PhaseOutStep.objects.select_related("item", "arrangement__household"),
))
add_advance = change_view(Change(
    "advance",
    lambda data, arrangement: forms.AdvanceForm(data),
    lambda arrangement, data, by: advances.grant_advance(arrangement=arrangement, data=data, by=by),
    gettext_lazy("Het voorschot is vastgelegd."),
))
settle_advance = change_view(Change(
    "settlement",
    lambda data, arrangement: forms.SettlementForm(
        data, advances=[a for a, balance in advance_rows(arrangement) if not balance.is_settled]
    ),
    lambda arrangement, data, by: advances.settle(
        advance=data["advance"], data={k: v for k, v in data.items() if k != "advance"}, by=by
    ),
    gettext_lazy("De verrekening is vastgelegd."),
))


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
        "today": clock.today(),
        "prepared": RunStatus.PREPARED,
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
        "repayments": list(run.repayments.order_by("household_name", "id")),
        "late": run.status == RunStatus.PREPARED and run.execution_date <= clock.today(),
        "cancel_form": cancel_form or forms.CancelRunForm(),
        "errors": errors,
        "errors_title": summary_title(errors),
        "active_menu": "ontzorgen_runs",
        "prepared": RunStatus.PREPARED,
    }


def log_run_read(
    request: HttpRequest, run: PaymentRun, action: Action, purpose: str, categories, detail=""
) -> None:
    persons = runs.run_persons(run)
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
