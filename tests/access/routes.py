"""Every page and API endpoint, enumerated from the URL resolver, with its parameters filled in for a
target of the world (tests/access/world.py).

A parameter is filled by what it names: a person or a record of a person's dossier (``PERSON``), a
record of a municipality (``MUNICIPALITY``), or a code that is the same everywhere (``FREE``; a code
that picks one of several pages stands for all of them). A parameter this module cannot fill fails
``test_every_parameter_of_every_route_can_be_filled``: a new page never escapes the sweeps."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from django.apps import apps
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from koers.access.constants import Recipient
from koers.begeleiding.models import (
    Appointment,
    CaseMeetingItem,
    ChecklistItem,
    Extension,
    GroupSession,
    Invitation,
    Referral,
    SocialMapEntry,
    Task,
    Trajectory,
    Volunteer,
    VolunteerMatch,
    VolunteerReport,
)
from koers.duo.models import Notification, OutboxMessage
from koers.inburgering.models import Boete, BredeIntake, PipVersie
from koers.inburgering.models.participatie import Belemmering
from koers.inburgering.views_participatie import FORMS as PARTICIPATIE_FORMS
from koers.inburgering.views_route import BOETE_STEPS, ROUTE_FORMS
from koers.kwalitatief.models import FollowUpAction, InterviewRound, Participant, TopicList
from koers.kwalitatief.report import REPORT_TABLES
from koers.monitoring import catalogue  # noqa: F401  (registers the figures)
from koers.monitoring.evaluation import EXECUTION
from koers.monitoring.figures import registry as figures
from koers.ontzorgen.models import PaymentRun, PhaseOutStep, WithheldItem
from koers.people.models import Household, Person
from koers.signals.models import Signal

from .world import Target


class Kind(IntEnum):
    """What a route's parameters point at; a route is of the highest kind among its parameters."""

    FREE = 0
    MUNICIPALITY = 1
    PERSON = 2


class Unfilled(LookupError):
    """The world holds no record for this parameter and target."""


def ids(queryset: QuerySet, field: str = "pk") -> list[Any]:
    value = queryset.order_by(field).values_list(field, flat=True).first()
    if value is None:
        raise Unfilled(f"no {queryset.model._meta.label} for this target")
    return [value]


@dataclass(frozen=True)
class Param:
    kind: Kind
    values: Callable[[Target], list[Any]]


def person_record(model, lookup: str = "person", field: str = "pk") -> Param:
    return Param(Kind.PERSON, lambda t: ids(model.objects.filter(**{lookup: t.person}), field))


def municipality_record(model, lookup: str = "municipality") -> Param:
    return Param(Kind.MUNICIPALITY, lambda t: ids(model.objects.filter(**{lookup: t.municipality})))


def codes(values: Callable[[], list[Any]]) -> Param:
    return Param(Kind.FREE, lambda t: sorted(values()))


ARRANGEMENT_PERSON = "arrangement__household__members__person"
PERSON = Param(Kind.PERSON, lambda t: [t.person.pk])
MUNICIPALITY = Param(Kind.MUNICIPALITY, lambda t: [t.municipality.pk])
ANYTHING = Param(Kind.FREE, lambda t: ["x"])

# The meaning of "pk", by the start of the route (the longest start that fits wins).
PK_BY_PREFIX: dict[str, Param] = {
    "personen/": PERSON,
    "api/v1/^personen/": PERSON,
    "api/v1/personen/": PERSON,
    "aandacht/dossier/": PERSON,
    "duo/dossier/": PERSON,
    "aandacht/": person_record(Signal),
    "api/v1/^huishoudens/": person_record(Household, "members__person"),
    "monitoring/evaluatie/": MUNICIPALITY,
    "monitoring/gesprekken/": municipality_record(InterviewRound),
    "monitoring/gesprek/": person_record(Participant, field="interview_id"),
    "monitoring/vervolgacties/": person_record(FollowUpAction),
    "monitoring/topiclijsten/lijst/": municipality_record(TopicList),
}

