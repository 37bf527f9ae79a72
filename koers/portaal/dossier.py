"""What the portal shows of the newcomer's own dossier. Every function takes the logged-in person
and reads only their records; the views log each read."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory
from koers.begeleiding.constants import AppointmentStatus, ChecklistStatus
from koers.begeleiding.models import Appointment, ChecklistItem, PlanGoal, Trajectory
from koers.begeleiding.services import latest_trajectory, open_trajectory
from koers.inburgering.constants import Leerroute
from koers.inburgering.models import PipVersie
from koers.inburgering.pip import current_pip
from koers.people.models import Person

# What each leerroute means, in short sentences (taalniveau B1).
ROUTE_TEXTS = {
    Leerroute.B1_ROUTE: _("U leert Nederlands tot niveau B1. Daarna kunt u zich goed redden in het dagelijks "
                          "leven en op het werk. U doet examens."),
    Leerroute.ONDERWIJSROUTE: _("U leert Nederlands en bereidt u voor op een opleiding in het mbo of hbo."),
    Leerroute.Z_ROUTE: _("U leert Nederlands en u doet mee in de samenleving, bijvoorbeeld met "
                         "vrijwilligerswerk. U hoeft geen taalexamen te doen."),
}
ROUTE_NAMES = {
    Leerroute.B1_ROUTE: _("B1-route"),
    Leerroute.ONDERWIJSROUTE: _("Onderwijsroute"),
    Leerroute.Z_ROUTE: _("Z-route"),
}

# Data categories of what each page shows, for the audit log.
HOME_CATEGORIES = (DataCategory.IDENTITY, DataCategory.CONTACT)
APPOINTMENT_CATEGORIES = (DataCategory.CONTACT,)
PLAN_CATEGORIES = (DataCategory.EDUCATION_WORK, DataCategory.NOTES)
TASK_CATEGORIES = (DataCategory.NOTES,)
DOCUMENT_CATEGORIES = (DataCategory.IDENTITY, DataCategory.CONTACT, DataCategory.EDUCATION_WORK)


def own_appointments(person: Person) -> QuerySet[Appointment]:
    return Appointment.objects.filter(trajectory__person=person).exclude(status=AppointmentStatus.CANCELLED)


def upcoming_appointments(person: Person, now) -> list[Appointment]:
    return list(own_appointments(person).filter(status=AppointmentStatus.PLANNED, starts_at__gte=now)
                .order_by("starts_at", "id"))


def next_appointment(person: Person, now) -> Appointment | None:
    upcoming = upcoming_appointments(person, now)
    return upcoming[0] if upcoming else None


def own_appointment(person: Person, appointment_id: int) -> Appointment | None:
    """One of the person's own appointments; None for any other id."""
    return own_appointments(person).filter(pk=appointment_id).first()


def owner_of_appointment(appointment_id: int) -> int | None:
    return Appointment.objects.filter(pk=appointment_id).values_list("trajectory__person_id", flat=True).first()


@dataclass(frozen=True)
class Plan:
    pip: PipVersie | None
    route_name: str
    route_text: str
    goals: list[PlanGoal]


def plan_of(person: Person) -> Plan:
    """The decided PIP (the version in force) and the goals of the MB support plan."""
    pip = current_pip(person)
    route = Leerroute(pip.leerroute) if pip else None
    trajectory = latest_trajectory(person)
    goals = list(trajectory.goals.all()) if trajectory else []
    return Plan(pip=pip, route_name=str(ROUTE_NAMES[route]) if route else "",
                route_text=str(ROUTE_TEXTS[route]) if route else "", goals=goals)


def open_tasks(person: Person) -> list[ChecklistItem]:
    """What still has to be arranged in the newcomer's own affairs: the open items of the start-up
    checklist of the running MB trajectory (a bank account, insurance, a GP). The MB's Task records
    are the workers' own work and are not shown."""
    trajectory = open_trajectory(person)
    if trajectory is None:
        return []
    return list(trajectory.checklist.filter(status__in=(ChecklistStatus.OPEN, ChecklistStatus.IN_PROGRESS)))


@dataclass(frozen=True)
class Document:
    key: str
    title: str
    date: object
    url_args: tuple


def decided_pip(person: Person, number: int) -> PipVersie:
    pip = current_pip(person)
    if pip is None or pip.number != number:
        raise Http404
    return pip


def handover_trajectory(person: Person, trajectory_id: int) -> Trajectory | None:
    return Trajectory.objects.filter(person=person, pk=trajectory_id, handover__isnull=False).first()


def owner_of_trajectory(trajectory_id: int) -> int | None:
    return Trajectory.objects.filter(pk=trajectory_id).values_list("person_id", flat=True).first()


def documents_of(person: Person) -> list[Document]:
    documents = []
    pip = current_pip(person)
    if pip is not None:
        documents.append(Document("pip", str(_("Brief over uw inburgeringsplan (PIP)")), pip.dagtekening,
                                  (pip.number,)))
    for trajectory in Trajectory.objects.filter(person=person, handover__isnull=False).select_related("handover"):
        documents.append(Document("handover", str(_("Overdracht aan het einde van de begeleiding")),
                                  trajectory.handover.recorded_at.date(), (trajectory.pk,)))
    return documents
