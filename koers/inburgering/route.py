"""What the services of the inburgering route share: who may see and change which part of the route,
the timeline entry every change writes, and DUO's rule violations as a form's validation error.

The route's records fall into three data categories: what DUO decides and reports (duty, term,
decisions, exams, MAP/PVT/Z-route) is ``DUO``; the offer and the hours are ``EDUCATION_WORK`` (a
language provider sees them of its own students); the municipality's fines are ``FINANCE``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from koers.access.constants import DataCategory, Role
from koers.access.models import User
from koers.access.query import categories_for, grants_for, grants_reaching
from koers.audit.log import record
from koers.audit.models import Action, Channel
from koers.people.constants import EventKind, EventSource
from koers.people.models import Person, TimelineEvent

from .rules import RuleViolation

TERM_CATEGORY = DataCategory.DUO
RESULTS_CATEGORY = DataCategory.DUO
OFFER_CATEGORY = DataCategory.EDUCATION_WORK
FINE_CATEGORY = DataCategory.FINANCE
PIP_CATEGORY = DataCategory.EDUCATION_WORK
"""The plan (brede intake, PIP) and its decisions."""
ROUTE_CATEGORIES = frozenset({TERM_CATEGORY, OFFER_CATEGORY, FINE_CATEGORY})

# Who changes the route's records in a dossier: the consultant decides; a language provider only
# reports the hours of its own students (``provider_organisations``).
MANAGING_ROLES = frozenset({Role.CONSULTANT})


def may_manage_route(user: User, person: Person) -> bool:
    return any(grant.role in MANAGING_ROLES for grant in grants_reaching(user, person))


def route_categories(user: User, person: Person) -> frozenset[DataCategory]:
    """The categories of the route the user may see of this person."""
    return categories_for(user, person) & ROUTE_CATEGORIES


def provider_organisations(user: User) -> frozenset[int]:
    """The language providers the user reports hours for."""
    return frozenset(grant.organisation_id for grant in grants_for(user) if grant.role == Role.TAALAANBIEDER)


def add_event(
    person: Person,
    *,
    title: str,
    category: DataCategory,
    actor: User | None,
    channel: Channel,
    body: str = "",
    kind: EventKind = EventKind.CHANGE,
    data: dict[str, Any] | None = None,
) -> TimelineEvent:
    """The timeline entry of one step of the route (titles are Dutch: the timeline is the record)."""
    return TimelineEvent.objects.create(
        person=person,
        kind=kind,
        category=category,
        title=title[:200],
        body=body,
        actor=actor,
        source=EventSource.API if channel == Channel.API else EventSource.UI,
        data=data or {},
    )


def log_change(
    *,
    actor: User,
    person: Person,
    action: Action,
    category: DataCategory,
    purpose: str,
    channel: Channel,
    request=None,
    detail: str = "",
) -> None:
    record(
        user=actor,
        action=action,
        persons=[person],
        categories=[category],
        purpose=purpose,
        channel=channel,
        request=request,
        detail=detail,
    )


def violations_error(violations: Iterable[RuleViolation], fields: dict[str, str] | None = None) -> ValidationError:
    """DUO's rule violations as one ``ValidationError`` keyed by form field (``fields`` maps a
    submission attribute to the form field that holds it); a violation without a field is general."""
    fields = fields or {}
    errors: dict[str, list[str]] = {}
    for violation in violations:
        key = fields.get(violation.field, violation.field) if violation.field else NON_FIELD_ERRORS
        errors.setdefault(key, []).append(violation.message)
    return ValidationError(errors)


def to_duo(person: Person, message_type: str, payload: dict, actor: User | None, about: models.Model,
           **path_params: str) -> None:
    """Put a message for DUO about the record ``about`` in the outbox (inside the caller's transaction);
    a message that does not follow DUO's specification is refused as a ``ValidationError`` and nothing
    is saved. Once DUO accepts it, ``about.sent_to_duo_at`` is set."""
    from koers.duo import outbox

    try:
        outbox.enqueue(person, message_type, payload, actor, path_params=path_params or None, about=about)
    except outbox.OutboxRefused as refused:
        raise ValidationError(str(refused)) from refused


def dutch_date(day) -> str:
    return f"{day:%d-%m-%Y}" if day else "—"
