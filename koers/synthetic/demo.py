"""The demo: a centrumgemeente with its werkgebied, a separate municipality, a user per role and
realistic dossiers. ``set_up_demo`` may run any number of times; it never duplicates anything."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from koers.access.constants import OrganisationKind, Role
from koers.access.models import Membership, Municipality, Organisation, User
from koers.lib import clock
from koers.people.constants import AssignmentRole, Phase, TargetGroup
from koers.people.models import Assignment, Person

from koers.access.demo import add_demo_consents
from koers.avg.demo import add_demo_avg
from koers.begeleiding.demo import add_demo_begeleiding
from koers.inburgering.demo import add_demo_participatie
from koers.kwalitatief.demo import add_demo_kwalitatief
from koers.monitoring.demo import add_demo_taakstelling
from koers.ontzorgen.demo import give_demo_arrangements
from koers.portaal.demo import DemoNewcomer, add_demo_portaal
from koers.security.demo import add_demo_security
from koers.signals.engine import recompute as recompute_signals

from .generator import Site
from .tenancy import ensure_instelling, oin_for
from .writer import write_dossiers

DEMO_SEED = 1916
MINIMUM_ASSIGNMENTS = 5


@dataclass(frozen=True)
class DemoMunicipality:
    key: str
    cbs_code: str
    name: str
    inhabitants: int
    pc4: int


@dataclass(frozen=True)
class DemoOrganisation:
    key: str
    name: str
    kind: OrganisationKind
    municipality: str
    serves: tuple[str, ...]


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    first_name: str
    last_name: str
    role: Role | None  # None: the Django superuser
    organisation: str | None


MUNICIPALITIES = (
    DemoMunicipality("lv", "1916", "Leidschendam-Voorburg", 78_000, 2261),
    DemoMunicipality("wassenaar", "0629", "Wassenaar", 27_000, 2241),
    DemoMunicipality("voorschoten", "0626", "Voorschoten", 26_000, 2251),
    DemoMunicipality("tholen", "0716", "Tholen", 27_000, 4691),
)
WERKGEBIED = ("lv", "wassenaar", "voorschoten")

ORGANISATIONS = (
    DemoOrganisation(
        "team", "Team Inburgering Leidschendam-Voorburg", OrganisationKind.MUNICIPAL_TEAM, "lv", WERKGEBIED
    ),
    DemoOrganisation(
        "mb", "Stichting Nieuw Thuis Haaglanden", OrganisationKind.MB_ORGANISATION, "lv", WERKGEBIED
    ),
    DemoOrganisation("school", "Taalschool De Brug", OrganisationKind.LANGUAGE_PROVIDER, "lv", WERKGEBIED),
    DemoOrganisation(
        "tholen_team", "Team Inburgering Tholen", OrganisationKind.MUNICIPAL_TEAM, "tholen", ("tholen",)
    ),
    DemoOrganisation(
        "tholen_mb", "Stichting Welzijn Tholen", OrganisationKind.MB_ORGANISATION, "tholen", ("tholen",)
    ),
    DemoOrganisation(
        "tholen_school", "Taalcentrum Tholen", OrganisationKind.LANGUAGE_PROVIDER, "tholen", ("tholen",)
    ),
)

USERS = (
    DemoUser("consulent", "Zeilboot-2026", "Anouk", "de Wit", Role.CONSULTANT, "team"),
    DemoUser("consulent2", "Fietspad-2026", "Youssef", "El Amrani", Role.CONSULTANT, "team"),
    DemoUser("consulent3", "Duinroos-2026", "Marieke", "van der Meer", Role.CONSULTANT, "team"),
    DemoUser("teamleider", "Vuurtoren-2026", "Ingrid", "Dijkstra", Role.TEAM_LEAD, "team"),
    DemoUser("mb-begeleider", "Zonnebloem-2026", "Samira", "Bakkali", Role.MB_BEGELEIDER, "mb"),
    DemoUser("vrijwilliger", "Kompasnaald-2026", "Henk", "Verhoeven", Role.VRIJWILLIGER, "mb"),
    DemoUser("taalaanbieder", "Woordenboek-2026", "Lotte", "Janssen", Role.TAALAANBIEDER, "school"),
    DemoUser("beleidsanalist", "Staafgrafiek-2026", "Ruben", "Smit", Role.POLICY_ANALYST, "team"),
    DemoUser("beheerder", "Sleutelbos-2026", "Esther", "Bos", Role.FUNCTIONAL_ADMIN, "team"),
    DemoUser("consulent.tholen", "Oesterbank-2026", "Pieter", "Kodde", Role.CONSULTANT, "tholen_team"),
    DemoUser("beheer", "Beheer-Koers-2026", "Koers", "Beheer", None, None),
)

# Which demo users partners assign to dossiers, as (username, organisation key, assignment role).
ASSIGNED = (
    ("mb-begeleider", "mb", AssignmentRole.MB_BEGELEIDING),
    ("vrijwilliger", "mb", AssignmentRole.VRIJWILLIGER),
    ("taalaanbieder", "school", AssignmentRole.TAALAANBIEDER),
)


@dataclass
class Demo:
    municipalities: dict[str, Municipality]
    organisations: dict[str, Organisation]
    users: dict[str, User]
    persons_created: int
    newcomer: DemoNewcomer | None

    def login_rows(self) -> list[tuple[str, str, str, str]]:
        """(username, password, role, organisation) for every demo user."""
        rows = []
        for spec in USERS:
            role = str(spec.role.label) if spec.role else "Django-superuser (/beheer/)"
            organisation = self.organisations[spec.organisation].name if spec.organisation else "—"
            rows.append((spec.username, spec.password, role, organisation))
        return rows


def set_up_demo(persons: int) -> Demo:
    with transaction.atomic():
        municipalities = {spec.key: _municipality(spec) for spec in MUNICIPALITIES}
        organisations = {spec.key: _organisation(spec, municipalities) for spec in ORGANISATIONS}
        users = {spec.username: _user(spec, organisations) for spec in USERS}
    existing = Person.objects.filter(municipality__in=municipalities.values()).count()
    missing = max(0, persons - existing)
    if missing:
        write_dossiers(_sites(municipalities, organisations, users), missing, seed=DEMO_SEED + existing)
    with transaction.atomic():
        for username, organisation, role in ASSIGNED:
            _ensure_assignments(users[username], organisations[organisation], role)
    _add_support_records(municipalities, organisations, users)
    _add_policies(municipalities)
    newcomer = add_demo_portaal(municipalities["lv"], worker=users["mb-begeleider"],
                                organisations=organisations.values())
    recompute_signals()
    return Demo(municipalities, organisations, users, missing, newcomer)


def _add_support_records(
    municipalities: dict[str, Municipality], organisations: dict[str, Organisation], users: dict[str, User]
) -> None:
    """MB trajectories for the persons the demo MB organisation supports, the consent most of them gave
    it, participation and work for a few of them, and financieel ontzorgen for recent asylum
    households. All go through the real services and skip what is already there."""
    mb_persons = (
        Person.objects.filter(
            assignments__organisation=organisations["mb"], assignments__role=AssignmentRole.MB_BEGELEIDING
        )
        .distinct()
        .order_by("pk")
    )
    add_demo_begeleiding(mb_persons, worker=users["mb-begeleider"], consultant=users["consulent"])
    add_demo_consents(mb_persons.filter(mb_trajectories__isnull=False).select_related("consultant"),
                      worker=users["mb-begeleider"], organisation=organisations["mb"], seed=DEMO_SEED)
    add_demo_participatie(mb_persons, seed=DEMO_SEED)
    give_demo_arrangements(municipalities.values(), clock.today(), seed=DEMO_SEED)
    add_demo_kwalitatief(municipalities["lv"], interviewer=users["consulent"], follow_up_owner=users["consulent"])


def _add_policies(municipalities: dict[str, Municipality]) -> None:
    """The demo users log in with their password alone; retention periods for the anonymisation job;
    a taakstelling per half year in proportion to the number of inhabitants."""
    add_demo_security(municipalities.values())
    inhabitants = {spec.key: spec.inhabitants for spec in MUNICIPALITIES}
    for key, municipality in municipalities.items():
        add_demo_avg(municipality)
        add_demo_taakstelling(municipality, per_half_year=inhabitants[key] // 2_000)


def _municipality(spec: DemoMunicipality) -> Municipality:
    municipality, _ = Municipality.objects.get_or_create(
        cbs_code=spec.cbs_code, defaults={"name": spec.name, "oin": oin_for(spec.cbs_code)}
    )
    return municipality


def _organisation(spec: DemoOrganisation, municipalities: dict[str, Municipality]) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        name=spec.name, municipality=municipalities[spec.municipality], defaults={"kind": spec.kind}
    )
    organisation.serves.set([municipalities[key] for key in spec.serves])
    return organisation


def _user(spec: DemoUser, organisations: dict[str, Organisation]) -> User:
    user, _ = User.objects.get_or_create(username=spec.username)
    user.first_name, user.last_name = spec.first_name, spec.last_name
    user.is_active = True
    user.is_staff = user.is_superuser = spec.role is None
    user.set_password(spec.password)
    user.save()
    if spec.role is not None:
        Membership.objects.get_or_create(
            user=user, organisation=organisations[spec.organisation], role=spec.role
        )
    return user


def _sites(
    municipalities: dict[str, Municipality], organisations: dict[str, Organisation], users: dict[str, User]
) -> list[Site]:
    consultants = tuple(users[name].pk for name in ("consulent", "consulent2", "consulent3"))
    sites = []
    for spec in MUNICIPALITIES:
        if spec.key in WERKGEBIED:
            staff = {
                "consultant_ids": consultants,
                "mb_organisation_id": organisations["mb"].pk,
                "school_id": organisations["school"].pk,
                "mb_worker_ids": (users["mb-begeleider"].pk,),
                "volunteer_ids": (users["vrijwilliger"].pk,),
                "provider_ids": (users["taalaanbieder"].pk,),
                "instelling_id": ensure_instelling(organisations["school"]).pk,
            }
        else:
            staff = {
                "consultant_ids": (users["consulent.tholen"].pk,),
                "mb_organisation_id": organisations["tholen_mb"].pk,
                "school_id": organisations["tholen_school"].pk,
                "instelling_id": ensure_instelling(organisations["tholen_school"]).pk,
            }
        municipality = municipalities[spec.key]
        sites.append(Site(municipality.pk, municipality.name, spec.pc4, spec.inhabitants, **staff))
    return sites


def _ensure_assignments(user: User, organisation: Organisation, role: AssignmentRole) -> None:
    """At least a few active assignments for the user, so that their screens are never empty."""
    active = Assignment.objects.active().filter(user=user, organisation=organisation, role=role).count()
    if active >= MINIMUM_ASSIGNMENTS:
        return
    candidates = (
        Person.objects.filter(municipality__in=organisation.serves.all())
        .exclude(phase=Phase.AFGESLOTEN)
        .exclude(assignments__user=user)
        .order_by("id")
    )
    later = candidates.exclude(phase__in=[Phase.KOPPELING, Phase.HUISVESTING])
    chosen: list[Person] = []
    for preferred in (later.filter(target_group=TargetGroup.ASIEL), later, candidates):
        chosen += preferred.exclude(pk__in=[p.pk for p in chosen])[
            : MINIMUM_ASSIGNMENTS - active - len(chosen)
        ]
    today = clock.today()
    Assignment.objects.bulk_create(
        Assignment(
            person=person,
            organisation=organisation,
            user=user,
            role=role,
            start_date=min(today, person.brp_registration_date or today),
        )
        for person in chosen
    )
