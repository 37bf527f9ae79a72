"""What users do with a signal: snooze it until a day, or resolve it. Both need a reason, land on the
person's timeline and in the audit log."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.models import User
from koers.access.query import grants_reaching
from koers.audit.log import record
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.lib.deadlines import kind_label
from koers.people.constants import EventKind, EventSource
from koers.people.models import TimelineEvent

from .access import ACTING_ROLES
from .models import Signal, SignalStatus

MAX_SNOOZE = dt.timedelta(days=366)
REASON_MAX = 300
PURPOSE = "Signaal afhandelen"


def may_act_on(user: User, signal: Signal) -> bool:
    """Through a grant that reaches the person, holds an acting role and shows the signal's category."""
    return any(
        g.role in ACTING_ROLES and signal.category in g.categories for g in grants_reaching(user, signal.person)
    )


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden op.")})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": _("Een reden is hoogstens %(max)d tekens.") % {"max": REASON_MAX}})
    return reason


def _check(user: User, signal: Signal) -> None:
    if not may_act_on(user, signal):
        raise PermissionDenied(_("Je mag dit signaal niet afhandelen."))
    if signal.status not in (SignalStatus.OPEN, SignalStatus.SNOOZED):
        raise ValidationError(_("Dit signaal is al afgehandeld of vervallen."))


def _log(user: User, signal: Signal, title: str, body: str, request, channel: Channel) -> None:
    TimelineEvent.objects.create(
        person=signal.person, kind=EventKind.STATUS, category=signal.category, title=title, body=body, actor=user,
        source=EventSource.API if channel == Channel.API else EventSource.UI,
        data={"signal": signal.pk, "kind": signal.kind, "reference": signal.reference, "status": signal.status},
    )
    record(user=user, action=Action.UPDATE, persons=[signal.person], categories=[signal.category],
           purpose=PURPOSE, channel=channel, request=request, detail=f"{signal.kind} {signal.reference}: {body}")


def resolve(*, actor: User, signal: Signal, reason: str, request=None, channel: Channel = Channel.UI) -> Signal:
    reason = _clean_reason(reason)
    _check(actor, signal)
    with transaction.atomic():
        signal.status = SignalStatus.RESOLVED
        signal.resolved_by, signal.resolved_at, signal.resolved_reason = actor, clock.now(), reason
        signal.snoozed_until = None
        signal.save(update_fields=["status", "resolved_by", "resolved_at", "resolved_reason", "snoozed_until"])
        label = kind_label(signal.kind)
        _log(actor, signal, _("Signaal afgehandeld: %(kind)s") % {"kind": label}, reason, request, channel)
    return signal


def snooze(
    *, actor: User, signal: Signal, until: dt.date, reason: str, request=None, channel: Channel = Channel.UI
) -> Signal:
    reason = _clean_reason(reason)
    today = clock.today()
    if until is None or until <= today:
        raise ValidationError({"until": _("Kies een datum na vandaag.")})
    if until > today + MAX_SNOOZE:
        raise ValidationError({"until": _("Uitstellen kan tot hoogstens een jaar vooruit.")})
    _check(actor, signal)
    with transaction.atomic():
        signal.status, signal.snoozed_until, signal.snooze_reason = SignalStatus.SNOOZED, until, reason
        signal.save(update_fields=["status", "snoozed_until", "snooze_reason"])
        title = _("Signaal uitgesteld tot %(day)s: %(kind)s") % {
            "day": f"{until:%d-%m-%Y}", "kind": kind_label(signal.kind)
        }
        _log(actor, signal, title, reason, request, channel)
    return signal
