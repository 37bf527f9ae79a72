"""Anonymising dossiers whose retention period has run out.

What identifies a person goes: names, BSN, contact data, free text, documents and message payloads.
What monitoring counts with stays: gender, date of birth (for the age band on any day), country of
origin, literacy, target group, phase, municipality, consultant, every date and every coded value,
so each monitoring figure is the same before and after. A run reports per model and field how many
values it removed, never which.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q

from koers.access.constants import DataCategory
from koers.audit.log import record
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.lib.sql import batches, in_lists
from koers.ontzorgen.constants import ItemKind
from koers.ontzorgen.models import PaymentLine, PaymentRun, RepaymentLine
from koers.ontzorgen.runs import rewrite_files
from koers.people.constants import EventKind, EventSource
from koers.people.models import Household, HouseholdMember, Person, TimelineEvent

from .closure import due_in
from .models import AnonymisationRun, AnonymisedDossier, RetentionPolicy
from .related import Holder, holders

REMOVED = "[verwijderd]"
ANONYMOUS_FAMILY_NAME = "Geanonimiseerd"
ANONYMOUS_MEMBER = "Gezinslid"
PURPOSE = "AVG: anonimisering na bewaartermijn"

# The person's own fields that identify them, and what takes their place; the BSN gets a unique
# stand-in that is no valid BSN (see ``bsn_stand_in``).
PERSON_REPLACEMENTS: dict[str, object] = {
    "given_names": "",
    "family_name_prefix": "",
    "family_name": ANONYMOUS_FAMILY_NAME,
    "nationality": "",
    "languages": [],
    "street": "",
    "house_number": "",
    "postcode": "",
    "city": "",
    "phone": "",
    "email": "",
}

# Text fields that hold codes and technical references, not data about the person.
KEPT_FIELDS = frozenset(
    {
        "duo.Notification.event_key",
        "duo.Notification.event_code",
        "duo.Notification.sender_oin",
        "duo.Notification.recipient_oin",
        "duo.OutboxMessage.message_type",
        "duo.OutboxMessage.operation_id",
        "signals.Signal.kind",
        "signals.Signal.reference",
        "ontzorgen.PaymentLine.end_to_end_id",
        "ontzorgen.RepaymentLine.reference",
    }
)
KEPT_FIELD_NAMES = frozenset({"locked_by"})

# Text fields that stay on the rows matching a condition. A payee of energy, water or health insurance
# is always a company; a landlord or the payee of another cost may be a private person and goes.
ORGANISATION_PAYEES = Q(kind__in=[ItemKind.ENERGY, ItemKind.WATER, ItemKind.HEALTH_INSURANCE])
KEPT_WHERE: dict[str, Q] = {
    f"ontzorgen.{model}.{name}": ORGANISATION_PAYEES
    for model in ("WithheldItem", "PaymentLine")
    for name in ("payee_name", "payee_iban", "payee_bic")
}

# Handled field by field below, not by the generic rule.
OWN_RULES = frozenset({"people.HouseholdMember"})


@dataclass
class Report:
    dossiers: int = 0
    removed: dict[str, dict[str, int]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))

    def count(self, label: str, name: str, how_many: int) -> None:
        if how_many:
            self.removed[label][name] += how_many

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {label: dict(sorted(fields.items())) for label, fields in sorted(self.removed.items())}


def bsn_stand_in(pk: int) -> str:
    """A unique nine-character stand-in for the BSN: "X" and the id in base 36 (never a valid BSN)."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    value, text = pk, ""
    while value:
        value, rest = divmod(value, 36)
        text = digits[rest] + text
    return "X" + text.rjust(8, "0")


def key_fields(model: type[models.Model]) -> set[str]:
    """Fields that are (part of) a unique key: codes and references, never free text."""
    names = {name for together in model._meta.unique_together for name in together}
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            names |= set(constraint.fields)
    return names


