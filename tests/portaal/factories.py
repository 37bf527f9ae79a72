"""Newcomers with a registered phone number and e-mail address, their appointments (through the
begeleiding services) and a test client logged in to the portal."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client
from django.utils import timezone

from koers.access.models import User
from koers.begeleiding import services
from koers.begeleiding.models import Appointment, Trajectory
from koers.people.constants import Phase
from koers.people.models import Person
from koers.portaal.models import SentMessage
from koers.portaal.session import PERSON_KEY
from tests.begeleiding.factories import PURPOSE, trajectory_in

PHONE = "06 1234 5678"
EMAIL = "amina.haddad@example.org"


def with_address(person: Person, *, phone: str = PHONE, email: str = EMAIL) -> Person:
    person.phone = phone
    person.email = email
    person.save()
    return person


def moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def trajectory_for(person: Person, worker: User) -> Trajectory:
    return trajectory_in(Phase.OPSTARTFASE, person, worker)


def appointment_for(trajectory: Trajectory, worker: User, day: dt.date, subject: str = "Huisbezoek") -> Appointment:
    return services.plan_appointment(actor=worker, trajectory=trajectory, starts_at=moment(day), subject=subject,
                                     location="Stadhuis", interpreter_language="ar", purpose=PURPOSE)


def portal_client(person: Person) -> Client:
    """A browser logged in to the portal as ``person`` (the session the code login leaves behind)."""
    client = Client()
    session = client.session
    session[PERSON_KEY] = person.pk
    session.save()
    return client


def last_code() -> str:
    return re.search(r"\b(\d{6})\b", SentMessage.objects.latest("sent_at", "id").body).group(1)
