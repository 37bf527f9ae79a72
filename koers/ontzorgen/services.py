"""Domain actions on ontzorgingsarrangementen. Screens and commands call these; each one checks its
rules, writes the change, the timeline entries of the household's dossiers and one audit entry, all
or nothing. A broken rule raises ``ValidationError`` with a Dutch message and changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import formats
from django.utils.translation import gettext as _

from koers.access.constants import DataCategory, Role
from koers.access.models import User
from koers.access.query import grants_reaching
from koers.audit.log import record
from koers.audit.models import Action
from koers.lib.changes import ChangeContext
from koers.lib.records import record_language
from koers.lib.sql import in_lists
from koers.people.constants import EventKind, HouseholdRelation
from koers.people.models import Household, HouseholdMember, Person, TimelineEvent

from .constants import ITEM_FIELDS, STEP_FIELDS, ItemKind, RunStatus, StepKind, StepStatus
from .models import Arrangement, Extension, PaymentLine, PhaseOutStep, WithheldItem

EDITING_ROLES = frozenset({Role.CONSULTANT})
Part = TypeVar("Part", bound=models.Model)

STEP_OUTCOME = {StepStatus.DONE: "gedaan", StepStatus.CANCELLED: "vervallen"}

_RELATION_ORDER = {relation: index for index, relation in enumerate(HouseholdRelation)}


def may_see(categories: Iterable[DataCategory]) -> bool:
    return DataCategory.FINANCE in set(categories)


def may_edit(user: User, person: Person) -> bool:
    """Only the municipality's consultant decides on ontzorgen."""
    return any(grant.role in EDITING_ROLES for grant in grants_reaching(user, person))


def day_text(day: dt.date) -> str:
    return f"{day:%d-%m-%Y}"


def month_text(month: dt.date) -> str:
    with record_language():
        return f"{formats.date_format(month, 'F').lower()} {month.year}"


def household_persons(household: Household) -> list[Person]:
    """The members of the household who have a dossier, the applicant first."""
    members = HouseholdMember.objects.filter(household=household, person__isnull=False).select_related(
        "person"
    )
    ordered = sorted(members, key=lambda m: (_RELATION_ORDER[HouseholdRelation(m.relation)], m.person_id))
    return [m.person for m in ordered]


def main_persons(household_ids: Iterable[int]) -> dict[int, Person]:
    """For each household the one dossier that speaks for it (the applicant, else the first member
    with a dossier): one query per ``IN_LIST_SIZE`` households."""
    members = (
        member
        for part in in_lists(set(household_ids))
        for member in HouseholdMember.objects.filter(household_id__in=part, person__isnull=False).select_related(
            "person"
        )
    )
    chosen: dict[int, HouseholdMember] = {}
    for member in members:
        key = (_RELATION_ORDER[HouseholdRelation(member.relation)], member.person_id)
        current = chosen.get(member.household_id)
        if current is None or key < (_RELATION_ORDER[HouseholdRelation(current.relation)], current.person_id):
            chosen[member.household_id] = member
    return {household_id: member.person for household_id, member in chosen.items()}


def _write(
    arrangement: Arrangement,
    *,
    by: ChangeContext,
    kind: EventKind,
    title: str,
    body: str,
    action: Action,
    data: Mapping[str, Any] | None = None,
) -> None:
    """The timeline entry on every dossier of the household and one audit entry for all of them."""
    persons = household_persons(arrangement.household)
    TimelineEvent.objects.bulk_create(
        TimelineEvent(
            person=person,
            kind=kind,
            category=DataCategory.FINANCE,
            title=title[:200],
            body=body,
            actor=by.actor,
            source=by.event_source,
            data={"ontzorgen": arrangement.pk, **(data or {})},
        )
        for person in persons
    )
    record(action=action, persons=persons, categories=[DataCategory.FINANCE], detail=title, **by.audit_arguments())


@transaction.atomic
def start_arrangement(
    *, household: Household, start: dt.date, by: ChangeContext
) -> Arrangement:
    if Arrangement.objects.filter(household=household).exists():
        raise ValidationError(_("Dit huishouden heeft al een ontzorgingsarrangement."))
    arrangement = Arrangement(household=household, start=start, created_by=by.actor)
    arrangement.full_clean()
    arrangement.save()
    _write(
        arrangement,
        by=by,
        kind=EventKind.STATUS,
        title="Financieel ontzorgen gestart",
        body=f"Eerste uitkeringsbetaling {day_text(start)}; ontzorgen loopt tot en met {day_text(arrangement.last_day)}.",
        action=Action.CREATE,
    )
    return arrangement


