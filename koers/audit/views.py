"""The audit log's screens for the functional administrator: search, the inzageverzoek export and
the unusual-access report, each limited to the administrator's municipalities."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koers.lib import clock
from koers.lib.forms import form_error_links, summary_title
from koers.lib.views import screen_login_required
from koers.people.models import Person

from . import inzage
from .forms import AuditSearchForm, PeriodForm
from .log import record, record_refused_read
from .models import Action, Channel
from .scope import entries_in_scope, privacy_scope
from .unusual import unusual_access

PAGE_SIZE = 50
PURPOSE_INZAGE = "Logboek: inzageverzoek van betrokkene"


@screen_login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    municipalities = privacy_scope(request)
    form = AuditSearchForm(request.GET or None)
    entries = form.apply(entries_in_scope(municipalities)).order_by("-at", "-id")
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    errors = form_error_links(form) if form.is_bound else []
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "errors": errors,
        "errors_title": summary_title(errors),
        "query": query.urlencode(),
        "active_menu": "privacy",
    }
    return render(request, "audit/search.html", context, status=400 if errors else 200)


def inzage_person(request: HttpRequest, person_id: int) -> Person:
    """A person of the administrator's municipalities; otherwise 404, and the attempt is logged."""
    municipalities = privacy_scope(request)
    person = Person.objects.filter(pk=person_id, municipality_id__in=municipalities).first()
    if person is None:
        record_refused_read(request, purpose=PURPOSE_INZAGE, channel=Channel.UI, attempted=person_id)
        raise Http404(_("Dit dossier bestaat niet of je hebt er geen toegang toe."))
    return person


def _log_inzage(request: HttpRequest, person: Person, kind: str) -> None:
    record(
        user=request.user,
        action=Action.EXPORT,
        persons=[person],
        purpose=PURPOSE_INZAGE,
        channel=Channel.UI,
        request=request,
        detail=f"Leesregels uit het logboek als {kind}",
    )


@screen_login_required
@require_GET
def inzage_csv(request: HttpRequest, person_id: int) -> HttpResponse:
    person = inzage_person(request, person_id)
    content = inzage.as_csv(inzage.read_rows(person))
    _log_inzage(request, person, "CSV")
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inzage-logboek-{person.pk}.csv"'
    return response


@screen_login_required
@require_GET
def inzage_pdf(request: HttpRequest, person_id: int) -> HttpResponse:
    person = inzage_person(request, person_id)
    content = inzage.as_pdf(person, inzage.read_rows(person))
    _log_inzage(request, person, "PDF")
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="inzage-logboek-{person.pk}.pdf"'
    return response


@screen_login_required
@require_GET
def unusual(request: HttpRequest) -> HttpResponse:
    municipalities = privacy_scope(request)
    form = PeriodForm(request.GET or None)
    start, end = form.period(clock.today())
    context = {
        "form": form,
        "start": start,
        "end": end,
        "reports": unusual_access(municipalities, start, end),
        "active_menu": "privacy",
    }
    return render(request, "audit/unusual.html", context)
