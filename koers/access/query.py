"""Authorization as one queryset filter (after Open Zaak's ``query.py``).

``visible_persons(user)`` is the only way any view, API endpoint or export gets at dossiers;
``categories_for(user, person)`` tells which data of one dossier the user may see.

Consent is part of the same model: a grant through a partner (MB organisation, volunteer, language
provider) or through a transfer to the next municipality yields a data category that the person's
municipality gates (``ConsentRule``) only while an active consent covers it. The filter stays one set
of conditions on the table (``Exists`` on consents and transfers), so lists filter and page in SQL.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from django.db.models import BooleanField, Exists, Expression, ExpressionWrapper, OuterRef, Q, QuerySet, Value

from koers.lib.prepared import ForFew

from .constants import DataCategory, OrganisationKind, Recipient, Role, Scope
from .policy import EDITING_ROLES, KIND_RECIPIENT, REGISTERING_ROLES, ROLE_CATEGORIES, ROLE_RECIPIENT, ROLE_SCOPE

if TYPE_CHECKING:
    from koers.people.models import Person

    from .models import User

Rules = dict[int, dict[Recipient, frozenset[DataCategory]]]
"""Per municipality id: the categories each recipient receives only with consent."""


@dataclass(frozen=True)
class Grant:
    """One membership, resolved: a role in an organisation serving some municipalities."""

    role: Role
    organisation_id: int
    municipality_ids: frozenset[int]
    kind: OrganisationKind = OrganisationKind.MUNICIPAL_TEAM

    @property
    def scope(self) -> Scope:
        return ROLE_SCOPE[self.role]

    @property
    def categories(self) -> frozenset[DataCategory]:
        return ROLE_CATEGORIES[self.role]

    @property
    def recipient(self) -> Recipient | None:
        """Who receives the data through this grant, for the consent rules (``None``: the own team)."""
        return ROLE_RECIPIENT.get(self.role) or KIND_RECIPIENT[self.kind]


def _membership_rows() -> QuerySet:
    from .models import Membership

    return Membership.objects.order_by("pk").values_list(
        "role", "organisation_id", "organisation__kind", "organisation__serves"
    )


MEMBERSHIPS = ForFew(_membership_rows, "user_id")
"""Compiled once (``ForFew``): every screen asks it."""


def grants_for(user: User) -> tuple[Grant, ...]:
    """The user's grants, read once per request (one query) and kept on the user object."""
    cached = getattr(user, "_koers_grants", None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        grants: tuple[Grant, ...] = ()
    else:
        # One row per membership and municipality its organisation serves (None: serves none).
        served: dict[tuple[str, int, str], set[int]] = {}
        for role, org_id, kind, mun_id in MEMBERSHIPS.rows([user.pk]):
            municipalities = served.setdefault((role, org_id, kind), set())
            if mun_id is not None:
                municipalities.add(mun_id)
        grants = tuple(
            Grant(Role(role), org_id, frozenset(municipalities), OrganisationKind(kind))
            for (role, org_id, kind), municipalities in served.items()
        )
    user._koers_grants = grants
    return grants


def roles_of(user: User) -> frozenset[Role]:
    return frozenset(g.role for g in grants_for(user))


def consent_rules_for(user: User) -> Rules:
    """The consent rules that concern the user's grants, read once per request (one query, none for a
    user without grants)."""
    cached = getattr(user, "_koers_rules", None)
    if cached is not None:
        return cached
    recipients = {_grant_recipient(g) for g in grants_for(user)} - {None}
    rules: dict[int, dict[Recipient, set[DataCategory]]] = defaultdict(lambda: defaultdict(set))
    if recipients:
        from .models import ConsentRule

        for mun_id, recipient, category in ConsentRule.objects.filter(recipient__in=recipients).order_by().values_list(
            "municipality_id", "recipient", "category"
        ):
            rules[mun_id][Recipient(recipient)].add(DataCategory(category))
    frozen: Rules = {m: {r: frozenset(c) for r, c in per.items()} for m, per in rules.items()}
    user._koers_rules = frozen
    return frozen


def _grant_recipient(grant: Grant) -> Recipient | None:
    """The recipient whose rules apply: a municipal team's grants are gated only for transfers."""
    if grant.scope == Scope.NONE:
        return None
    if grant.scope == Scope.MUNICIPALITY:
        return Recipient.NEXT_MUNICIPALITY if grant.recipient is None else grant.recipient
    return grant.recipient


def gated(rules: Rules, municipality_id: int, recipient: Recipient | None) -> frozenset[DataCategory]:
    if recipient is None:
        return frozenset()
    return rules.get(municipality_id, {}).get(recipient, frozenset())


def _closed_municipalities(rules: Rules, recipient: Recipient, categories: frozenset[DataCategory]) -> set[int]:
    """Municipalities where every one of ``categories`` needs consent for ``recipient``."""
    return {m for m, per in rules.items() if categories <= per.get(recipient, frozenset())}


def active_consents(on: dt.date, categories) -> QuerySet:
    from .models import Consent

    return Consent.objects.active(on).filter(category_rows__category__in=[str(c) for c in categories])


def consent_covering(grant: Grant, categories, *, person: str, on: dt.date) -> Exists:
    """An active consent of the row's person that covers one of ``categories`` for this grant's
    organisation or recipient."""
    reaches = Q(organisations=grant.organisation_id)
    if grant.recipient is not None:
        reaches |= Q(recipient_rows__recipient=grant.recipient)
    return Exists(active_consents(on, categories).filter(reaches, person=OuterRef(person)))


# Up to this many persons transferred in, a municipal grant names them in the filter (two index
# scans that the database combines); beyond it, a subquery.
TRANSFERRED_IN_LISTED = 5000


TransferRows = list[tuple[int, int, int | None]]
"""Transfers into a grant's municipalities: (person, from municipality, consent), at most
``TRANSFERRED_IN_LISTED + 1`` of them."""


def _transfers_up_to(on: dt.date) -> QuerySet:
    """Every transfer made on or before ``on``."""
    from .models import Transfer

    return Transfer.objects.filter(transferred_on__lte=on)


def _transfers_into(grant: Grant, on: dt.date) -> QuerySet:
    """The transfers into the grant's municipalities up to ``on``."""
    return _transfers_up_to(on).filter(to_municipality_id__in=grant.municipality_ids)


TRANSFERS_INTO = ForFew(
    lambda on: _transfers_up_to(on).order_by().values_list("person_id", "from_municipality_id", "consent_id"),
    "to_municipality_id", limit=TRANSFERRED_IN_LISTED + 1,
)
"""``_transfers_into`` as rows, compiled once per number of municipalities and day (``ForFew``):
every screen asks it."""


def transfer_rows(grant: Grant, on: dt.date) -> TransferRows:
    """The transfers into the grant's municipalities up to ``on``: one small indexed query."""
    return TRANSFERS_INTO.rows(sorted(grant.municipality_ids), on)


def transferred_in(grant: Grant, user: User, on: dt.date, rows: TransferRows | None = None) -> list[int] | QuerySet:
    """The persons whom a transfer to a municipality of this grant brings within reach: with an active
    consent, unless the sending municipality leaves some of the grant's categories open to the next
    municipality. Read as a list (a municipality receives few transfers: ``transfer_rows``, given or
    read here, and the consent rules only when there are transfers), so that the filter needs no
    correlated subquery per dossier; beyond ``TRANSFERRED_IN_LISTED`` transfers, the same as a subquery."""
    rows = transfer_rows(grant, on) if rows is None else rows
    if not rows:
        return []
    closed = _closed_municipalities(consent_rules_for(user), Recipient.NEXT_MUNICIPALITY, grant.categories)
    if len(rows) > TRANSFERRED_IN_LISTED:
        transfers = _transfers_into(grant, on)
        if closed:
            consented = active_consents(on, grant.categories).filter(pk=OuterRef("consent_id"))
            transfers = transfers.filter(~Q(from_municipality_id__in=closed) | Q(Exists(consented)))
        return transfers.order_by().values_list("person_id", flat=True).distinct()
    asked = {consent for _, source, consent in rows if source in closed and consent is not None}
    consented_ids = (
        set(active_consents(on, grant.categories).filter(pk__in=asked).values_list("pk", flat=True)) if asked else set()
    )
    return sorted({person for person, source, consent in rows if source not in closed or consent in consented_ids})


def grant_condition(
    grant: Grant, user: User, *, person: str = "pk", on: dt.date | None = None, transfers: TransferRows | None = None
) -> Q | None:
    """The rows one grant reaches with at least one data category, as a filter on a model with a
    ``municipality_id`` that is, or points to, a person (``person`` names the field holding the
    person's id: ``"pk"`` on Person itself, ``"person_id"`` on a row about a person). ``transfers``:
    the grant's ``transfer_rows`` when already read."""
    from koers.lib import clock
    from koers.people.models import Assignment

    day = on or clock.today()
    if grant.scope == Scope.NONE or not grant.categories:
        return None
    if grant.scope == Scope.MUNICIPALITY:
        reached = Q(municipality_id__in=grant.municipality_ids)
        transferred = transferred_in(grant, user, day, transfers)
        if isinstance(transferred, list) and not transferred:
            return reached
        return reached | Q(**{f"{person}__in": transferred})
    rules = consent_rules_for(user)
    active = Assignment.objects.active(day).filter(person=OuterRef(person), organisation_id=grant.organisation_id)
    if grant.scope == Scope.ORGANISATION:
        reached = Q(municipality_id__in=grant.municipality_ids) & Q(Exists(active))
    else:
        reached = Q(Exists(active.filter(user=user)))
    closed = _closed_municipalities(rules, grant.recipient, grant.categories) if grant.recipient else set()
    if closed:
        reached &= ~Q(municipality_id__in=closed) | Q(consent_covering(grant, grant.categories, person=person, on=day))
    return reached


def category_condition(
    grant: Grant, user: User, *, field: str = "category", person: str = "person_id", on: dt.date | None = None
) -> Q | None:
    """Rows about a person (with a data category in ``field``) that one grant may show: reached by
    the grant, and of a category it yields for that person — a gated one only with consent."""
    from koers.lib import clock

    reached = grant_condition(grant, user, person=person, on=on)
    if reached is None:
        return None
    day = on or clock.today()
    rules = consent_rules_for(user)
    recipient = _grant_recipient(grant)
    conditions = []
    for category in grant.categories:
        closed = {m for m, per in rules.items() if category in per.get(recipient, frozenset())} if recipient else set()
        allowed = Q(**{field: category})
        if closed and grant.scope != Scope.MUNICIPALITY:
            allowed &= ~Q(municipality_id__in=closed) | Q(consent_covering(grant, [category], person=person, on=day))
        conditions.append(allowed)
    return reached & reduce(or_, conditions)


def _annotations(user: User, day: dt.date, transfers: dict[frozenset[int], TransferRows]) -> dict[str, Expression]:
    """Per gated category of each partner grant, whether a consent covers it, and per municipal
    grant, whether the person was transferred to one of its municipalities: read by
    ``categories_for`` without a query per person."""
    annotations: dict[str, Expression] = {}
    for grant in grants_for(user):
        if grant.scope == Scope.NONE:
            continue
        if grant.scope == Scope.MUNICIPALITY:
            annotations[f"koers_transfer_{grant.organisation_id}"] = _transfer_annotation(
                grant, day, transfers[grant.municipality_ids]
            )
            continue
        if grant.recipient is None:
            continue
        rules = consent_rules_for(user)
        gated_somewhere = set().union(*(per.get(grant.recipient, frozenset()) for per in rules.values()))
        for category in grant.categories & gated_somewhere:
            annotations[f"koers_consent_{grant.organisation_id}_{category}"] = consent_covering(
                grant, [category], person="pk", on=day
            )
    return annotations


def _transfer_annotation(grant: Grant, day: dt.date, rows: TransferRows) -> Expression:
    """Whether a transfer to a municipality of the grant exists: the persons of ``rows`` when they
    are few (as for ``transferred_in``), else a subquery per row."""
    if not rows:
        return Value(False, output_field=BooleanField())
    if len(rows) <= TRANSFERRED_IN_LISTED:
        return ExpressionWrapper(Q(pk__in={person for person, _, _ in rows}), output_field=BooleanField())
    return Exists(_transfers_into(grant, day).filter(person=OuterRef("pk")))


@dataclass(frozen=True)
class MunicipalReach:
    """The dossiers of whole municipalities, and persons transferred into them from elsewhere."""

    municipality_ids: frozenset[int]
    transferred: frozenset[int]


def municipal_reach(user: User, on: dt.date | None = None) -> MunicipalReach | None:
    """What ``visible_persons`` reaches, when each of the user's grants that reaches dossiers reaches
    whole municipalities (as ``grant_condition`` does for that scope) and the transfers into them are
    few enough to list; ``None`` otherwise (a partner reaches dossiers through assignments), and for a
    user who reaches none."""
    from koers.lib import clock

    day = on or clock.today()
    municipalities: set[int] = set()
    transferred: set[int] = set()
    for grant in grants_for(user):
        if grant.scope == Scope.NONE or not grant.categories:
            continue
        if grant.scope != Scope.MUNICIPALITY:
            return None
        persons = transferred_in(grant, user, day)
        if not isinstance(persons, list):
            return None
        municipalities |= grant.municipality_ids
        transferred.update(persons)
    if not municipalities and not transferred:
        return None
    return MunicipalReach(frozenset(municipalities), frozenset(transferred))


def visible_persons(user: User, queryset: QuerySet[Person] | None = None) -> QuerySet[Person]:
    """The dossiers this user may open: the union over all their grants."""
    from koers.lib import clock
    from koers.people.models import Person

    qs = queryset if queryset is not None else Person.objects.all()
    day = clock.today()
    grants = grants_for(user)
    transfers = {
        g.municipality_ids: transfer_rows(g, day) for g in grants if g.scope == Scope.MUNICIPALITY
    }
    conditions = [
        c for g in grants if (c := grant_condition(g, user, on=day, transfers=transfers.get(g.municipality_ids)))
        is not None
    ]
    if not conditions:
        return qs.none()
    return qs.filter(reduce(or_, conditions)).annotate(**_annotations(user, day, transfers))


@dataclass(frozen=True)
class Coverage:
    """What the active consents of one person cover: categories per organisation and per recipient,
    and the categories that the consents of transfers to each municipality cover."""

    organisations: dict[int, frozenset[DataCategory]]
    recipients: dict[Recipient, frozenset[DataCategory]]
    transfers: dict[int, frozenset[DataCategory]]

    def for_grant(self, grant: Grant) -> frozenset[DataCategory]:
        covered = self.organisations.get(grant.organisation_id, frozenset())
        if grant.recipient is not None:
            covered |= self.recipients.get(grant.recipient, frozenset())
        return covered


def coverage_of(person: Person, on: dt.date) -> Coverage:
    """The person's active consents, read in two queries (never cached: a withdrawal counts at once)."""
    from .models import Consent, Transfer

    organisations: dict[int, set] = defaultdict(set)
    recipients: dict[Recipient, set] = defaultdict(set)
    transfers: dict[int, set] = defaultdict(set)
    rows = Consent.objects.active(on).filter(person=person).values_list(
        "category_rows__category", "organisations__id", "recipient_rows__recipient"
    )
    for category, organisation_id, recipient in rows:
        if category is None:
            continue
        if organisation_id is not None:
            organisations[organisation_id].add(DataCategory(category))
        if recipient is not None:
            recipients[Recipient(recipient)].add(DataCategory(category))
    consented = Consent.objects.active(on).filter(pk=OuterRef("consent_id"))
    for to_id, category in (
        Transfer.objects.filter(person=person, transferred_on__lte=on)
        .annotate(consented=Exists(consented))
        .filter(consented=True)
        .values_list("to_municipality_id", "consent__category_rows__category")
    ):
        if category is not None:
            transfers[to_id].add(DataCategory(category))
    return Coverage(
        {k: frozenset(v) for k, v in organisations.items()},
        {k: frozenset(v) for k, v in recipients.items()},
        {k: frozenset(v) for k, v in transfers.items()},
    )


def _transferred_to(person: Person, grant: Grant, on: dt.date) -> bool:
    annotated = getattr(person, f"koers_transfer_{grant.organisation_id}", None)
    if annotated is not None:
        return annotated
    return _transfers_into(grant, on).filter(person=person).exists()


def _consented(person: Person, grant: Grant, categories: frozenset[DataCategory], on: dt.date) -> frozenset[DataCategory]:
    """Which of the gated ``categories`` an active consent covers for this grant (annotations when
    ``visible_persons`` made them, else the person's coverage)."""
    annotated = {c: getattr(person, f"koers_consent_{grant.organisation_id}_{c}", None) for c in categories}
    if all(value is not None for value in annotated.values()):
        return frozenset(c for c, value in annotated.items() if value)
    return categories & coverage_of(person, on).for_grant(grant)


def _transfer_categories(person: Person, grant: Grant, rules: Rules, on: dt.date) -> frozenset[DataCategory]:
    closed = gated(rules, person.municipality_id, Recipient.NEXT_MUNICIPALITY) & grant.categories
    open_ = grant.categories - closed
    if not closed:
        return open_
    consented = frozenset().union(
        *(c for m, c in coverage_of(person, on).transfers.items() if m in grant.municipality_ids)
    )
    return open_ | (closed & consented)


def reaches_municipality(user: User, municipality_id: int) -> bool:
    """Whether a municipal grant of the user reaches every dossier of this municipality, as
    ``visible_persons`` does (without a query)."""
    return any(
        g.scope == Scope.MUNICIPALITY and g.categories and municipality_id in g.municipality_ids
        for g in grants_for(user)
    )


ASSIGNMENT_REACH_FIELDS = ("id", "person_id", "organisation_id", "user_id", "start_date", "end_date")
"""The fields of an assignment that decide whether a grant reaches its person."""


def reaches_through_assignments(user: User) -> bool:
    """Whether one of the user's grants reaches persons through their assignments (a partner's),
    so that ``categories_for`` reads them."""
    return any(g.scope not in (Scope.NONE, Scope.MUNICIPALITY) and g.categories for g in grants_for(user))


def _reaches(grant: Grant, user: User, person: Person, assignments: list) -> bool:
    for assignment in assignments:
        if assignment.organisation_id != grant.organisation_id:
            continue
        if grant.scope == Scope.ORGANISATION and person.municipality_id in grant.municipality_ids:
            return True
        if grant.scope == Scope.ASSIGNMENT and assignment.user_id == user.pk:
            return True
    return False


def grant_categories(user: User, person: Person, on: dt.date | None = None) -> list[tuple[Grant, frozenset[DataCategory]]]:
    """Each grant through which ``user`` reaches ``person``, with the categories it yields there
    (consent applied); grants that yield nothing are left out."""
    from koers.lib import clock

    day = on or clock.today()
    result = []
    assignments = None
    for grant in grants_for(user):
        if grant.scope == Scope.NONE or not grant.categories:
            continue
        if grant.scope == Scope.MUNICIPALITY:
            if person.municipality_id in grant.municipality_ids:
                categories = grant.categories
                if grant.recipient is not None:
                    categories -= gated(consent_rules_for(user), person.municipality_id, grant.recipient)
            elif _transferred_to(person, grant, day):
                categories = _transfer_categories(person, grant, consent_rules_for(user), day)
            else:
                continue
        else:
            if assignments is None:
                assignments = _active_assignments(person, day)
            if not _reaches(grant, user, person, assignments):
                continue
            closed = gated(consent_rules_for(user), person.municipality_id, grant.recipient) & grant.categories
            categories = (grant.categories - closed) | (_consented(person, grant, closed, day) if closed else frozenset())
        if categories:
            result.append((grant, frozenset(categories)))
    return result


def grants_reaching(user: User, person: Person) -> list[Grant]:
    """The grants through which ``user`` reaches ``person`` with at least one data category (uses
    prefetched ``assignments`` and the consent annotations of ``visible_persons`` if present)."""
    return [grant for grant, _ in grant_categories(user, person)]


def _active_assignments(person: Person, today: dt.date) -> list:
    cache = getattr(person, "_prefetched_objects_cache", {})
    if "assignments" in cache:
        items = cache["assignments"]
    else:
        items = person.assignments.all()
    return [a for a in items if a.start_date <= today and (a.end_date is None or a.end_date >= today)]


def categories_for(user: User, person: Person) -> frozenset[DataCategory]:
    """The data categories of this dossier the user may see (empty: no access at all)."""
    return frozenset().union(*(categories for _, categories in grant_categories(user, person)))


def municipalities_with(user: User, roles: Collection[Role]) -> frozenset[int]:
    """The municipalities in which ``user`` holds one of ``roles`` (those its organisations serve)."""
    return frozenset().union(*(g.municipality_ids for g in grants_for(user) if g.role in roles))


def can_register_in(user: User) -> frozenset[int]:
    """Municipality ids in which the user may register a new person (koppeling)."""
    return municipalities_with(user, REGISTERING_ROLES)


def acts_for(user: User, person: Person, roles: frozenset[Role]) -> bool:
    """Whether ``user`` holds one of ``roles`` for the person's own municipality (not for a
    municipality that reaches the dossier through a transfer)."""
    own = person.municipality_id
    return any(g.role in roles and own in g.municipality_ids for g in grants_reaching(user, person))


def can_edit(user: User, person: Person) -> bool:
    return any(g.role in EDITING_ROLES for g in grants_reaching(user, person))
