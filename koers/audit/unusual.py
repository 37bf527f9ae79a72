"""The "unusual access" report: per municipality, the users who opened many dossiers in a period,
who tried dossiers they may not open, who read dossiers outside their municipality or assignment,
and who read dossiers at night. The thresholds are data (``UnusualAccessPolicy``)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from koers.access.constants import Scope
from koers.access.models import Membership, Municipality
from koers.access.policy import ROLE_SCOPE
from koers.lib import clock
from koers.lib.sql import in_lists
from koers.people.models import Assignment, Person

from .models import AuditEntry, Outcome, UnusualAccessPolicy
from .rollup import PeriodReads, period_reads
from .scope import staff_of


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


def _findings(counts: Counter[tuple], with_person: bool = False) -> list[Finding]:
    """Findings from counts per (user id, username) or, ``with_person``, per (user id, username, person)."""
    findings = [Finding(key[0], key[1], n, key[2] if with_person else None) for key, n in counts.items() if n]
    return sorted(findings, key=lambda f: (-f.count, f.username, f.person_id or 0))


def many_dossiers(reads: PeriodReads, municipality_id: int, threshold: int) -> list[Finding]:
    """Users who read at least ``threshold`` different dossiers of the municipality."""
    pairs = reads.totals(("user_id", "username", "person_id"),
                         Q(municipality_id=municipality_id, person_id__isnull=False))
    dossiers = Counter((user_id, username) for user_id, username, _person in pairs)
    return _findings(Counter({user: n for user, n in dossiers.items() if n >= threshold}))


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
        .order_by()
        .values_list("user_id", "username")
        .annotate(n=Count("id"))
    )
    return _findings(Counter({(user_id, username): n for user_id, username, n in rows}))


def served_by_user(user_ids: set[int]) -> dict[int, set[int]]:
    served: dict[int, set[int]] = defaultdict(set)
    for user_id, own, serves in Membership.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "organisation__municipality_id", "organisation__serves"
    ):
        served[user_id] |= {own} | ({serves} if serves else set())
    return served


def other_municipality(reads: PeriodReads, municipality_id: int) -> list[Finding]:
    """This municipality's staff reading dossiers of a municipality none of their organisations serves."""
    staff = set(staff_of(frozenset({municipality_id})).values_list("user_id", flat=True))
    counts = reads.totals(("user_id", "username", "municipality_id"),
                          Q(user_id__in=staff, municipality_id__isnull=False))
    served = served_by_user({user_id for user_id, _name, _municipality in counts})
    outside: Counter[tuple] = Counter()
    for (user_id, username, read_in), n in counts.items():
        if read_in not in served[user_id]:
            outside[(user_id, username)] += n
    return _findings(outside)


def outside_assignment(reads: PeriodReads, municipality_id: int) -> list[Finding]:
    """Volunteers, language providers and MB workers reading a dossier of this municipality on a day
    they (or their organisation) had no assignment in it."""
    def holding(*scopes: Scope) -> Q:
        roles = [role for role, scope in ROLE_SCOPE.items() if scope in scopes]
        return Q(user_id__in=Membership.objects.filter(role__in=roles).values("user_id"))

    # A user who also reaches the whole municipality through another role is never outside.
    limited, unlimited = holding(Scope.ORGANISATION, Scope.ASSIGNMENT), holding(Scope.MUNICIPALITY)
    counts = reads.totals(("user_id", "username", "person_id", "day"),
                          Q(municipality_id=municipality_id) & limited & ~unlimited)
    organisations: dict[int, set[int]] = defaultdict(set)
    readers = Membership.objects.filter(user_id__in={key[0] for key in counts})
    for user_id, organisation_id in readers.values_list("user_id", "organisation_id"):
        organisations[user_id].add(organisation_id)
    assignments = defaultdict(list)
    for persons in in_lists({key[2] for key in counts}):
        read = Assignment.objects.filter(person_id__in=persons).values_list(
            "person_id", "user_id", "organisation_id", "start_date", "end_date"
        )
        for person_id, *assignment in read:
            assignments[person_id].append(assignment)
    findings: Counter[tuple] = Counter()
    for (user_id, username, person_id, day), n in counts.items():
        covered = any(
            start <= day and (end is None or day <= end)
            and (assigned == user_id or organisation in organisations[user_id])
            for assigned, organisation, start, end in assignments[person_id]
        )
        if not covered:
            findings[(user_id, username, person_id)] += n
    return _findings(findings, with_person=True)


def night_hours(policy: UnusualAccessPolicy) -> list[int]:
    """The hours (0-23, local time) the policy calls night: from ``night_starts`` up to ``night_ends``."""
    start, end = policy.night_starts.hour, policy.night_ends.hour
    if start <= end:
        return list(range(start, end))
    return [*range(start, 24), *range(0, end)]


def at_night(reads: PeriodReads, municipality_id: int, policy: UnusualAccessPolicy) -> list[Finding]:
    return _findings(reads.totals(("user_id", "username"),
                                  Q(municipality_id=municipality_id, hour__in=night_hours(policy))))


def unusual_access(
    municipality_ids: frozenset[int], start: dt.date, end: dt.date
) -> list[MunicipalityReport]:
    entries = in_period(start, end)
    reads = period_reads(start, end)
    reports = []
    for municipality in Municipality.objects.filter(pk__in=municipality_ids).order_by("name"):
        policy = policy_for(municipality)
        reports.append(
            MunicipalityReport(
                municipality=municipality,
                policy=policy,
                many_dossiers=many_dossiers(reads, municipality.pk, policy.many_dossiers),
                refused=refused(entries, municipality.pk),
                other_municipality=other_municipality(reads, municipality.pk),
                outside_assignment=outside_assignment(reads, municipality.pk),
                at_night=at_night(reads, municipality.pk, policy),
            )
        )
    return reports
