"""Which dossier records the facts are made of, and the incremental refresh after a change: when one
of them is saved or deleted, its person is marked stale in the same transaction and refreshed once
the transaction commits (once per person per transaction, like ``koers.signals.hooks``)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

from koers.begeleiding.models import Trajectory, Transition
from koers.inburgering.models import (
    Boete,
    BredeIntake,
    Examenresultaat,
    Inburgeringsaanbod,
    Inburgeringsplicht,
    PipVersie,
    Termijnverlenging,
    Urenregistratie,
)
from koers.ontzorgen.models import Arrangement
from koers.ontzorgen.models import Extension as OntzorgenExtension
from koers.people.constants import HouseholdRelation
from koers.people.models import Assignment, HouseholdMember, Person

from .facts import refresh
from .models import PersonFacts, StaleFacts

_pending = threading.local()


def own_person(instance: models.Model) -> Iterable[int | None]:
    return [instance.person_id]


def the_person(instance: Person) -> Iterable[int]:
    return [instance.pk]


def trajectory_person(instance: Transition) -> Iterable[int]:
    return Trajectory.objects.filter(pk=instance.trajectory_id).values_list("person_id", flat=True)


def applicants(households) -> Iterable[int]:
    """The applicant of each household: the person an ontzorgen arrangement counts with."""
    return HouseholdMember.objects.filter(
        household__in=households, relation=HouseholdRelation.APPLICANT, person__isnull=False
    ).values_list("person_id", flat=True)


def arrangement_applicant(instance: Arrangement) -> Iterable[int]:
    return applicants([instance.household_id])


def extension_applicant(instance: OntzorgenExtension) -> Iterable[int]:
    return applicants(Arrangement.objects.filter(pk=instance.arrangement_id).values("household_id"))


def consultant_persons(instance: models.Model) -> Iterable[int]:
    """A deleted user's dossiers lose their consultant by an UPDATE that sends no signal."""
    return PersonFacts.objects.filter(consultant_id=instance.pk).values_list("person_id", flat=True)


SOURCES: dict[type[models.Model], Callable[[models.Model], Iterable[int | None]]] = {
    Person: the_person,
    Inburgeringsplicht: own_person,
    BredeIntake: own_person,
    PipVersie: own_person,
    Inburgeringsaanbod: own_person,
    Urenregistratie: own_person,
    Examenresultaat: own_person,
    Termijnverlenging: own_person,
    Boete: own_person,
    Assignment: own_person,
    HouseholdMember: own_person,
    Trajectory: own_person,
    Transition: trajectory_person,
    Arrangement: arrangement_applicant,
    OntzorgenExtension: extension_applicant,
}


def _ids() -> set[int]:
    if not hasattr(_pending, "ids"):
        _pending.ids = set()
    return _pending.ids


def flush() -> None:
    ids = sorted(_ids())
    _pending.ids = set()
    if ids:
        refresh(ids)


def mark_stale(person_ids: Iterable[int | None]) -> None:
    """Note these persons in the changing transaction and refresh them when it commits."""
    ids = {pk for pk in person_ids if pk is not None}
    if not ids:
        return
    StaleFacts.objects.bulk_create([StaleFacts(person_id=pk) for pk in sorted(ids)], ignore_conflicts=True)
    _ids().update(ids)
    transaction.on_commit(flush)


def changed(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    if not kwargs.get("raw"):
        mark_stale(SOURCES[sender](instance))


def user_deleted(sender: type[models.Model], instance: models.Model, **kwargs) -> None:
    mark_stale(consultant_persons(instance))


def connect() -> None:
    for model in SOURCES:
        uid = f"koers.monitoring.facts.{model._meta.label}"
        post_save.connect(changed, sender=model, dispatch_uid=f"{uid}.save")
        post_delete.connect(changed, sender=model, dispatch_uid=f"{uid}.delete")
    post_delete.connect(user_deleted, sender=get_user_model(), dispatch_uid="koers.monitoring.facts.user")
