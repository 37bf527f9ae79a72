"""Restriction of processing (art. 18 AVG): a restricted dossier is kept but not changed."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from koers.access.constants import DataCategory
from koers.access.models import User
from koers.audit.log import record
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.people.constants import EventKind, EventSource
from koers.people.models import Person, TimelineEvent

from .models import Restriction


class DossierRestricted(PermissionDenied):
    """Raised when a change reaches a dossier whose processing is restricted."""


def restrictions_in_force(day: dt.date) -> QuerySet[Restriction]:
    return Restriction.objects.filter(
        Q(starts_on__lte=day),
        Q(ends_on__isnull=True) | Q(ends_on__gte=day),
        Q(lifted_on__isnull=True) | Q(lifted_on__gt=day),
    )


def is_restricted(person: Person, day: dt.date | None = None) -> bool:
    return restrictions_in_force(day or clock.today()).filter(person=person).exists()


def refuse_if_restricted(person: Person) -> None:
    """Called by every change of a dossier (``koers.people.changes.change_person``)."""
    if is_restricted(person):
        raise DossierRestricted(_("De verwerking van dit dossier is beperkt: wijzigen kan nu niet."))


def _timeline(person: Person, actor: User, title: str, body: str) -> None:
    TimelineEvent.objects.create(
        person=person,
        kind=EventKind.STATUS,
        category=DataCategory.NOTES,
        title=title,
        body=body,
        actor=actor,
        source=EventSource.UI,
    )


@transaction.atomic
def restrict(
    *, actor: User, person: Person, reason: str, starts_on: dt.date, ends_on: dt.date | None, request=None
) -> Restriction:
    restriction = Restriction(
        person=person, reason=reason, starts_on=starts_on, ends_on=ends_on, created_by=actor
    )
    restriction.full_clean()
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("De einddatum ligt voor de begindatum.")})
    restriction.save()
    period = f"{starts_on:%d-%m-%Y}" + (f" t/m {ends_on:%d-%m-%Y}" if ends_on else "")
    _timeline(person, actor, "Verwerking beperkt (AVG art. 18)", f"Vanaf {period}. Reden: {reason}")
    record(
        user=actor,
        action=Action.CREATE,
        persons=[person],
        categories=[DataCategory.NOTES],
        purpose="AVG: beperking van de verwerking",
        channel=Channel.UI,
        request=request,
        detail="Beperking vastgelegd",
    )
    return restriction


@transaction.atomic
def lift(*, actor: User, restriction: Restriction, request=None) -> None:
    today = clock.today()
    restriction.lifted_on = today
    restriction.save(update_fields=["lifted_on"])
    _timeline(
        restriction.person, actor, "Beperking van de verwerking opgeheven", f"Opgeheven op {today:%d-%m-%Y}."
    )
    record(
        user=actor,
        action=Action.UPDATE,
        persons=[restriction.person],
        categories=[DataCategory.NOTES],
        purpose="AVG: beperking van de verwerking",
        channel=Channel.UI,
        request=request,
        detail="Beperking opgeheven",
    )
