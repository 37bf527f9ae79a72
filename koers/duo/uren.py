"""Hours followed, to DUO (GevolgdeUren API, ``updateUrenParticipatieAlsTaallesByBsn``).

DUO keeps one figure: the total of the hours of Dutch and KNM lessons a person followed at a
course institution within their leerroute (hours of the brede intake do not count). Every report or
correction of hours (``koers.inburgering.uren``) puts the new total on the outbox in the same
transaction; a ``PUT`` replaces DUO's figure, so a correction is the new total, and a total still
waiting to be sent is cancelled in favour of the newer one.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from django.db.models import Sum

from koers.access.models import User
from koers.duo import outbox
from koers.duo.models import OutboxMessage
from koers.people.models import Person

MESSAGE_TYPE = "uren_participatie_als_taalles"


def total_hours(person: Person) -> int:
    """Whole hours followed on the person's offers (an hour is counted once it is complete)."""
    from koers.inburgering.models import Urenregistratie

    total = Urenregistratie.objects.filter(person=person, aanbod__isnull=False).aggregate(
        total=Sum("hours_attended")
    )["total"] or Decimal(0)
    return int(total.to_integral_value(rounding=ROUND_FLOOR))


def report_total(person: Person, actor: User | None) -> OutboxMessage | None:
    """Queue the person's total for DUO (inside the caller's transaction); nothing for a person DUO
    does not know (no inburgeringsplicht). Raises ``outbox.OutboxRefused`` when DUO's specification
    refuses the total."""
    from koers.inburgering.models import Inburgeringsplicht

    if not Inburgeringsplicht.objects.filter(person=person).exists():
        return None
    outbox.supersede(person, MESSAGE_TYPE)
    return outbox.enqueue(person, MESSAGE_TYPE, {"uren": total_hours(person)}, actor)
