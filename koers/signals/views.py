"""Screens of the attention lists: mine, the team's, one dossier's signals, snoozing and resolving;
and the functional administrator's screen of the municipality's signal policy.

Lists filter and page in SQL (``access.visible_signals``) and log what they showed in one INSERT, so
they take the same number of queries for ten signals as for a thousand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import asdict

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from koers.access.models import Municipality, User
from koers.access.query import municipalities_with, roles_of
from koers.audit.log import loggable_id, record, record_refused_read
from koers.audit.models import Action, Channel, Outcome
from koers.lib import clock
from koers.lib.deadlines import kind_label
from koers.lib.forms import form_error_links, summary_title
from koers.lib.redirects import local_url
from koers.lib.views import screen_login_required
from koers.people.consultants import consultants_of
from koers.people.views import dossier_context, find_person, htmx_target, render_screen

from . import policy, services
from .access import POLICY_ROLES, TEAM_ROLES, active, may_act, may_see_team, mine, visible_signals
from .forms import ResolveForm, SignalFilterForm, SignalPolicyForm, SnoozeForm
from .models import LIVE_STATUSES, Signal, SignalPolicyVersion

PAGE_SIZE = 50
SOON = dt.timedelta(weeks=2)
TEAM_ORDER = ("last_name", "first_name", "id")
"""The team list groups per consultant, dossiers without one first (the same on every database)."""
HISTORY = 20
RESULTS = "signal-results"

PURPOSE_MINE = "Scherm: mijn aandachtslijst"
PURPOSE_TEAM = "Scherm: aandachtslijst team"
PURPOSE_DOSSIER = "Scherm: signalen van een dossier"
PURPOSE_ACTION = "Scherm: signaal afhandelen"
PURPOSE_POLICY = "Scherm: signaalbeleid"

def with_severity(signals: QuerySet[Signal], today: dt.date) -> QuerySet[Signal]:
    """0: overdue, 1: due within two weeks, 2: later; the list is ordered by it, then by due date."""
    return signals.annotate(
        severity=Case(
            When(due__lt=today, then=Value(0)),
            When(due__lte=today + SOON, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    )


def log_listed(request: HttpRequest, signals: Iterable[Signal], purpose: str) -> None:
    shown: dict[int, set[str]] = {}
    persons = {}
    for signal in signals:
        persons[signal.person_id] = signal.person
        shown.setdefault(signal.person_id, set()).add(signal.category)
    record(user=request.user, action=Action.LIST, persons=list(persons.values()), categories=shown,
           purpose=purpose, channel=Channel.UI, request=request)


def list_screen(request: HttpRequest, signals: QuerySet[Signal], form: SignalFilterForm, *, team: bool) -> HttpResponse:
    today = clock.today()
    signals = with_severity(form.apply(signals.filter(active(today)), today), today)
    signals = signals.select_related("person", "person__consultant")
    order = [F(f"person__consultant__{name}").asc(nulls_first=True) for name in TEAM_ORDER] if team else []
    page = Paginator(signals.order_by(*order, "severity", "due", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page)
    log_listed(request, rows, PURPOSE_TEAM if team else PURPOSE_MINE)
    context = {
        "form": form, "page": page, "rows": rows, "team": team, "today": today, "may_act": may_act(request.user),
        "active_menu": "attention_team" if team else "attention",
    }
    partial = htmx_target(request) == RESULTS
    return render_screen(request, "signals/_results.html" if partial else "signals/list.html", context)


@screen_login_required
@require_GET
def mine_view(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    form = SignalFilterForm(request.GET or None)
    signals = visible_signals(request.user, today).filter(mine(request.user, today))
    return list_screen(request, signals, form, team=False)


@screen_login_required
@require_GET
def team_view(request: HttpRequest) -> HttpResponse:
    if not may_see_team(request.user):
        raise PermissionDenied(_("Alleen een teamleider ziet de aandachtslijst van het team."))
    today = clock.today()
    signals = visible_signals(request.user, today)
    workers = consultants_of(municipalities_with(request.user, TEAM_ROLES)).order_by("last_name", "first_name", "pk")
    form = SignalFilterForm(request.GET or None, workers=workers)
    return list_screen(request, signals, form, team=True)


@screen_login_required
@require_GET
def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    person = find_person(request, pk, PURPOSE_DOSSIER)
    today = clock.today()
    signals = with_severity(visible_signals(request.user, today, Signal.objects.filter(person=person)), today)
    live = list(signals.filter(status__in=LIVE_STATUSES).select_related("person").order_by("severity", "due", "id"))
    history = list(
        signals.exclude(status__in=LIVE_STATUSES).select_related("resolved_by").order_by("-resolved_at", "-closed_at",
                                                                                         "-id")[:HISTORY]
    )
    record(user=request.user, action=Action.READ, persons=[person],
           categories={s.category for s in live + history}, purpose=PURPOSE_DOSSIER, channel=Channel.UI,
           request=request)
    context = {
        "rows": live, "history": history, "today": today, "may_act": may_act(request.user),
        **dossier_context(request, person, "signals", _("Signalen")),
    }
    return render_screen(request, "signals/dossier.html", context)


def find_signal(request: HttpRequest, pk: int) -> Signal:
    """A live signal the user sees; otherwise a 404, logged as a refused attempt on its dossier."""
    today = clock.today()
    found = None
    if loggable_id(pk):
        found = visible_signals(request.user, today, Signal.objects.select_related("person")).filter(
            pk=pk, status__in=LIVE_STATUSES
        ).first()
    if found is None:
        tried = Signal.objects.filter(pk=pk).values_list("person_id", flat=True).first() if loggable_id(pk) else None
        record_refused_read(request, purpose=PURPOSE_ACTION, channel=Channel.UI, attempted=tried)
        raise Http404(_("Dit signaal bestaat niet of je hebt er geen toegang toe."))
    return found


def back_to(request: HttpRequest) -> str:
    return local_url(request, request.POST.get("next", ""), "signals:mine")


def action_response(request: HttpRequest, signal: Signal, form, action: str, done: str | None) -> HttpResponse:
    context = {"signal": signal, "form": form, "action": action, "done": done, "today": clock.today(),
               "may_act": True, "next": request.POST.get("next", "")}
    if request.htmx:
        # htmx swaps only successful responses: the row with its errors comes back as a 200.
        return render(request, "signals/_action_result.html", context)
    if done:
        messages.success(request, done)
        return redirect(back_to(request))
    return render(request, "signals/action.html", context, status=422)


def act(request: HttpRequest, pk: int, form_class: type[forms.Form], action: str,
        perform: Callable[[Signal, dict], str]) -> HttpResponse:
    """Snooze or resolve a signal the user sees: ``perform`` calls the service and says what was done;
    a refusal of the service lands on the form, nothing changed."""
    signal = find_signal(request, pk)
    form = form_class(request.POST)
    done = None
    if form.is_valid():
        try:
            done = perform(signal, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
    return action_response(request, signal, form, action, done)


@screen_login_required
@require_POST
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(signal: Signal, data: dict) -> str:
        services.resolve(actor=request.user, signal=signal, reason=data["reason"], request=request)
        return _("Afgehandeld: %(kind)s van %(name)s.") % {"kind": kind_label(signal.kind),
                                                          "name": signal.person.full_name}

    return act(request, pk, ResolveForm, "resolve", perform)


@screen_login_required
@require_POST
def snooze(request: HttpRequest, pk: int) -> HttpResponse:
    def perform(signal: Signal, data: dict) -> str:
        services.snooze(actor=request.user, signal=signal, until=data["until"], reason=data["reason"],
                        request=request)
        return _("Uitgesteld tot %(day)s: %(kind)s van %(name)s.") % {
            "day": f"{signal.snoozed_until:%d-%m-%Y}", "kind": kind_label(signal.kind),
            "name": signal.person.full_name}

    return act(request, pk, SnoozeForm, "snooze", perform)


# ---------------------------------------------------------------- signal policy


def policy_municipalities(user: User) -> list[Municipality]:
    """The municipalities whose signal policy the user administers."""
    ids = municipalities_with(user, POLICY_ROLES)
    return list(Municipality.objects.filter(pk__in=ids).order_by("name"))


def _require_policy_role(request: HttpRequest) -> None:
    if not roles_of(request.user) & POLICY_ROLES:
        raise PermissionDenied(_("Alleen de functioneel beheerder wijzigt het signaalbeleid."))


@screen_login_required
@require_GET
def policy_index(request: HttpRequest) -> HttpResponse:
    _require_policy_role(request)
    municipalities = policy_municipalities(request.user)
    if len(municipalities) == 1:
        return redirect("signals:policy", municipality_id=municipalities[0].pk)
    return render(request, "signals/policy_index.html",
                  {"municipalities": municipalities, "active_menu": "signal_policy"})


@screen_login_required
@require_http_methods(["GET", "POST"])
def policy_edit(request: HttpRequest, municipality_id: int) -> HttpResponse:
    _require_policy_role(request)
    municipality = next((m for m in policy_municipalities(request.user) if m.pk == municipality_id), None)
    if municipality is None:
        record(user=request.user, action=Action.UPDATE if request.method == "POST" else Action.READ,
               purpose=PURPOSE_POLICY, channel=Channel.UI, request=request, outcome=Outcome.REFUSED,
               municipality_id=municipality_id if Municipality.objects.filter(pk=municipality_id).exists() else None,
               detail=f"Signaalbeleid van gemeente {loggable_id(municipality_id) or '?'}")
        raise Http404(_("Deze gemeente bestaat niet of je beheert haar signaalbeleid niet."))
    current = policy.current_thresholds(municipality)
    form = SignalPolicyForm(request.POST if request.method == "POST" else None, initial=asdict(current))
    if request.method == "POST" and form.is_valid():
        try:
            saved = policy.save_policy(actor=request.user, municipality=municipality, thresholds=form.thresholds(),
                                       reason=form.cleaned_data["reason"])
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages_)
        else:
            record(user=request.user, action=Action.UPDATE, purpose=PURPOSE_POLICY, channel=Channel.UI,
                   request=request, aggregate=True, municipality_id=municipality.pk,
                   detail=f"Versie {saved.version}: {policy.describe(saved)}")
            messages.success(request, _("Versie %(version)d van het signaalbeleid is opgeslagen. De signalen worden "
                                         "opnieuw berekend.") % {"version": saved.version})
            return redirect("signals:policy", municipality_id=municipality.pk)
    errors = form_error_links(form, form_anchor="signaalbeleid") if request.method == "POST" else []
    context = {
        "municipality": municipality, "form": form, "errors": errors, "errors_title": summary_title(errors),
        "versions": list(SignalPolicyVersion.objects.filter(municipality=municipality).select_related("created_by")
                         [:HISTORY]),
        "defaults": policy.DEFAULT, "active_menu": "signal_policy",
    }
    return render(request, "signals/policy.html", context, status=400 if errors else 200)
