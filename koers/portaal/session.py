"""The portal session: the logged-in person's id under its own key, apart from the staff login.
A staff user logged in in the same browser stays who they are, and is never a newcomer here."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from koers.people.models import Person

from .languages import SESSION_KEY as LANGUAGE_KEY
from .languages import choose_language, preferred_language

PERSON_KEY = "portaal_person_id"
PENDING_KEY = "portaal_pending"


def log_in(request: HttpRequest, person: Person) -> None:
    """A new session key (against session fixation), the person's id, and their language unless the
    newcomer already chose one."""
    request.session.cycle_key()
    request.session.pop(PENDING_KEY, None)
    request.session[PERSON_KEY] = person.pk
    if LANGUAGE_KEY not in request.session:
        choose_language(request, preferred_language(person.languages))


def log_out(request: HttpRequest) -> None:
    request.session.pop(PERSON_KEY, None)
    request.session.cycle_key()


def current_person(request: HttpRequest) -> Person | None:
    person_id = request.session.get(PERSON_KEY)
    if person_id is None:
        return None
    return Person.objects.select_related("municipality", "consultant").filter(pk=person_id).first()


def person_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view gets ``request.person``; without a portal login the newcomer goes to the login page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        person = current_person(request)
        if person is None:
            return redirect("portaal:login")
        request.person = person
        return view(request, *args, **kwargs)

    return wrapped
