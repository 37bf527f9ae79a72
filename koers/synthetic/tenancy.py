"""Municipalities, their organisations and staff for generated dossiers.

``prepare_sites`` makes (or finds, by CBS code) the municipalities, gives each a municipal team
serving itself, an MB organisation and a language provider, enough consultants for caseloads of
about ``CASELOAD``, MB workers after the MB policy's capacity per worker, volunteers and teachers.
Running it again on the same database reuses what is there.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Count

from koers.access.constants import OrganisationKind, Role
from koers.access.models import Membership, Municipality, Organisation, User
from koers.begeleiding.services import current_policy
from koers.inburgering.models import Instelling
from koers.people.models import Person

from . import data
from .bsn import bsn_for
from .generator import Site, ascii_word
from .support import MbPolicyRef

CASELOAD = 75
CONSULTANT_SHARE = 0.95  # of dossiers that have a consultant
IN_MB_SHARE = 0.25  # of dossiers that are in a running MB trajectory at any time
DOSSIERS_PER_VOLUNTEER = 100
DOSSIERS_PER_TEACHER = 300
DERIVED_CODES_FROM = 3000


def oin_for(cbs_code: str) -> str:
    """A plausible OIN for a municipality: 00000001, an RSIN-like number that passes the elfproef, 000."""
    prefix = 80_000_000 + int(cbs_code) * 1_000
    while (rsin := bsn_for(prefix)) is None:
        prefix += 1
    return f"00000001{rsin}000"


def municipality_specs(count: int) -> list[data.MunicipalityData]:
    """The ``count`` largest real municipalities; beyond the list, derived names with free codes."""
    real = sorted(data.MUNICIPALITIES, key=lambda m: (-m.population, m.cbs_code))
    specs = real[:count]
    if count > len(real):
        specs.extend(_derived(count - len(real), {m.name for m in real}, {m.cbs_code for m in real}))
    return specs


def _derived(count: int, taken_names: set[str], taken_codes: set[str]) -> Iterator[data.MunicipalityData]:
    rng = random.Random("derived municipalities")
    names = [head + tail for head in data.DERIVED_NAME_HEADS for tail in data.DERIVED_NAME_TAILS]
    rng.shuffle(names)
    names = [name for name in names if name not in taken_names]
    code = DERIVED_CODES_FROM
    for i in range(count):
        while f"{code:04d}" in taken_codes:
            code += 1
        name = names[i] if i < len(names) else f"Gemeente {code:04d}"
        yield data.MunicipalityData(f"{code:04d}", name, rng.randint(5, 60), rng.randint(1000, 9899))
        code += 1


@dataclass
class Tenant:
    municipality: Municipality
    spec: data.MunicipalityData
    team: Organisation
    mb_organisation: Organisation
    school: Organisation


@transaction.atomic
def prepare_sites(count: int, persons: int, *, seed: int) -> list[Site]:
    """Municipalities with their organisations and staff, ready for ``persons`` more dossiers."""
    rng = random.Random(seed)
    specs = municipality_specs(count)
    tenants = [ensure_tenant(spec, rng) for spec in specs]
    total_weight = sum(spec.population for spec in specs)
    existing = dict(
        Person.objects.filter(municipality__in=[t.municipality for t in tenants])
        .values_list("municipality")
        .annotate(n=Count("id"))
    )
    sites = []
    for tenant in tenants:
        expected = existing.get(tenant.municipality.pk, 0) + persons * tenant.spec.population / total_weight
        consultants = ensure_staff(tenant.team, Role.CONSULTANT, consultants_needed(expected), rng)
        policy = current_policy(tenant.municipality)
        capacity = max(1, policy.settings.capacity_per_worker)
        mb, school = tenant.mb_organisation, tenant.school
        workers = ensure_staff(mb, Role.MB_BEGELEIDER, at_least_one(expected * IN_MB_SHARE / capacity), rng)
        volunteers = ensure_staff(mb, Role.VRIJWILLIGER, at_least_one(expected / DOSSIERS_PER_VOLUNTEER), rng)
        teachers = ensure_staff(school, Role.TAALAANBIEDER, at_least_one(expected / DOSSIERS_PER_TEACHER), rng)
        sites.append(
            Site(
                municipality_id=tenant.municipality.pk,
                city=tenant.municipality.name,
                pc4=tenant.spec.pc4,
                weight=tenant.spec.population * 1000,
                consultant_ids=tuple(consultants),
                mb_organisation_id=mb.pk,
                school_id=school.pk,
                mb_worker_ids=tuple(workers),
                volunteer_ids=tuple(volunteers),
                provider_ids=tuple(teachers),
                instelling_id=ensure_instelling(school).pk,
                mb_policy=MbPolicyRef.of(policy.pk, policy.settings),
            )
        )
    return sites


def ensure_instelling(school: Organisation) -> Instelling:
    """The language school as a course institution DUO knows, with the Blik op Werk keurmerk."""
    instelling, _ = Instelling.objects.get_or_create(
        organisation=school,
        defaults={"instellingsnummer": f"9{school.pk:09d}", "naam": school.name, "bow_keurmerk": True},
    )
    return instelling


def at_least_one(wanted: float) -> int:
    return max(1, round(wanted))


def consultants_needed(dossiers: float) -> int:
    return at_least_one(dossiers * CONSULTANT_SHARE / CASELOAD)


def ensure_tenant(spec: data.MunicipalityData, rng: random.Random) -> Tenant:
    municipality, _ = Municipality.objects.get_or_create(
        cbs_code=spec.cbs_code, defaults={"name": spec.name, "oin": oin_for(spec.cbs_code)}
    )
    name = municipality.name
    return Tenant(
        municipality=municipality,
        spec=spec,
        team=ensure_organisation(
            municipality, OrganisationKind.MUNICIPAL_TEAM, data.TEAM_NAME.format(name=name)
        ),
        mb_organisation=ensure_organisation(
            municipality, OrganisationKind.MB_ORGANISATION, rng.choice(data.MB_NAMES).format(name=name)
        ),
        school=ensure_organisation(
            municipality, OrganisationKind.LANGUAGE_PROVIDER, rng.choice(data.SCHOOL_NAMES).format(name=name)
        ),
    )


def ensure_organisation(
    municipality: Municipality, kind: str, name: str, serves: Sequence[Municipality] = ()
) -> Organisation:
    """The municipality's first organisation of this kind, or a new one serving it (and ``serves``)."""
    organisation = Organisation.objects.filter(municipality=municipality, kind=kind).order_by("pk").first()
    if organisation is None:
        organisation = Organisation.objects.create(municipality=municipality, kind=kind, name=name)
        organisation.serves.set([municipality, *serves])
    return organisation