@transaction.atomic
def extend_arrangement(
    *,
    arrangement: Arrangement,
    months: int,
    reason: str,
    by: ChangeContext,
) -> Extension:
    if arrangement.ended_on:
        raise ValidationError(_("Een beëindigd arrangement kan niet worden verlengd."))
    extension = Extension(arrangement=arrangement, months=months, reason=reason.strip(), approved_by=by.actor)
    extension.full_clean(exclude=["arrangement"])
    extension.save()
    _write(
        arrangement,
        by=by,
        kind=EventKind.STATUS,
        title=f"Financieel ontzorgen verlengd met {months} maanden",
        body=f"Loopt nu tot en met {day_text(arrangement.last_day)}. Reden: {extension.reason}",
        action=Action.UPDATE,
        data={"months": months},
    )
    return extension


def last_paid_month(item: WithheldItem) -> dt.date | None:
    """The latest month for which a run that is not cancelled pays this item."""
    return (
        PaymentLine.objects.filter(item=item)
        .exclude(run__status=RunStatus.CANCELLED)
        .aggregate(last=Max("run__month"))["last"]
    )


def _check_not_before_paid(item: WithheldItem, last_day: dt.date) -> None:
    paid = last_paid_month(item)
    if paid is not None and last_day < paid:
        raise ValidationError(
            _(
                "%(item)s is al opgenomen in de betaalronde van %(month)s. Kies een einddatum op of na "
                "%(day)s, of annuleer eerst die betaalronde."
            )
            % {"item": item.label, "month": month_text(paid), "day": day_text(paid)}
        )


@transaction.atomic
def end_arrangement(
    *,
    arrangement: Arrangement,
    ended_on: dt.date,
    reason: str,
    by: ChangeContext,
) -> Arrangement:
    """The right to benefit ended: ontzorgen ends on ``ended_on`` (the first day without it)."""
    if arrangement.ended_on:
        raise ValidationError(_("Dit arrangement is al beëindigd."))
    if not arrangement.start < ended_on < arrangement.end:
        raise ValidationError(
            _("De einddatum ligt na de start (%(start)s) en vóór het geplande einde (%(end)s).")
            % {"start": day_text(arrangement.start), "end": day_text(arrangement.end)}
        )
    for item in arrangement.items.all():
        _check_not_before_paid(item, ended_on - dt.timedelta(days=1))
    arrangement.ended_on = ended_on
    arrangement.end_reason = reason.strip()
    arrangement.full_clean()
    arrangement.save(update_fields=["ended_on", "end_reason"])
    _write(
        arrangement,
        by=by,
        kind=EventKind.STATUS,
        title="Financieel ontzorgen beëindigd",
        body=f"Laatste dag {day_text(ended_on - dt.timedelta(days=1))}. Reden: {arrangement.end_reason}",
        action=Action.UPDATE,
    )
    return arrangement


def _only_fields(data: Mapping[str, Any], fields: Iterable[str], what: str) -> None:
    """A programming error, not the user's: ``data`` names a field the service does not take."""
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"Not a field of {what}: {sorted(unknown)}")


def check_within(arrangement: Arrangement, day: dt.date, field: str) -> None:
    """``day`` (of the form's ``field``) must fall inside the arrangement."""
    if not arrangement.start <= day < arrangement.end:
        raise ValidationError(
            {
                field: _("Kies een datum vanaf %(start)s tot en met %(last)s, binnen het arrangement.")
                % {"start": day_text(arrangement.start), "last": day_text(arrangement.last_day)}
            }
        )


def _check_item_period(arrangement: Arrangement, item: WithheldItem) -> None:
    check_within(arrangement, item.valid_from, "valid_from")
    if item.kind == ItemKind.OTHER and not item.description.strip():
        raise ValidationError({"description": _("Geef een omschrijving voor een overige vaste last.")})


def add_part(
    arrangement: Arrangement,
    model: type[Part],
    data: Mapping[str, Any],
    *,
    key: str,
    fields: Iterable[str],
    check: Callable[[Arrangement, Part], None],
    describe: Callable[[Part], tuple[str, str]],
    by: ChangeContext,
) -> Part:
    """Add a row of ``model`` (a withheld item, a phase-out step, an advance) to the arrangement:
    only ``fields`` are taken from ``data``; the model's own checks, then ``check``, then the row is
    stored with a timeline entry (``describe`` gives its title and body, ``key`` names the row in the
    entry's data) and an audit entry."""
    _only_fields(data, fields, str(model._meta.verbose_name))
    part = model(arrangement=arrangement, **data)
    part.full_clean(exclude=["arrangement"])
    check(arrangement, part)
    part.save()
    title, body = describe(part)
    _write(
        arrangement,
        by=by,
        kind=EventKind.CHANGE,
        title=title,
        body=body,
        action=Action.CREATE,
        data={key: part.pk},
    )
    return part


