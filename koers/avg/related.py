"""Every model that holds data about a person, found through the ORM rather than listed by hand:
models with a foreign key to ``people.Person`` or ``people.Household``, and models any number of steps
further (rows belonging to such a row, e.g. the items of an arrangement and the settlements of its
advances)."""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import models

from koers.people.models import Household, Person

# Apps whose models are about staff, sessions or the log itself, never the person.
NOT_ABOUT_PERSONS = frozenset({"audit", "auth", "contenttypes", "sessions", "admin", "authtoken"})


@dataclass(frozen=True)
class Holder:
    """A model holding data of a person or household, and the lookup from it to that owner."""

    model: type[models.Model]
    lookup: str
    owner: type[models.Model]

    @property
    def label(self) -> str:
        return self.model._meta.label


def _links_to(model: type[models.Model], target: type[models.Model]) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.related_model is target
    ]


def _candidates() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label not in NOT_ABOUT_PERSONS and m not in (Person, Household)
    ]


def holders() -> list[Holder]:
    """Each model about a person (``owner`` Person) or household (``owner`` Household), with the
    shortest lookup that reaches the owner; a model linked to both is listed under the person."""
    found: dict[type[models.Model], Holder] = {}
    for owner in (Person, Household):
        for model in _candidates():
            for name in _links_to(model, owner):
                found.setdefault(model, Holder(model, name, owner))
    step = list(found.values())
    while step:
        reached: dict[type[models.Model], Holder] = {}
        for holder in step:
            for model in _candidates():
                if model in found or model in reached:
                    continue
                for name in _links_to(model, holder.model):
                    reached.setdefault(model, Holder(model, f"{name}__{holder.lookup}", holder.owner))
        found |= reached
        step = list(reached.values())
    return sorted(found.values(), key=lambda h: h.label)


def rows_of(holder: Holder, person: Person) -> models.QuerySet:
    """The rows of ``holder`` about ``person`` (or about their household)."""
    if holder.owner is Person:
        return holder.model._default_manager.filter(**{holder.lookup: person})
    household = person.household
    if household is None:
        return holder.model._default_manager.none()
    return holder.model._default_manager.filter(**{holder.lookup: household})
