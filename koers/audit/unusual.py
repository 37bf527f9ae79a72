"""The "unusual access" report: per municipality, the users who opened many dossiers in a period,
who tried dossiers they may not open, who read dossiers outside their municipality or assignment,
and who read dossiers at night. The thresholds are data (``UnusualAccessPolicy``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractHour
from django.utils import timezone

from koers.access.constants import Role, Scope
from koers.access.models import Membership, Municipality
from koers.access.policy import ROLE_SCOPE
from koers.lib import clock
from koers.people.models import Assignment, Person

from .models import Action, AuditEntry, Outcome, UnusualAccessPolicy
from .scope import staff_of

READS = (Action.READ, Action.LIST, Action.EXPORT)


@dataclass(frozen=True)
class Finding:
    """One user's unusual access of one kind: how often, and where to find the entries."""

    user_id: int | None
    username: str
    count: int
    person_id: int | None = None


@dataclass
class MunicipalityReport:
    municipality: Municipality
    policy: UnusualAccessPolicy
    many_dossiers: list[Finding] = field(default_factory=list)
    refused: list[Finding] = field(default_factory=list)
    other_municipality: list[Finding] = field(default_factory=list)
    outside_assignment: list[Finding] = field(default_factory=list)
    at_night: list[Finding] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.many_dossiers
            or self.refused
            or self.other_municipality
            or self.outside_assignment
            or self.at_night
        )


def policy_for(municipality: Municipality) -> UnusualAccessPolicy:
    """The municipality's thresholds, or the defaults when it has set none."""
    return UnusualAccessPolicy.objects.filter(municipality=municipality).first() or UnusualAccessPolicy(
        municipality=municipality
    )


def in_period(start: dt.date, end: dt.date) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(**clock.on_days("at", start, end))


def _findings(rows, count_key: str = "n") -> list[Finding]:
    return [
        Finding(row["user_id"], row["username"], row[count_key], row.get("person_id"))
        for row in sorted(rows, key=lambda r: (-r[count_key], r["username"], r.get("person_id") or 0))
    ]


def many_dossiers(entries: QuerySet[AuditEntry], municipality_id: int, threshold: int) -> list[Finding]:
    rows = (
        entries.filter(municipality_id=municipality_id, action__in=READS, outcome=Outcome.ALLOWED)
        .values("user_id", "username")
        .annotate(n=Count("person_id", distinct=True))
        .filter(n__gte=threshold)
    )
    return _findings(rows)


def refused(entries: QuerySet[AuditEntry], municipality_id: int) -> list[Finding]:
    """Refused attempts on this municipality's dossiers or by its staff."""
    persons = Person.objects.filter(municipality_id=municipality_id).values("pk")
    rows = (
        entries.filter(outcome=Outcome.REFUSED)
        .filter(
            Q(person_id__in=persons)
            | Q(municipality_id=municipality_id)
            | Q(user_id__in=staff_of(frozenset({municipality_id})))
        )
        .values("user_id", "username")
        .annotate(n=Count("id"))
    )
    return _findings(rows)


def served_by_user(user_ids: set[int]) -> dict[int, set[int]]:
    served: dict[int, set[int]] = defaultdict(set)
    for user_id, own, serves in Membership.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "organisation__municipality_id", "organisation__serves"
    ):
        served[user_id] |= {own} | ({serves} if serves else set())
    return served


def other_municipality(entries: QuerySet[AuditEntry], municipality_id: int) -> list[Finding]:
    """This municipality's staff reading dossiers of a municipality none of their organisations serves."""
    rows = list(
        entries.filter(
            user_id__in=staff_of(frozenset({municipality_id})),
            action__in=READS,
            outcome=Outcome.ALLOWED,
            municipality_id__isnull=False,
        )
        .values("user_id", "username", "municipality_id")
        .annotate(n=Count("id"))
    )
    served = served_by_user({row["user_id"] for row in rows})
    outside: dict[tuple[int, str], int] = defaultdict(int)
    for row in rows:
        if row["municipality_id"] not in served[row["user_id"]]:
            outside[(row["user_id"], row["username"])] += row["n"]
    return _findings([{"user_id": u, "username": n, "n": c} for (u, n), c in outside.items()])


def outside_assignment(entries: QuerySet[AuditEntry], municipality_id: int) -> list[Finding]:
    """Volunteers, language providers and MB workers reading a dossier of this municipality on a day
    they (or their organisation) had no assignment in it."""
    limited_roles = [
        role for role, scope in ROLE_SCOPE.items() if scope in (Scope.ORGANISATION, Scope.ASSIGNMENT)
    ]
    memberships = Membership.objects.filter(role__in=limited_roles)
    rows = entries.filter(
        municipality_id=municipality_id,
        action__in=READS,
        outcome=Outcome.ALLOWED,
        user_id__in=memberships.values("user_id"),
    ).values_list("user_id", "username", "person_id", "at")
    organisations: dict[int, set[int]] = defaultdict(set)
    unlimited: set[int] = set()
    for user_id, organisation_id, role in Membership.objects.values_list(
        "user_id", "organisation_id", "role"
    ):
        if ROLE_SCOPE[Role(role)] == Scope.MUNICIPALITY:
            unlimited.add(user_id)
        organisations[user_id].add(organisation_id)
    findings: dict[tuple[int, str, int], int] = defaultdict(int)
    assignments = defaultdict(list)
    for a in Assignment.objects.filter(person__municipality_id=municipality_id):
        assignments[a.person_id].append(a)
    for user_id, username, person_id, at in rows:
        if user_id in unlimited:
            continue
        day = timezone.localdate(at)
        covered = any(
            a.start_date <= day
            and (a.end_date is None or day <= a.end_date)
            and (a.user_id == user_id or a.organisation_id in organisations[user_id])
            for a in assignments[person_id]
        )
        if not covered:
            findings[(user_id, username, person_id)] += 1
    return _findings(
        [{"user_id": u, "username": n, "person_id": p, "n": c} for (u, n, p), c in findings.items()]
    )


def night_hours(policy: UnusualAccessPolicy) -> Q:
    start, end = policy.night_starts.hour, policy.night_ends.hour
    if start <= end:
        return Q(hour__gte=start, hour__lt=end)
    return Q(hour__gte=start) | Q(hour__lt=end)


def at_night(
    entries: QuerySet[AuditEntry], municipality_id: int, policy: UnusualAccessPolicy
) -> list[Finding]:
    rows = (
        entries.filter(municipality_id=municipality_id, action__in=READS, outcome=Outcome.ALLOWED)
        .annotate(hour=ExtractHour("at"))
        .filter(night_hours(policy))
        .values("user_id", "username")
        .annotate(n=Count("id"))
    )
    return _findings(rows)


def unusual_access(
    municipality_ids: frozenset[int], start: dt.date, end: dt.date
) -> list[MunicipalityReport]:
    entries = in_period(start, end)
    reports = []
    for municipality in Municipality.objects.filter(pk__in=municipality_ids).order_by("name"):
        policy = policy_for(municipality)
        reports.append(
            MunicipalityReport(
                municipality=municipality,
                policy=policy,
                many_dossiers=many_dossiers(entries, municipality.pk, policy.many_dossiers),
                refused=refused(entries, municipality.pk),
                other_municipality=other_municipality(entries, municipality.pk),
                outside_assignment=outside_assignment(entries, municipality.pk),
                at_night=at_night(entries, municipality.pk, policy),
            )
        )
    return reports