def scrubbed_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields of ``model`` that may identify someone: free text, documents and JSON payloads."""
    label = model._meta.label
    keys = key_fields(model)
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, (models.CharField, models.TextField, models.FileField, models.JSONField))
        and not f.choices
        and not f.unique
        and f.name not in keys
        and not f.primary_key
        and f.name not in KEPT_FIELD_NAMES
        and f"{label}.{f.name}" not in KEPT_FIELDS
    ]


def _empty_value(f: models.Field) -> object:
    if isinstance(f, models.JSONField):
        return f.get_default() if f.has_default() else None
    if f.blank:
        return ""
    return REMOVED[: f.max_length] if f.max_length else REMOVED


def _scrub_text(rows: models.QuerySet, f: models.Field, dry_run: bool) -> int:
    filled = rows.exclude(Q(**{f.name: ""}) | Q(**{f.name: REMOVED[: f.max_length or None]}))
    if f.null:
        filled = filled.exclude(**{f"{f.name}__isnull": True})
    if dry_run:
        return filled.count()
    return filled.update(**{f.name: _empty_value(f)})


def _scrub_in_python(rows: models.QuerySet, f: models.Field, dry_run: bool) -> int:
    """Files and JSON: checked row by row (a file is deleted from storage as well)."""
    count = 0
    for pk, value in rows.values_list("pk", f.name):
        empty = _empty_value(f)
        if empty is None and not f.null:
            empty = type(value)() if isinstance(value, dict | list) else {}
        if value in ("", None) or value == empty:
            continue
        count += 1
        if dry_run:
            continue
        if isinstance(f, models.FileField):
            f.storage.delete(value)
        rows.model._default_manager.filter(pk=pk).update(**{f.name: empty})
    return count


def scrub(holder: Holder, owners: list, report: Report, dry_run: bool) -> None:
    """Empty the holder's personal fields in the rows of these owners. The rows are looked up once
    (through their owner, often by a join) and then changed by primary key: an UPDATE with the join
    inside it is planned row by row when the planner's statistics lag behind the table, which took
    minutes for one dossier's checklist."""
    manager = holder.model._default_manager
    ids = list(manager.filter(**{f"{holder.lookup}__in": owners}).values_list("pk", flat=True))
    for part in in_lists(ids):
        rows = manager.filter(pk__in=part)
        for f in scrubbed_fields(holder.model):
            kept = KEPT_WHERE.get(f"{holder.label}.{f.name}")
            field_rows = rows if kept is None else rows.exclude(kept)
            if isinstance(f, (models.FileField, models.JSONField)):
                removed = _scrub_in_python(field_rows, f, dry_run)
            else:
                removed = _scrub_text(field_rows, f, dry_run)
            report.count(holder.label, f.name, removed)


def rewrite_payment_files(persons: list[Person], report: Report, dry_run: bool) -> None:
    """The files of the payment runs that paid for or withheld from ``persons``, made again from their
    lines once those are scrubbed: a run belongs to the municipality and outlives the dossiers, but
    its pain.001 and benefits file named everyone in it."""
    runs = PaymentRun.objects.filter(
        Q(pk__in=PaymentLine.objects.filter(person__in=persons).values("run_id"))
        | Q(pk__in=RepaymentLine.objects.filter(person__in=persons).values("run_id"))
    )
    label = PaymentRun._meta.label
    for run in runs:
        report.count(label, "pain_xml", 1)
        report.count(label, "csv", 1)
        if not dry_run:
            rewrite_files(run)


def anonymise_person(person: Person, report: Report, dry_run: bool) -> None:
    label = Person._meta.label
    for name, replacement in PERSON_REPLACEMENTS.items():
        if getattr(person, name) not in ("", [], replacement):
            report.count(label, name, 1)
            setattr(person, name, replacement)
    report.count(label, "bsn", 1)
    person.bsn = bsn_stand_in(person.pk)
    if not dry_run:
        person.save(update_fields=[*PERSON_REPLACEMENTS, "bsn", "search_name", "updated_at"])


