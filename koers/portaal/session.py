"""The portal session: the logged-in person's id under its own key, apart from the staff login.
A staff user logged in in the same browser stays who they are, and is never a newcomer here.

Like DigiD, the portal logs the newcomer out after IDLE of doing nothing (on the Koers clock). What
they were sending at that moment is not lost: the form's input is kept in the browser's session as a
draft, the newcomer logs in again, comes back to the same page and finds their input there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koers.lib import clock
from koers.lib.redirects import local_url
from koers.lib.sessions import touch
from koers.people.models import Person

from .languages import SESSION_KEY as LANGUAGE_KEY
from .languages import choose_language, in_portal_language, preferred_language

PERSON_KEY = "portaal_person_id"
PENDING_KEY = "portaal_pending"
SEEN_KEY = "portaal_seen"
TIMED_OUT_KEY = "portaal_timed_out"
DRAFT_KEY = "portaal_draft"
NEXT_KEY = "portaal_next"
HOW_KEY = "portaal_login_how"
DRAFT_KEPT = dt.timedelta(hours=1)
NOT_KEPT = ("csrfmiddlewaretoken",)


def idle_limit() -> dt.timedelta:
    return dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)


def log_in(request: HttpRequest, person: Person, how: str) -> None:
    """A new session key (against session fixation), the person's id, how they logged in (for the
    record of a consent they give), and their language unless the newcomer already chose one. A draft
    typed by someone else in this browser is dropped."""
    request.session.cycle_key()
    request.session.pop(PENDING_KEY, None)
    draft = request.session.get(DRAFT_KEY)
    if draft and draft.get("person") not in (None, person.pk):
        request.session.pop(DRAFT_KEY)
    request.session.pop(TIMED_OUT_KEY, None)
    request.session[PERSON_KEY] = person.pk
    request.session[SEEN_KEY] = clock.now().isoformat()
    request.session[HOW_KEY] = how
    if LANGUAGE_KEY not in request.session:
        choose_language(request, preferred_language(person.languages))


def log_out(request: HttpRequest) -> None:
    for key in (PERSON_KEY, SEEN_KEY, DRAFT_KEY, NEXT_KEY, HOW_KEY, TIMED_OUT_KEY):
        request.session.pop(key, None)
    request.session.cycle_key()


def timed_out(request: HttpRequest) -> bool:
    seen = request.session.get(SEEN_KEY)
    return seen is not None and clock.now() - dt.datetime.fromisoformat(seen) > idle_limit()


def current_person(request: HttpRequest) -> Person | None:
    """The logged-in person, or None; an idle session is ended here (remembering whose it was, so
    that their draft goes back to them only)."""
    person_id = request.session.get(PERSON_KEY)
    if person_id is None:
        return None
    if timed_out(request):
        request.session.pop(PERSON_KEY)
        request.session[TIMED_OUT_KEY] = person_id
        return None
    touch(request.session, SEEN_KEY, clock.now())
    return Person.objects.select_related("municipality", "consultant").filter(pk=person_id).first()


def keep_draft(request: HttpRequest) -> None:
    data = {key: value for key, value in request.POST.items() if key not in NOT_KEPT}
    if data:
        request.session[DRAFT_KEY] = {
            "path": request.path,
            "data": data,
            "person": request.session.get(TIMED_OUT_KEY),
            "saved_at": clock.now().isoformat(),
        }


def page_to_return_to(request: HttpRequest) -> str:
    """The page asked for; for a form sent, the page it was sent from (a button such as "withdraw"
    has no page of its own)."""
    if request.method == "GET":
        return request.get_full_path()
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return urlsplit(referer).path
    return request.path


def draft_for(request: HttpRequest) -> dict[str, str] | None:
    """The input kept for this page when the session ended while it was sent (once, and only
    within DRAFT_KEPT)."""
    draft = request.session.get(DRAFT_KEY)
    if not draft or draft["path"] != request.path:
        return None
    request.session.pop(DRAFT_KEY)
    if clock.now() - dt.datetime.fromisoformat(draft["saved_at"]) > DRAFT_KEPT:
        return None
    messages.info(request, _("Wat u had ingevuld, staat er weer. Kijk het na en verstuur het opnieuw."))
    return draft["data"]


def page_after_login(request: HttpRequest) -> str:
    return local_url(request, request.session.pop(NEXT_KEY, ""), "portaal:home")


def person_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view gets ``request.person``; without a portal login the newcomer goes to the login page
    and, once logged in, back to this page. A form sent after the session ended is kept as a draft."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        person = current_person(request)
        if person is None:
            if request.method == "POST":
                keep_draft(request)
            if TIMED_OUT_KEY in request.session or request.method == "POST":
                messages.info(request, _("U was een tijd niet actief. Log opnieuw in. Daarna gaat u verder "
                                         "waar u was."))
            request.session[NEXT_KEY] = page_to_return_to(request)
            return redirect("portaal:login")
        request.person = person
        return view(request, *args, **kwargs)

    return wrapped


def portal_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of the newcomer's own dossier, logged in, in the portal's language (also the messages
    on the way to the login page)."""
    return in_portal_language(person_required(view))


def own_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of the newcomer's own dossier that only shows."""
    return require_GET(portal_view(view))