BY_NAME: dict[str, Param] = {
    "person_id": PERSON,
    "municipality_id": MUNICIPALITY,
    "intake_id": person_record(BredeIntake),
    "number": person_record(PipVersie, field="number"),
    "boete_pk": person_record(Boete),
    "item_id": person_record(ChecklistItem, "trajectory__person"),
    "appointment_id": person_record(Appointment, "trajectory__person"),
    "task_id": person_record(Task, "trajectory__person"),
    "extension_id": person_record(Extension, "trajectory__person"),
    "match_id": person_record(VolunteerMatch, "household__members__person"),
    "report_id": person_record(VolunteerReport),
    "referral_id": person_record(Referral),
    "restriction_pk": person_record(apps.get_model("avg", "Restriction")),
    "barrier_pk": person_record(Belemmering),
    "consent_id": person_record(apps.get_model("access", "Consent")),
    "trajectory_id": person_record(Trajectory),
    "participant_pk": person_record(Participant),
    "invitation_id": person_record(Invitation),
    "message_id": person_record(OutboxMessage),
    "notification_id": person_record(Notification),
    "volunteer_id": municipality_record(Volunteer, "organisation__municipality"),
    "entry_id": municipality_record(SocialMapEntry),
    "session_id": municipality_record(GroupSession),
    "run_pk": municipality_record(PaymentRun),
    "step": codes(lambda: list(BOETE_STEPS)),
    "recipient": codes(lambda: list(Recipient.values)),
    "code": codes(lambda: list(figures)),
    # Django's own: the password reset link, and the admin site's.
    "uidb64": ANYTHING,
    "token": ANYTHING,
    "url": ANYTHING,
    "app_label": codes(lambda: list({model._meta.app_label for model in admin.site._registry})),
    "object_id": ANYTHING,
    "id": ANYTHING,
    "content_type_id": codes(lambda: [ContentType.objects.get_for_model(Person).pk]),
}

# Where a name means something else on one route.
BY_ROUTE: dict[tuple[str, str], Param] = {
    ("inburgering:route_form", "key"): codes(lambda: list(ROUTE_FORMS)),
    ("inburgering:participatie_form", "key"): codes(lambda: list(PARTICIPATIE_FORMS)),
    ("monitoring:export_csv", "key"): codes(lambda: list(figures)),
    ("monitoring:evaluation_csv", "key"): codes(lambda: [EXECUTION, *figures]),
    ("monitoring:evaluation_municipality_csv", "key"): codes(lambda: [EXECUTION, *figures]),
    ("kwalitatief:report_csv", "key"): codes(lambda: list(REPORT_TABLES)),
    ("ontzorgen:end_item", "part_pk"): person_record(WithheldItem, ARRANGEMENT_PERSON),
    ("ontzorgen:step_status", "part_pk"): person_record(PhaseOutStep, ARRANGEMENT_PERSON),
    ("begeleiding:case_meeting_outcome", "item_id"): person_record(CaseMeetingItem),
    ("begeleiding:invitation_letter", "session_id"): person_record(Invitation, field="session_id"),
}


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    params: tuple[str, ...]

    @property
    def api(self) -> bool:
        return self.pattern.startswith("api/")

    @property
    def admin(self) -> bool:
        return self.name.startswith("admin:")

    def param(self, name: str) -> Param:
        if (self.name, name) in BY_ROUTE:
            return BY_ROUTE[(self.name, name)]
        if name == "pk" and not self.admin:
            starts = [p for p in PK_BY_PREFIX if self.pattern.startswith(p)]
            if not starts:
                raise Unfilled(f"{self.name}: no meaning for pk under {self.pattern}")
            return PK_BY_PREFIX[max(starts, key=len)]
        if name not in BY_NAME:
            raise Unfilled(f"{self.name}: no meaning for parameter {name}")
        return BY_NAME[name]

    @property
    def kind(self) -> Kind:
        return max((self.param(p).kind for p in self.params), default=Kind.FREE)

    def urls(self, target: Target) -> list[str]:
        """The route's URLs for ``target``: one, or one per code when a parameter picks a page."""
        choices = [[(name, value) for value in self.param(name).values(target)] for name in self.params]
        return [reverse(self.name, kwargs=dict(combination)) for combination in itertools.product(*choices)]


def walk(patterns, prefix: str = "", namespace: str | None = None) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if namespace and entry.namespace:
                inner = f"{namespace}:{entry.namespace}"
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Route(name, prefix + str(entry.pattern), tuple(entry.pattern.regex.groupindex))


def routes() -> list[Route]:
    """Every named route, once (two routes with one name: the first, which ``reverse`` finds)."""
    unique: dict[str, Route] = {}
    for route in walk(get_resolver().url_patterns):
        unique.setdefault(route.name, route)
    return sorted(unique.values(), key=lambda r: r.pattern)


def targets_for(route: Route, targets: list[Target]) -> list[Target]:
    """A person route is tried on every target, a municipality route once per municipality, a route
    without either once."""
    if route.kind == Kind.PERSON:
        return targets
    if route.kind == Kind.MUNICIPALITY:
        first: dict[int, Target] = {}
        for target in targets:
            first.setdefault(target.municipality.pk, target)
        return list(first.values())
    return targets[:1]