def ensure_staff(organisation: Organisation, role: Role, wanted: int, rng: random.Random) -> list[int]:
    """Ids of the organisation's members in ``role``, topped up with new ones to ``wanted``."""
    ids = list(
        Membership.objects.filter(organisation=organisation, role=role)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )
    missing = wanted - len(ids)
    if missing > 0:
        users = User.objects.bulk_create(_new_staff(missing, rng))
        Membership.objects.bulk_create(
            Membership(user=u, organisation=organisation, role=role) for u in users
        )
        ids += [u.pk for u in users]
    return ids


def _new_staff(count: int, rng: random.Random) -> list[User]:
    """Users with real-looking names and unique usernames (``a.dewit3``); they cannot log in."""
    taken = set(
        User.objects.filter(username__regex=r"^[a-z]\.[a-z]+[0-9]+$").values_list("username", flat=True)
    )
    counters: dict[str, int] = {}
    users = []
    for _ in range(count):
        first = rng.choice(data.DUTCH_MALE + data.DUTCH_FEMALE)
        prefix, family = rng.choice(data.DUTCH_FAMILY)
        last = f"{prefix} {family}" if prefix else family
        base = f"{ascii_word(first)[:1]}.{ascii_word(last)}"
        n = counters.get(base, 0) + 1
        while f"{base}{n}" in taken:
            n += 1
        counters[base] = n
        taken.add(f"{base}{n}")
        users.append(
            User(username=f"{base}{n}", first_name=first, last_name=last, password=make_password(None))
        )
    return users