def fully_anonymised_households(persons: list[Person]) -> list[Household]:
    """Households of ``persons`` in which every member with a dossier is anonymised."""
    open_members = HouseholdMember.objects.filter(
        household=OuterRef("pk"), person__isnull=False, person__anonymisation__isnull=True
    )
    return list(
        Household.objects.filter(members__person__in=persons).exclude(Exists(open_members)).distinct()
    )


def anonymise_household(household: Household, report: Report, dry_run: bool) -> None:
    report.count(Household._meta.label, "name", 1)
    others = HouseholdMember.objects.filter(household=household, person__isnull=True)
    label = HouseholdMember._meta.label
    report.count(label, "given_names", others.exclude(given_names=ANONYMOUS_MEMBER).count())
    report.count(label, "family_name", others.exclude(family_name="").count())
    report.count(label, "date_of_birth", others.filter(date_of_birth__isnull=False).count())
    if not dry_run:
        Household.objects.filter(pk=household.pk).update(name=str(Household._meta.verbose_name).capitalize())
        others.update(given_names=ANONYMOUS_MEMBER, family_name="", date_of_birth=None)


def anonymise(persons: list[Person], municipality_id: int, *, dry_run: bool = False) -> Report:
    """Anonymise the dossiers of ``persons`` of one municipality, all or nothing, as one run with its
    report; a dry run only counts."""
    report = Report(dossiers=len(persons))
    if not persons:
        return report
    with transaction.atomic():
        person_holders = [h for h in holders() if h.owner is Person and h.label not in OWN_RULES]
        for holder in person_holders:
            scrub(holder, persons, report, dry_run)
        rewrite_payment_files(persons, report, dry_run)
        for person in persons:
            anonymise_person(person, report, dry_run)
        if dry_run:
            return report
        run = AnonymisationRun.objects.create(municipality_id=municipality_id, dossiers=len(persons))
        AnonymisedDossier.objects.bulk_create(
            [AnonymisedDossier(person=p, run=run, closed_on=p.closed_on) for p in persons]
        )
        households = fully_anonymised_households(persons)
        for holder in (h for h in holders() if h.owner is Household):
            scrub(holder, households, report, dry_run)
        for household in households:
            anonymise_household(household, report, dry_run)
        TimelineEvent.objects.bulk_create(
            [
                TimelineEvent(
                    person=p,
                    kind=EventKind.STATUS,
                    category=DataCategory.IDENTITY,
                    source=EventSource.SYSTEM,
                    title="Dossier geanonimiseerd na afloop van de bewaartermijn",
                )
                for p in persons
            ]
        )
        run.removed = report.as_dict()
        run.save(update_fields=["removed"])
        record(
            user=None,
            action=Action.UPDATE,
            persons=persons,
            categories=DataCategory.values,
            purpose=PURPOSE,
            channel=Channel.SYSTEM,
            detail="Geanonimiseerd na afloop van de bewaartermijn",
        )
    return report


RUN_SIZE = 1000
"""The most dossiers one run anonymises: a municipality that first sets a retention period may have tens of
thousands due, and a run names its dossiers (and their rows) in its statements."""


def anonymise_due_dossiers(dry_run: bool = False) -> Report:
    """The scheduled job: every dossier kept longer than its municipality's retention period, in runs of
    at most ``RUN_SIZE`` dossiers of one municipality; returns the report over all of them."""
    total = Report()
    for policy in RetentionPolicy.objects.order_by("municipality_id"):
        due = list(due_in(policy, clock.today()).order_by("pk"))
        for run in batches(due, RUN_SIZE):
            report = anonymise(run, policy.municipality_id, dry_run=dry_run)
            total.dossiers += report.dossiers
            for label, fields in report.removed.items():
                for name, count in fields.items():
                    total.count(label, name, count)
    return total
