"""The DUO tab of a dossier: messages to DUO with their status (resend, cancel) and DUO's
notifications about the person (mark an attention signal handled); and the list of persons DUO
announced who have no dossier yet (``koers.duo.announced``)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.access.constants import DataCategory
from koers.access.models import Municipality, User
from koers.access.query import can_edit, can_register_in, categories_for
from koers.audit.log import record, record_refused_read
from koers.audit.models import Action, Channel
from koers.duo import announced as announced_persons
from koers.duo import events, outbox, processing
from koers.duo.models import Notification, OutboxMessage
from koers.lib.views import screen_login_required
from koers.people.models import Person
from koers.people.views import dossier_context, find_person

PURPOSE = "DUO-berichten van het dossier"
ANNOUNCED_PURPOSE = "DUO: aangemelde inburgeringsplichtigen zonder dossier"


def _person_with_duo(request: HttpRequest, pk: int) -> Person:
    person = find_person(request, pk, PURPOSE)
    if DataCategory.DUO not in categories_for(request.user, person):
        record_refused_read(request, purpose=PURPOSE, channel=Channel.UI, attempted=pk)
        raise Http404(_("Dit dossier bestaat niet of je hebt er geen toegang toe."))
    return person


def _editable(request: HttpRequest, pk: int) -> Person:
    person = _person_with_duo(request, pk)
    if not can_edit(request.user, person):
        raise PermissionDenied(_("Je mag de berichten aan DUO van dit dossier niet wijzigen."))
    return person


@screen_login_required
@require_GET
def dossier(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_with_duo(request, pk)
    notifications = [
        (notification, events.event_type(notification.event_code))
        for notification in Notification.objects.filter(person=person).order_by("-received_at", "-id")
    ]
    context = {
        **dossier_context(request, person, "duo", _("DUO")),
        "outbox": OutboxMessage.objects.filter(person=person),
        "notifications": notifications,
        "may_edit": can_edit(request.user, person),
    }
    record(user=request.user, action=Action.READ, persons=[person], categories={DataCategory.DUO},
           purpose=PURPOSE, channel=Channel.UI, request=request)
    return render(request, "duo/dossier.html", context)


@screen_login_required
@require_POST
def resend(request: HttpRequest, pk: int, message_id: int) -> HttpResponse:
    return _act_on_message(
        request, pk, message_id, outbox.resend, _("Het bericht staat klaar om opnieuw naar DUO te gaan.")
    )


@screen_login_required
@require_POST
def cancel(request: HttpRequest, pk: int, message_id: int) -> HttpResponse:
    return _act_on_message(request, pk, message_id, outbox.cancel, _("Het bericht aan DUO is geannuleerd."))


def _act_on_message(
    request: HttpRequest,
    pk: int,
    message_id: int,
    act: Callable[[OutboxMessage, User], object],
    success: str,
) -> HttpResponse:
    """Apply ``act`` to one outbox message of an editable dossier; a refusal becomes an error message."""
    person = _editable(request, pk)
    message = get_object_or_404(OutboxMessage, pk=message_id, person=person)
    try:
        act(message, request.user)
    except outbox.OutboxRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, success)
    return redirect("duo:dossier", pk=person.pk)


def _notification(request: HttpRequest, pk: int, notification_id: int) -> Notification:
    """One of DUO's notifications about an editable dossier."""
    return get_object_or_404(Notification, pk=notification_id, person=_editable(request, pk))


@screen_login_required
@require_POST
def retry(request: HttpRequest, pk: int, notification_id: int) -> HttpResponse:
    if processing.retry(_notification(request, pk, notification_id)):
        messages.success(request, _("De gebeurtenis van DUO wordt opnieuw verwerkt."))
    else:
        messages.error(request, _("Deze gebeurtenis is niet mislukt en hoeft niet opnieuw te worden verwerkt."))
    return redirect("duo:dossier", pk=pk)


@screen_login_required
@require_POST
def handled(request: HttpRequest, pk: int, notification_id: int) -> HttpResponse:
    processing.mark_handled(_notification(request, pk, notification_id), request.user)
    messages.success(request, _("Het signaal van DUO is afgehandeld."))
    return redirect("duo:dossier", pk=pk)


def _registering(request: HttpRequest) -> frozenset[int]:
    allowed = can_register_in(request.user)
    if not allowed:
        raise PermissionDenied(_("Je rol mag geen personen registreren."))
    return allowed


@screen_login_required
@require_GET
def announced(request: HttpRequest) -> HttpResponse:
    """Persons DUO announced to the user's municipalities who have no dossier there yet."""
    rows = announced_persons.announcements(_registering(request))
    record(user=request.user, action=Action.READ, categories={DataCategory.BSN, DataCategory.DUO},
           purpose=ANNOUNCED_PURPOSE, channel=Channel.UI, request=request, aggregate=True,
           detail=f"{len(rows)} BSN's zonder dossier")
    return render(request, "duo/announced.html", {"rows": rows})


@screen_login_required
@require_POST
def announced_handled(request: HttpRequest, municipality_id: int) -> HttpResponse:
    """Close the announcement of the BSN in the form: it needs no dossier in this municipality."""
    if municipality_id not in _registering(request):
        raise Http404(_("Deze melding bestaat niet of je hebt er geen toegang toe."))
    municipality = get_object_or_404(Municipality, pk=municipality_id)
    bsn = request.POST.get("bsn", "")
    if bsn and announced_persons.dismiss(municipality, bsn, request.user):
        record(user=request.user, action=Action.UPDATE, categories={DataCategory.BSN, DataCategory.DUO},
               purpose=ANNOUNCED_PURPOSE, channel=Channel.UI, request=request, aggregate=True,
               municipality_id=municipality.pk, detail="Melding van DUO afgehandeld zonder dossier")
        messages.success(request, _("De melding van DUO is afgehandeld."))
    else:
        messages.error(request, _("Deze melding staat niet meer open."))
    return redirect("duo:announced")
