"""The audit log's screens: search and the inzageverzoek export for the functional administrator, and
the unusual-access report for the administrator and the team lead, each limited to their
municipalities."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koers.access.policy import PRIVACY_ROLES
from koers.access.query import municipalities_with
from koers.lib import clock
from koers.lib.forms import form_error_links, summary_title
from koers.lib.pagination import CappedPaginator
from koers.lib.views import screen_login_required
from koers.people.models import Person

from . import inzage
from .downloads import logged_download
from .forms import AuditSearchForm, PeriodForm
from .log import record_refused_read
from .models import Channel
from .scope import entries_in_scope, privacy_scope, unusual_access_scope
from .unusual import unusual_access

PAGE_SIZE = 50
COUNTED_AT_MOST = 10_000
"""The search counts the log's rows up to here (200 pages); past it, it asks for a narrower search."""
PURPOSE_INZAGE = "Logboek: inzageverzoek van betrokkene"


@screen_login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    municipalities = privacy_scope(request)
    form = AuditSearchForm(request.GET or None)
    entries = form.apply(entries_in_scope(municipalities)).order_by("-at", "-id")
    page = CappedPaginator(entries, PAGE_SIZE, COUNTED_AT_MOST).get_page(request.GET.get("page"))
    errors = form_error_links(form) if form.is_bound else []
    context = {
        "form": form,
        "page": page,
        "errors": errors,
        "errors_title": summary_title(errors),
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


# Per format of the inzage export: its content type and how it is written.
INZAGE_FORMATS: dict[str, tuple[str, Callable[[Person, list[inzage.ReadRow]], bytes | str]]] = {
    "csv": ("text/csv; charset=utf-8", lambda person, rows: inzage.as_csv(rows)),
    "pdf": ("application/pdf", inzage.as_pdf),
}


@screen_login_required
@require_GET
def inzage_export(request: HttpRequest, person_id: int, kind: str) -> HttpResponse:
    person = inzage_person(request, person_id)
    content_type, write = INZAGE_FORMATS[kind]
    return logged_download(
        request,
        person,
        content=write(person, inzage.read_rows(person)),
        content_type=content_type,
        filename=f"inzage-logboek-{person.pk}.{kind}",
        purpose=PURPOSE_INZAGE,
        detail=f"Leesregels uit het logboek als {kind.upper()}",
    )


@screen_login_required
@require_GET
def unusual(request: HttpRequest) -> HttpResponse:
    municipalities = unusual_access_scope(request)
    form = PeriodForm(request.GET or None)
    start, end = form.period(clock.today())
    errors = form_error_links(form) if form.is_bound else []
    context = {
        "form": form,
        "errors": errors,
        "errors_title": summary_title(errors),
        "start": start,
        "end": end,
        "reports": unusual_access(municipalities, start, end),
        "active_menu": "privacy" if municipalities_with(request.user, PRIVACY_ROLES) else "unusual",
    }
    return render(request, "audit/unusual.html", context, status=400 if errors else 200)