@transaction.atomic
def add_item(
    *,
    arrangement: Arrangement,
    data: Mapping[str, Any],
    by: ChangeContext,
) -> WithheldItem:
    compact = {name: str(data.get(name, "")).replace(" ", "").upper() for name in ("payee_iban", "payee_bic")}
    return add_part(
        arrangement,
        WithheldItem,
        {**data, **compact},
        key="item",
        fields=ITEM_FIELDS,
        check=_check_item_period,
        describe=lambda item: (
            f"Vaste last ingehouden: {item.label}",
            f"€ {item.amount} per maand aan {item.payee_name}, vanaf {day_text(item.valid_from)}.",
        ),
        by=by,
    )


@transaction.atomic
def end_item(
    *,
    item: WithheldItem,
    valid_until: dt.date,
    by: ChangeContext,
) -> WithheldItem:
    """Stop withholding ``item`` after ``valid_until``. A month already in a payment run stays paid:
    the end may not fall before it."""
    if valid_until < item.valid_from:
        raise ValidationError(
            _("De einddatum ligt op of na de begindatum (%(day)s).") % {"day": day_text(item.valid_from)}
        )
    if item.valid_until is not None and item.valid_until <= valid_until:
        raise ValidationError(
            _("Deze vaste last eindigt al op %(day)s.") % {"day": day_text(item.valid_until)}
        )
    _check_not_before_paid(item, valid_until)
    item.valid_until = valid_until
    item.save(update_fields=["valid_until"])
    _write(
        item.arrangement,
        by=by,
        kind=EventKind.CHANGE,
        title=f"Inhouding beëindigd: {item.label}",
        body=f"Laatste dag {day_text(valid_until)} ({item.payee_name}).",
        action=Action.UPDATE,
        data={"item": item.pk},
    )
    return item


def _check_step(arrangement: Arrangement, step: PhaseOutStep) -> None:
    if step.item is not None and step.item.arrangement_id != arrangement.pk:
        raise ValidationError({"item": _("Kies een vaste last van dit arrangement.")})
    if step.kind == StepKind.SELF_PAYMENT and step.item is None:
        raise ValidationError({"item": _("Kies de vaste last die het huishouden zelf gaat betalen.")})
    if step.due_date < arrangement.start:
        raise ValidationError({"due_date": _("Kies een datum op of na de start van het arrangement.")})


@transaction.atomic
def add_step(
    *,
    arrangement: Arrangement,
    data: Mapping[str, Any],
    by: ChangeContext,
) -> PhaseOutStep:
    return add_part(
        arrangement,
        PhaseOutStep,
        data,
        key="step",
        fields=STEP_FIELDS,
        check=_check_step,
        describe=lambda step: (f"Afbouwplan: {step.description}", f"Gepland op {day_text(step.due_date)}."),
        by=by,
    )


@transaction.atomic
def set_step_status(
    *,
    step: PhaseOutStep,
    status: StepStatus,
    by: ChangeContext,
) -> PhaseOutStep:
    """Record how a step went. When the household has taken over paying a fixed cost, the
    municipality stops withholding it from the step's date on."""
    if step.status != StepStatus.PLANNED:
        raise ValidationError(_("Deze stap is al afgerond."))
    if status == StepStatus.PLANNED:
        raise ValidationError(_("Kies gedaan of vervallen."))
    item = step.item
    if status == StepStatus.DONE and step.kind == StepKind.SELF_PAYMENT and item is not None:
        last_day = step.due_date - dt.timedelta(days=1)
        if item.valid_until is None or item.valid_until > last_day:
            end_item(item=item, valid_until=max(last_day, item.valid_from), by=by)
    step.status = status
    step.save(update_fields=["status"])
    _write(
        step.arrangement,
        by=by,
        kind=EventKind.CHANGE,
        title=f"Afbouwplan: {step.description} — {STEP_OUTCOME[status]}",
        body=f"Stap van {day_text(step.due_date)}.",
        action=Action.UPDATE,
        data={"step": step.pk, "status": str(status)},
    )
    return step
