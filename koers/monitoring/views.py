"""The monitoring dashboard and its exports (CSV per table, XLSX of all): aggregates only, never a name or a BSN."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koers.audit.log import record_refused_read
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.lib.forms import form_error_links, summary_title
from koers.lib.views import screen_login_required

from .access import PURPOSE, monitored_municipalities, record_aggregate_read
from .evaluation import evaluation_report, report_pdf
from .exports import XLSX_TYPE, figure_csv, workbook
from .figures import MINIMUM_CELL, Figure, registry, rows_of
from .forms import DashboardForm
from .presentation import chart_of, table_rows


def dashboard_form(request: HttpRequest) -> DashboardForm:
    """The bound filter form for a user allowed to see dashboards; another municipality than their
    own is answered like a dossier out of sight: 404, and the attempt logged."""
    allowed = monitored_municipalities(request.user)
    if not allowed:
        raise PermissionDenied
    form = DashboardForm(request.GET, municipalities=allowed, today=clock.today())
    asked = request.GET.get("municipality")
    if asked and asked not in {str(pk) for pk in allowed}:
        record_refused_read(request, purpose=PURPOSE, channel=Channel.UI)
        raise Http404
    form.is_valid()
    return form


def describe(form: DashboardForm) -> str:
    selection = form.selection()
    filters = ", ".join(f"{k}={v}" for k, v in sorted(selection.filters.items()))
    municipalities = ",".join(str(pk) for pk in sorted(selection.municipality_ids))
    return (
        f"gemeenten {municipalities}; {selection.start:%Y-%m-%d} t/m {selection.end:%Y-%m-%d}; "
        f"uitsplitsing {selection.breakdown}; filters {filters or '-'}"
    )


@screen_login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    form = dashboard_form(request)
    errors = form_error_links(form)
    sections = []
    if not errors:
        selection = form.selection()
        for figure in registry.values():
            rows = rows_of(figure, selection)
            sections.append(
                {
                    "figure": figure,
                    "chart": chart_of(figure, rows),
                    "rows": table_rows(figure, rows),
                    "group_heading": selection.dimension.label if figure.breaks_down else _("Gemeente"),
                    "value_heading": figure.measure.heading,
                }
            )
        record_aggregate_read(
            request, action=Action.READ, municipality_ids=selection.municipality_ids, detail=describe(form)
        )
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "form": form,
            "errors": errors,
            "error_title": summary_title(errors) if errors else "",
            "sections": sections,
            "query": request.GET.urlencode(),
            "active_menu": "monitoring",
        },
    )


@screen_login_required
@require_GET
def export_csv(request: HttpRequest, key: str) -> HttpResponse:
    figure: Figure | None = registry.get(key)
    if figure is None:
        raise Http404
    return export(request, f"{figure.key}.csv", "text/csv; charset=utf-8", figure_csv, figure)


@screen_login_required
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    return export(request, "monitoring.xlsx", XLSX_TYPE, workbook)


def export(request: HttpRequest, filename: str, content_type: str, make, *args) -> HttpResponse:
    form = dashboard_form(request)
    if form.errors:
        return HttpResponse(
            _("De filters zijn ongeldig."), status=400, content_type="text/plain; charset=utf-8"
        )
    selection = form.selection()
    response = HttpResponse(make(*args, selection), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    record_aggregate_read(
        request,
        action=Action.EXPORT,
        municipality_ids=selection.municipality_ids,
        detail=f"{filename}: {describe(form)}",
    )
    return response


def evaluation_scope(request: HttpRequest, pk: int | None) -> tuple[DashboardForm, frozenset[int]]:
    """The period form and the municipalities of the report: one (out of sight: 404, logged) or all
    the user may monitor."""
    form = dashboard_form(request)
    if pk is None:
        return form, form.municipalities
    if pk not in form.municipalities:
        record_refused_read(request, purpose=PURPOSE, channel=Channel.UI)
        raise Http404
    return form, frozenset({pk})


@screen_login_required
@require_GET
def evaluation(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    form, municipalities = evaluation_scope(request, pk)
    errors = form_error_links(form)
    report = None
    if not errors:
        selection = form.selection()
        report = evaluation_report(municipalities, selection.start, selection.end, selection.today)
        record_aggregate_read(
            request,
            action=Action.READ,
            municipality_ids=municipalities,
            detail=f"evaluatierapport: {describe(form)}",
        )
    single = report.municipalities[0] if report and pk is not None else None
    return render(
        request,
        "monitoring/evaluation.html",
        {
            "form": form,
            "errors": errors,
            "error_title": summary_title(errors) if errors else "",
            "report": report,
            "single": single,
            "minimum": MINIMUM_CELL,
            "query": request.GET.urlencode(),
            "pdf_url": reverse("monitoring:evaluation_municipality_pdf", args=[pk])
            if pk is not None
            else reverse("monitoring:evaluation_pdf"),
            "active_menu": "monitoring",
        },
    )


@screen_login_required
@require_GET
def evaluation_pdf(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    form, municipalities = evaluation_scope(request, pk)
    if form.errors:
        return HttpResponse(
            _("De filters zijn ongeldig."), status=400, content_type="text/plain; charset=utf-8"
        )
    selection = form.selection()
    report = evaluation_report(municipalities, selection.start, selection.end, selection.today)
    response = HttpResponse(report_pdf(report), content_type="application/pdf")
    name = "evaluatie" if pk is None else f"evaluatie-{slugify(report.municipalities[0].name)}"
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    record_aggregate_read(
        request, action=Action.EXPORT, municipality_ids=municipalities, detail=f"{name}.pdf: {describe(form)}"
    )
    return response
