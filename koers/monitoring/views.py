"""The monitoring dashboard, the evaluation report and their exports (CSV per table, XLSX of all, the
report also as PDF): aggregates only, never a name or a BSN."""

from __future__ import annotations

from collections.abc import Callable

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
from koers.lib.forms import form_error_links
from koers.lib.views import screen_login_required

from . import kept
from .access import PURPOSE, monitored_municipalities, record_aggregate_read
from .evaluation import Report, evaluation_report, report_pdf, report_tables
from .exports import dashboard_tables, figure_table
from .figures import MINIMUM_CELL, Figure, computed_together, registry, rows_of
from .forms import DashboardForm, error_context
from .presentation import chart_of, table_rows
from .selection import Selection
from .tables import csv_download, download, xlsx_download


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
    sections, counted_at, municipality_count = [], None, 0
    if not errors:
        selection = form.selection()
        with computed_together():
            for figure in registry.values():
                rows = rows_of(figure, selection)
                sections.append(
                    {
                        "figure": figure,
                        "chart": chart_of(figure, rows),
                        "rows": table_rows(figure, rows),
                        "group_heading": selection.dimension.label,
                        "value_heading": figure.measure.heading,
                    }
                )
        counted_at, municipality_count = kept.computed_at(selection), len(selection.municipality_ids)
        record_aggregate_read(
            request, action=Action.READ, municipality_ids=selection.municipality_ids, detail=describe(form)
        )
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "form": form,
            **error_context(errors),
            "sections": sections,
            "counted_at": counted_at,
            "municipality_count": municipality_count,
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
    return export(
        request, f"{figure.key}.csv", lambda selection: csv_download(figure_table(figure, selection))
    )


@screen_login_required
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    name = "monitoring.xlsx"
    return export(request, name, lambda selection: xlsx_download(dashboard_tables(selection), name))


def invalid_filters() -> HttpResponse:
    return HttpResponse(_("De filters zijn ongeldig."), status=400, content_type="text/plain; charset=utf-8")


def export(request: HttpRequest, filename: str, make: Callable[[Selection], HttpResponse]) -> HttpResponse:
    form = dashboard_form(request)
    if form.errors:
        return invalid_filters()
    selection = form.selection()
    response = make(selection)
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


def report_of(form: DashboardForm, municipalities: frozenset[int], only: str | None = None) -> Report:
    selection = form.selection()
    return evaluation_report(
        municipalities, selection.start, selection.end, selection.today, selection.filters, only
    )


def report_name(report: Report, pk: int | None) -> str:
    return "evaluatie" if pk is None else f"evaluatie-{slugify(report.municipalities[0].name)}"


def evaluation_url(kind: str, pk: int | None, *args: str) -> str:
    """The report's page or a download of it (``kind``: "", "_pdf", "_xlsx", "_csv"), of all
    municipalities or of one."""
    if pk is None:
        return reverse(f"monitoring:evaluation{kind}", args=args)
    return reverse(f"monitoring:evaluation_municipality{kind}", args=[pk, *args])


@screen_login_required
@require_GET
def evaluation(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    form, municipalities = evaluation_scope(request, pk)
    errors = form_error_links(form)
    report = None
    if not errors:
        report = report_of(form, municipalities)
        record_aggregate_read(
            request,
            action=Action.READ,
            municipality_ids=municipalities,
            detail=f"evaluatierapport: {describe(form)}",
        )
    query = request.GET.urlencode()
    return render(
        request,
        "monitoring/evaluation.html",
        {
            "form": form,
            **error_context(errors),
            "report": report,
            "single": report.municipalities[0] if report and pk is not None else None,
            "minimum": MINIMUM_CELL,
            "query": query,
            "pdf_url": evaluation_url("_pdf", pk),
            "xlsx_url": evaluation_url("_xlsx", pk),
            "sections": [(s, evaluation_url("_csv", pk, s.key)) for s in report.sections] if report else [],
            "active_menu": "monitoring",
        },
    )


def evaluation_export(
    request: HttpRequest, pk: int | None, suffix: str, make: Callable[[Report, str], HttpResponse],
    only: str | None = None,
) -> HttpResponse:
    form, municipalities = evaluation_scope(request, pk)
    if form.errors:
        return invalid_filters()
    report = report_of(form, municipalities, only)
    name = f"{report_name(report, pk)}{suffix}"
    response = make(report, name)
    record_aggregate_read(
        request, action=Action.EXPORT, municipality_ids=municipalities, detail=f"{name}: {describe(form)}"
    )
    return response


@screen_login_required
@require_GET
def evaluation_pdf(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return evaluation_export(
        request, pk, ".pdf", lambda report, name: download(report_pdf(report), "application/pdf", name)
    )


@screen_login_required
@require_GET
def evaluation_xlsx(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return evaluation_export(
        request, pk, ".xlsx", lambda report, name: xlsx_download(report_tables(report), name)
    )


@screen_login_required
@require_GET
def evaluation_csv(request: HttpRequest, key: str, pk: int | None = None) -> HttpResponse:
    def make(report: Report, name: str) -> HttpResponse:
        section = report.section(key)
        if section is None:
            raise Http404
        return csv_download(section.table, name)

    return evaluation_export(request, pk, f"-{key}.csv", make, only=key)
