"""The portal in the demo: one newcomer with a known phone number and e-mail address, Arabic as
their language and an appointment ahead, and the contact details of the demo organisations.

Call :func:`add_demo_portaal` after the begeleiding records exist; it may run any number of times."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from koers.access.models import Municipality, Organisation, User
from koers.begeleiding import services
from koers.begeleiding.models import Trajectory
from koers.lib import clock
from koers.people.constants import Phase
from koers.people.models import Person

from .dossier import next_appointment
from .models import ContactDetails

DEMO_PHONE = "06-00001916"
DEMO_EMAIL = "nieuwkomer.demo@example.org"
PURPOSE = "Demo: portaal inburgeraar"


@dataclass(frozen=True)
class DemoNewcomer:
    name: str
    phone: str
    email: str

    def instructions(self, url: str) -> str:
        return (f"Portaal inburgeraar: {url}portaal/ — log in als {self.name} met {self.phone} of {self.email}; "
                f"de code staat in /beheer/portaal/sentmessage/ (sms) of in de uitvoer van de server (e-mail).")


@transaction.atomic
def add_demo_portaal(
    municipality: Municipality, *, worker: User, organisations: Iterable[Organisation]
) -> DemoNewcomer | None:
    """Contact details for ``organisations`` and a newcomer of ``municipality`` with an open MB
    trajectory of ``worker``, reachable on the demo phone number; None when there is no such person."""
    for organisation in organisations:
        ContactDetails.objects.get_or_create(
            organisation=organisation,
            defaults={"phone": "070 300 1916", "email": f"info@{slugify(organisation.name)}.example.org",
                      "hours": "Maandag tot en met vrijdag, 9.00 tot 17.00 uur"})
    person = Person.objects.filter(phone=DEMO_PHONE).first() or _choose(municipality, worker)
    if person is None:
        return None
    if person.phone != DEMO_PHONE:
        person.phone, person.email = DEMO_PHONE, DEMO_EMAIL
        person.languages = ["ar", *[code for code in person.languages if code != "ar"]]
        person.save()
    trajectory = services.open_trajectory(person)
    if trajectory is not None and next_appointment(person, clock.now()) is None:
        day = clock.today() + dt.timedelta(days=3)
        services.plan_appointment(actor=worker, trajectory=trajectory,
                                  starts_at=timezone.make_aware(dt.datetime.combine(day, dt.time(10))),
                                  subject="Gesprek over uw plan", location="Gemeentehuis, balie 3",
                                  interpreter_language="ar", purpose=PURPOSE)
    return DemoNewcomer(person.full_name, DEMO_PHONE, DEMO_EMAIL)


def _choose(municipality: Municipality, worker: User) -> Person | None:
    """The first person of ``municipality`` that ``worker`` supports in the opstartfase or later."""
    trajectory = (Trajectory.objects.select_related("person")
                  .filter(person__municipality=municipality, worker=worker,
                          state__in=(Phase.OPSTARTFASE, Phase.VERDERE_BEGELEIDING))
                  .order_by("pk").first())
    return trajectory.person if trajectory else None
