"""Hours to DUO (GevolgdeUren API): totals that replace DUO's figure with every change.

* ``uren_participatie_als_taalles`` (``PUT .../uren/participatietaalles``): the whole hours of Dutch
  and KNM lessons a person followed at a course institution within their leerroute (hours of the
  brede intake do not count). Every report or correction of hours (``koers.inburgering.uren``) calls
  ``report_total`` in its transaction.
* ``uren_participatieactiviteiten`` (``PUT .../uren/participatieactiviteiten``): the whole hours of
  participation of an asylum migrant on the Z-route, informal participation included (DOMAIN §4).
  Every participation recorded (``koers.inburgering.models.Participatie``) queues the new total in
  the transaction that saves it (``connect``).

A ``PUT`` replaces DUO's figure, so a correction is the new total, and a total still waiting to be
sent is cancelled in favour of the newer one. Nothing goes for a person DUO does not know (no
inburgeringsplicht).
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet, Sum
from django.db.models.signals import post_save

from koers.access.models import User
from koers.duo import outbox
from koers.duo.models import MessageType, OutboxMessage
from koers.people.models import Person

MESSAGE_TYPE = MessageType.UREN_PARTICIPATIE_ALS_TAALLES
PARTICIPATION_TYPE = MessageType.UREN_PARTICIPATIEACTIVITEITEN


def _whole(total: Decimal | None) -> int:
    """Whole hours: an hour counts once it is complete."""
    return int((total or Decimal(0)).to_integral_value(rounding=ROUND_FLOOR))


def _lessons() -> QuerySet:
    from koers.inburgering.models import Urenregistratie

    return Urenregistratie.objects.filter(aanbod__isnull=False)


def _participation() -> QuerySet:
    from koers.inburgering.models import Participatie

    return Participatie.objects.all()


def total_hours(person: Person) -> int:
    """Whole hours followed on the person's offers."""
    return _whole(_lessons().filter(person=person).aggregate(total=Sum("hours_attended"))["total"])


def participation_hours(person: Person) -> int:
    """Whole hours of participation recorded for the person."""
    return _whole(_participation().filter(person=person).aggregate(total=Sum("hours"))["total"])


def totals_per_person(person_ids: list[int]) -> dict[int, tuple[int, int]]:
    """(lesson hours, participation hours) of many persons, in two queries."""
    lessons = _lessons().filter(person_id__in=person_ids).values("person_id").annotate(total=Sum("hours_attended"))
    participation = _participation().filter(person_id__in=person_ids).values("person_id").annotate(total=Sum("hours"))
    by_lessons = {row["person_id"]: _whole(row["total"]) for row in lessons}
    by_participation = {row["person_id"]: _whole(row["total"]) for row in participation}
    return {pk: (by_lessons.get(pk, 0), by_participation.get(pk, 0)) for pk in person_ids}


def _known_to_duo(person: Person) -> bool:
    from koers.inburgering.models import Inburgeringsplicht

    return Inburgeringsplicht.objects.filter(person=person).exists()


def counts_participation(doelgroep: str, current_leerroute: str | None) -> bool:
    """DUO counts participation hours for the Z-route of an asielstatushouder."""
    from koers.inburgering.constants import Doelgroepindeling, Leerroute

    return doelgroep == Doelgroepindeling.ASIELSTATUSHOUDER and current_leerroute == Leerroute.Z_ROUTE


def on_z_route_as_asylum_migrant(person: Person) -> bool:
    from koers.inburgering.constants import PipStatus
    from koers.inburgering.models import Inburgeringsplicht, PipVersie

    plicht = Inburgeringsplicht.objects.filter(person=person).first()
    current = PipVersie.objects.filter(person=person, status=PipStatus.VASTGESTELD).first()
    return plicht is not None and counts_participation(plicht.doelgroep, current.leerroute if current else None)


def _queue_total(person: Person, message_type: str, hours: int, actor: User | None) -> OutboxMessage:
    outbox.supersede(person, message_type)
    return outbox.enqueue(person, message_type, {"uren": hours}, actor)


def report_total(person: Person, actor: User | None) -> OutboxMessage | None:
    """Queue the person's total of lesson hours for DUO (inside the caller's transaction). Raises
    ``outbox.OutboxRefused`` when DUO's specification refuses the total."""
    if not _known_to_duo(person):
        return None
    return _queue_total(person, MESSAGE_TYPE, total_hours(person), actor)


def report_participation(person: Person, actor: User | None) -> OutboxMessage | None:
    """Queue the person's total of participation hours for DUO when DUO counts them (Z-route,
    asylum migrant). Raises ``outbox.OutboxRefused`` when DUO's specification refuses the total."""
    if not on_z_route_as_asylum_migrant(person):
        return None
    return _queue_total(person, PARTICIPATION_TYPE, participation_hours(person), actor)


def participation_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    """A participation record was saved: its new total goes with it, or neither is stored."""
    if raw:
        return
    try:
        report_participation(instance.person, instance.recorded_by)
    except outbox.OutboxRefused as refused:
        raise ValidationError({"hours": str(refused)}) from refused


def connect() -> None:
    from koers.inburgering.models import Participatie

    post_save.connect(participation_saved, sender=Participatie, dispatch_uid="koers.duo.uren.participatie")
