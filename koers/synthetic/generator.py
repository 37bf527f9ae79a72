"""Realistic synthetic dossiers, as plain rows.

``DossierGenerator`` turns a seed into households of newcomers: persons with names fitting their
origin, languages, literacy, a target group, dates that follow the chain (koppeling, housing, BRP
registration, regeldag, ...), a phase matching the time elapsed, an address once registered,
assignments of MB and language partners, and a few timeline events. It yields ``Chunk``s of tuples
in the column order of ``COLUMNS``, with explicit ids, so that ``koers.synthetic.writer`` can write
them in bulk. Nothing here touches the database: the same seed always gives the same rows.

It has to make a million dossiers in a minute or two, hence the plain strings instead of choice
enums, the dice built on ``random()`` alone and the caches of date and name texts.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from bisect import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from itertools import accumulate

from koers.access.constants import DataCategory
from koers.lib.text import search_key
from koers.people.constants import (
    LANGUAGES,
    PERSON_DETAIL_FIELDS,
    AssignmentRole,
    EventKind,
    EventSource,
    Gender,
    HouseholdRelation,
    Phase,
    TargetGroup,
)

from . import data
from .bsn import bsn_for
from .route import ROUTE_COLUMNS, RouteRecords
from .support import SUPPORT_COLUMNS, MbPolicyRef, SupportRecords

COLUMNS: dict[str, tuple[str, ...]] = {
    "households": ("id", "municipality_id", "name", "created_at"),
    "persons": (
        "id",
        "municipality_id",
        "bsn",
        "given_names",
        "family_name_prefix",
        "family_name",
        "search_name",
        *PERSON_DETAIL_FIELDS,
        "consultant_id",
        "created_at",
        "updated_at",
    ),
    "members": (
        "id",
        "household_id",
        "person_id",
        "relation",
        "given_names",
        "family_name",
        "date_of_birth",
        "gender",
    ),
    "assignments": ("id", "person_id", "organisation_id", "user_id", "role", "start_date", "end_date"),
    "events": (
        "id",
        "person_id",
        "occurred_at",
        "kind",
        "category",
        "title",
        "body",
        "actor_id",
        "source",
        "data",
    ),
    **ROUTE_COLUMNS,
    **SUPPORT_COLUMNS,
}

DATA_VERSION = 2
"""Raised whenever the generator makes other rows for the same seed (2: MB trajectories, checklists and
ontzorgen), so that the benchmark's kept databases are made anew."""
YEARS_BACK = 4
REGISTRATION_TITLE = "Gekoppeld aan de gemeente en geregistreerd in Koers"
BRP_TITLE = "Ingeschreven in de BRP"
MINUTES_A_DAY = 1440
COUPLES = ("couple", "family")  # household shapes with two persons who have the duty

# Plain strings: rows go to the database driver as they are.
MAN, WOMAN, GENDER_X = Gender.MAN.value, Gender.VROUW.value, Gender.X.value
ASIEL = TargetGroup.ASIEL.value
APPLICANT, PARTNER, CHILD = (
    HouseholdRelation.APPLICANT.value,
    HouseholdRelation.PARTNER.value,
    HouseholdRelation.CHILD.value,
)
KOPPELING, HUISVESTING, REGELDAG, OPSTARTFASE, VERDERE, AFRONDING, AFGESLOTEN = Phase.values
MB, VOLUNTEER, LANGUAGE_SCHOOL = (
    AssignmentRole.MB_BEGELEIDING.value,
    AssignmentRole.VRIJWILLIGER.value,
    AssignmentRole.TAALAANBIEDER.value,
)
REGISTRATION, STATUS = EventKind.REGISTRATION.value, EventKind.STATUS.value
FROM_UI, FROM_SYSTEM = EventSource.UI.value, EventSource.SYSTEM.value
IDENTITY = DataCategory.IDENTITY.value
_CLOCK = tuple(f"{minute // 60:02d}:{minute % 60:02d}:00" for minute in range(MINUTES_A_DAY))
_PHASE_DATA = {phase: json.dumps({"phase": phase}) for phase in Phase.values}


@dataclass(frozen=True)
class Site:
    """A municipality persons are generated for, with the people and partners working there."""

    municipality_id: int
    city: str
    pc4: int
    weight: float  # inhabitants
    consultant_ids: tuple[int, ...]
    mb_organisation_id: int | None = None
    school_id: int | None = None
    mb_worker_ids: tuple[int, ...] = ()
    volunteer_ids: tuple[int, ...] = ()
    provider_ids: tuple[int, ...] = ()
    instelling_id: int | None = None  # the language school as a DUO course institution
    mb_policy: MbPolicyRef | None = None

    @property
    def support_generated(self) -> bool:
        """Whether asylum migrants here get a generated MB trajectory and ontzorgen: only with an MB
        policy to pin them to. The demo builds its support through the services and gives none."""
        return self.mb_policy is not None

    @property
    def pc4_span(self) -> int:
        """How many four-digit postcodes the place covers, after its size."""
        return max(1, min(90, int(self.weight // 10_000)))


@dataclass(frozen=True)
class Start:
    """The first free id of each table and the first BSN prefix (eight digits) to use."""

    household: int = 1
    person: int = 1
    member: int = 1
    assignment: int = 1
    event: int = 1
    bsn_prefix: int = 10_000_000
    tables: dict[str, int] = field(default_factory=dict)
    """First free id of every other table (``ROUTE_COLUMNS``, ``SUPPORT_COLUMNS``); 1 when absent."""


@dataclass
class Chunk:
    households: list[tuple] = field(default_factory=list)
    persons: list[tuple] = field(default_factory=list)
    members: list[tuple] = field(default_factory=list)
    assignments: list[tuple] = field(default_factory=list)
    events: list[tuple] = field(default_factory=list)
    plichten: list[tuple] = field(default_factory=list)
    verlengingen: list[tuple] = field(default_factory=list)
    vrijstellingen: list[tuple] = field(default_factory=list)
    ontheffingen: list[tuple] = field(default_factory=list)
    intakes: list[tuple] = field(default_factory=list)
    pips: list[tuple] = field(default_factory=list)
    aanbod: list[tuple] = field(default_factory=list)
    uren: list[tuple] = field(default_factory=list)
    examens: list[tuple] = field(default_factory=list)
    onderdelen: list[tuple] = field(default_factory=list)
    boetes: list[tuple] = field(default_factory=list)
    trajectories: list[tuple] = field(default_factory=list)
    transitions: list[tuple] = field(default_factory=list)
    checklist: list[tuple] = field(default_factory=list)
    arrangements: list[tuple] = field(default_factory=list)
    ontzorgen_extensions: list[tuple] = field(default_factory=list)

    def tables(self) -> dict[str, list[tuple]]:
        return {name: getattr(self, name) for name in COLUMNS}


class Dice(random.Random):
    """``random.Random`` with cheap integer draws (``randrange`` costs ten times more)."""

    def below(self, n: int) -> int:
        return int(self.random() * n)

    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def chance(self, share: float) -> bool:
        return self.random() < share


@dataclass
class _Weighted:
    items: list
    cumulative: list[float]

    @classmethod
    def of(cls, pairs: Sequence[tuple[object, float]]) -> _Weighted:
        return cls([_plain(item) for item, _ in pairs], list(accumulate(weight for _, weight in pairs)))

    def pick(self, rng: Dice):
        return self.items[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


@dataclass(frozen=True)
class _Note:
    kind: str
    category: str
    title: str
    body: str


@dataclass
class _OriginTable:
    origin: data.Origin
    languages: _Weighted  # of (codes, json text)
    literacy: _Weighted


@dataclass
class _Someone:
    given_names: str
    prefix: str
    family_name: str
    gender: str
    dob: int  # day ordinal


def _plain(value):
    return value.value if isinstance(value, Enum) else value


@lru_cache(maxsize=1 << 16)
def _search_name(given_names: str, prefix: str, family_name: str) -> str:
    return search_key(given_names, prefix, family_name)


@lru_cache(maxsize=1 << 12)
def ascii_word(text: str) -> str:
    """'Öztürk' → 'ozturk', 'El Amrani' → 'elamrani': for e-mail addresses and usernames."""
    return "".join(ch for ch in search_key(text) if ch.isalnum() and ch.isascii())


def split_prefix(name: str) -> tuple[str, str]:
    """'da Silva' → ('da', 'Silva'): leading lower-case words are the tussenvoegsel."""
    words = name.split(" ")
    i = 0
    while i < len(words) - 1 and words[i].islower():
        i += 1
    return " ".join(words[:i]), " ".join(words[i:])


def feminine(family_name: str) -> str:
    """Russian family names take a feminine form (Ivanov → Ivanova)."""
    return family_name + "a" if family_name.endswith(("ov", "ev", "in")) else family_name


def household_mix() -> list[tuple[str, float]]:
    """Target-group weights per household such that the mix per person matches ``TARGET_GROUP_MIX``
    (asylum households hold more persons with a dossier)."""
    weights = []
    for target_group, share in data.TARGET_GROUP_MIX:
        shapes = data.HOUSEHOLD_MIX[target_group]
        persons = sum(w * (2 if shape in COUPLES else 1) for shape, w in shapes) / sum(w for _, w in shapes)
        weights.append((target_group.value, share / persons))
    return weights


def _notes() -> dict[tuple[str, bool], tuple[_Note, ...]]:
    """The note templates per (phase, is asylum migrant)."""
    return {
        (phase, asylum): tuple(
            _Note(note.kind.value, note.category.value, note.title, note.body)
            for note in notes
            if asylum or not note.asylum_only
        )
        for phase, notes in data.NOTES.items()
        for asylum in (True, False)
    }


class DossierGenerator(RouteRecords, SupportRecords):
    """Yields chunks of rows for persons spread over ``sites`` by weight."""

    def __init__(
        self,
        sites: Sequence[Site],
        *,
        seed: int,
        start: Start,
        now: dt.datetime,
        today: dt.date,
        timestamp_suffix: str = "",
    ) -> None:
        if not sites:
            raise ValueError("At least one site is needed.")
        self.rng = Dice(seed)
        self.support_rng = Dice(f"support-{seed}")
        """The support's own dice: the dossiers of a seed are the same whether or not support is generated."""
        self.sites = _Weighted.of([(site, site.weight) for site in sites])
        self.today = today.toordinal()
        utc = now.astimezone(dt.UTC)
        self.now = utc.date().toordinal() * MINUTES_A_DAY + utc.hour * 60 + utc.minute
        self.suffix = timestamp_suffix
        self.next = {
            "households": start.household,
            "persons": start.person,
            "members": start.member,
            "assignments": start.assignment,
            "events": start.event,
            **{table: start.tables.get(table, 1) for table in (*ROUTE_COLUMNS, *SUPPORT_COLUMNS)},
        }
        self.bsn_prefix = start.bsn_prefix
        self.target_groups = _Weighted.of(household_mix())
        self.origins = {tg.value: _Weighted.of(mix) for tg, mix in data.ORIGIN_MIX.items()}
        self.shapes = {tg.value: _Weighted.of(mix) for tg, mix in data.HOUSEHOLD_MIX.items()}
        self.children = _Weighted.of(data.CHILDREN_MIX)
        self.tables = {
            code: _OriginTable(
                origin,
                _Weighted.of([((codes, json.dumps(list(codes))), w) for codes, w in origin.languages]),
                _Weighted.of(list(zip(data.LITERACY_ORDER, origin.literacy, strict=True))),
            )
            for code, origin in data.ORIGINS.items()
        }
        self.notes = _notes()
        self.male_share = {tg.value: share / 100 for tg, share in data.MALE_SHARE.items()}
        self._iso: dict[int, str] = {}
        self.chunk = Chunk()

    # -- the public part -------------------------------------------------------------------------

    def chunks(self, count: int, chunk_size: int = 10_000) -> Iterator[Chunk]:
        """Generate ``count`` persons; a household is never split over two chunks."""
        made = 0
        while made < count:
            made += self.household(limit=count - made)
            if len(self.chunk.persons) >= chunk_size or made >= count:
                yield self.chunk
                self.chunk = Chunk()

    def household(self, limit: int) -> int:
        """Generate one household with at most ``limit`` persons with a dossier; returns how many."""
        rng = self.rng
        site: Site = self.sites.pick(rng)
        target_group = self.target_groups.pick(rng)
        table = self.tables[self.origins[target_group].pick(rng)]
        shape = self.shapes[target_group].pick(rng)
        if limit < 2 and shape in COUPLES:
            shape = "single" if shape == "couple" else "single_parent"
        koppeling = self.today - rng.between(0, YEARS_BACK * 365)
        head = self._adult(table, self._gender(target_group), koppeling)
        dossiers: list[tuple[_Someone, int, bool, str]] = [(head, koppeling, False, APPLICANT)]
        others: list[tuple] = []
        parents = [head]
        if shape in COUPLES:
            partner = self._adult(table, self._other_gender(head.gender), koppeling, near=head)
            parents.append(partner)
            later = target_group == ASIEL and rng.chance(0.25)  # a nareiziger, joining a year or so later
            partner_koppeling = koppeling + rng.between(120, 540) if later else koppeling
            if partner_koppeling <= self.today:
                dossiers.append((partner, partner_koppeling, later, PARTNER))
            else:
                others.append(self._member(PARTNER, partner))
        elif shape in ("resident_partner", "resident_family"):
            partner = self._resident_partner(table, head, koppeling)
            parents.append(partner)
            others.append(self._member(PARTNER, partner))
        if shape in ("family", "single_parent", "resident_family"):
            others.extend(self._children(table, head, parents, koppeling))

        household_id = self._id("households")
        consultant = self._consultant(site, koppeling)
        address = self._address(site)
        self.chunk.households.append(
            (
                household_id,
                site.municipality_id,
                f"Huishouden {head.family_name}",
                self._ts(self._moment(koppeling)),
            )
        )
        members = self.chunk.members
        for adult, day, housed, relation in dossiers:
            person_id, days = self._person(site, table, target_group, adult, day, housed, consultant, address)
            members.append((self._id("members"), household_id, person_id, relation, "", "", None, ""))
            if relation == APPLICANT and target_group == ASIEL and site.support_generated:
                self._ontzorgen(household_id, days.get(REGELDAG), consultant)
        for row in others:
            members.append((self._id("members"), household_id, *row))
        return len(dossiers)

    # -- people ----------------------------------------------------------------------------------

    def _gender(self, target_group: str) -> str:
        rng = self.rng
        if rng.below(1000) < data.GENDER_X_PER_THOUSAND:
            return GENDER_X
        return MAN if rng.chance(self.male_share[target_group]) else WOMAN

    def _other_gender(self, gender: str) -> str:
        if gender == GENDER_X:
            return self.rng.choice((MAN, WOMAN))
        return WOMAN if gender == MAN else MAN

    def _given_names(self, origin: data.Origin, gender: str) -> str:
        rng = self.rng
        if gender == GENDER_X:
            names = rng.choice((origin.male, origin.female))
        else:
            names = origin.male if gender == MAN else origin.female
        first = rng.choice(names)
        if rng.chance(0.12) and " " not in first:
            second = rng.choice(names)
            if second != first and " " not in second:
                return f"{first} {second}"
        return first

    def _family_name(self, origin: data.Origin, gender: str) -> tuple[str, str]:
        rng = self.rng
        name = rng.choice(origin.family)
        if origin.double_family_names and rng.below(100) < origin.double_family_names:
            second = rng.choice(origin.family)
            if second != name:
                name = f"{name} {second}"
        if origin.gendered_family_names and gender == WOMAN:
            name = feminine(name)
        return split_prefix(name)

    def _age_days(self, years: int) -> int:
        """Days between a birth date and a day on which someone is ``years`` old (never a birthday)."""
        return int((years + 0.01 + 0.98 * self.rng.random()) * 365.2425)

    def _adult(
        self, table: _OriginTable, gender: str, koppeling: int, near: _Someone | None = None
    ) -> _Someone:
        rng = self.rng
        if near is None:
            years = int(rng.triangular(18, 65, 27))
        else:
            years = min(64, max(18, (koppeling - near.dob) // 365 + rng.between(-6, 6)))
        prefix, family = self._family_name(table.origin, gender)
        return _Someone(
            self._given_names(table.origin, gender), prefix, family, gender, koppeling - self._age_days(years)
        )

    def _resident_partner(self, table: _OriginTable, head: _Someone, koppeling: int) -> _Someone:
        """A partner who lives here already (no duty): Dutch, or of the same origin."""
        rng = self.rng
        gender = self._other_gender(head.gender)
        if rng.chance(0.5):
            given = rng.choice(data.DUTCH_MALE if gender == MAN else data.DUTCH_FEMALE)
            prefix, family = rng.choice(data.DUTCH_FAMILY)
            years = min(70, max(20, (koppeling - head.dob) // 365 + rng.between(-3, 12)))
            return _Someone(given, prefix, family, gender, koppeling - self._age_days(years))
        return self._adult(table, gender, koppeling, near=head)

    def _children(
        self, table: _OriginTable, head: _Someone, parents: list[_Someone], koppeling: int
    ) -> list[tuple]:
        rng = self.rng
        oldest = min(17, min((koppeling - p.dob) // 365 for p in parents) - 19)
        rows = []
        for _ in range(self.children.pick(rng) if oldest >= 0 else 0):
            gender = rng.choice((MAN, WOMAN))
            child = _Someone(
                self._given_names(table.origin, gender),
                head.prefix,
                head.family_name,
                gender,
                koppeling - self._age_days(rng.between(0, oldest)),
            )
            rows.append(self._member(CHILD, child))
        return rows

    def _member(self, relation: str, someone: _Someone) -> tuple:
        """A household member without a dossier, less the id and household columns."""
        family = f"{someone.prefix} {someone.family_name}" if someone.prefix else someone.family_name
        return (None, relation, someone.given_names, family, self._date(someone.dob), someone.gender)

    def _consultant(self, site: Site, koppeling: int) -> int | None:
        """Most dossiers have a consultant; the newest are often still waiting for one."""
        if not site.consultant_ids:
            return None
        share = 0.6 if self.today - koppeling < 42 else 0.97
        return self.rng.choice(site.consultant_ids) if self.rng.chance(share) else None

    def _address(self, site: Site) -> tuple[str, str, str]:
        rng = self.rng
        number = str(rng.between(1, 180))
        if rng.chance(0.1):
            number += rng.choice(data.HOUSE_NUMBER_SUFFIXES)
        letters = rng.choice(data.POSTCODE_LETTERS) + rng.choice(data.POSTCODE_LETTERS)
        if letters in data.UNUSED_POSTCODE_LETTERS:
            letters = letters[0] + "T"
        postcode = f"{min(9999, site.pc4 + rng.below(site.pc4_span))} {letters}"
        return rng.choice(data.STREETS), number, postcode

    def _contact(self, someone: _Someone) -> tuple[str, str]:
        rng = self.rng
        phone = f"06-{rng.between(10_000_000, 99_999_999)}" if rng.chance(0.7) else ""
        email = ""
        if rng.chance(0.35):
            local = f"{ascii_word(someone.given_names.split(' ')[0])}.{ascii_word(someone.family_name)}"
            email = f"{local}{rng.between(1, 99)}@{rng.choice(data.EMAIL_DOMAINS)}"
        return phone, email

    # -- the dossier -----------------------------------------------------------------------------

    def _transitions(
        self, target_group: str, koppeling: int, housed: bool
    ) -> tuple[list[tuple[str, int]], int]:
        """Every phase with the day it starts (some may lie ahead), and the day of BRP registration."""
        rng = self.rng
        steps = [(KOPPELING, koppeling)]
        if target_group == ASIEL:
            if housed:  # joins a partner who has a home already
                brp = koppeling + rng.between(3, 21)
            else:
                housing = koppeling + rng.between(21, 150)
                steps.append((HUISVESTING, housing))
                brp = housing + rng.between(7, 35)
            regeldag = brp + rng.between(0, 10)
            start_up = regeldag + rng.between(1, 14)
            steps += [
                (REGELDAG, regeldag),
                (OPSTARTFASE, start_up),
                (VERDERE, start_up + rng.between(30, 100)),
            ]
            closing = brp + rng.between(540, 900)
        else:  # family and other migrants: intake and PIP, no MB
            brp = koppeling + rng.between(0, 28)
            steps.append((VERDERE, brp + rng.between(42, 120)))
            closing = koppeling + rng.between(950, 1100)
        steps += [(AFRONDING, closing), (AFGESLOTEN, closing + rng.between(30, 150))]
        return steps, brp

    def _person(
        self,
        site: Site,
        table: _OriginTable,
        target_group: str,
        adult: _Someone,
        koppeling: int,
        housed: bool,
        consultant: int | None,
        address: tuple[str, str, str],
    ) -> tuple[int, dict[str, int]]:
        """One person with a dossier; returns their id and the day each phase reached began."""
        rng = self.rng
        origin = table.origin
        person_id = self._id("persons")
        steps, brp = self._transitions(target_group, koppeling, housed)
        if target_group == ASIEL and site.support_generated:
            steps = self._closed_early(steps)
        today = self.today
        reached = [step for step in steps if step[1] <= today]
        registered = brp <= today
        codes, languages_json = table.languages.pick(rng)
        nationality = origin.country
        if nationality == "SY" and target_group == ASIEL and rng.chance(0.04):
            nationality = ""  # stateless: Palestinians from Syria
        street, number, postcode = address if registered else ("", "", "")
        phone, email = self._contact(adult)
        first, last = self._events(
            person_id, site, target_group, codes[0], reached, brp if registered else None, consultant
        )
        days = dict(reached)
        worker = self._assignments(person_id, site, target_group, days)
        if target_group == ASIEL and site.support_generated:
            self._trajectory(person_id, site, reached, worker, consultant)
        self._route(
            person_id, site, target_group, koppeling, brp, (koppeling - adult.dob) // 365, codes[0], consultant
        )
        self.chunk.persons.append(
            (
                person_id,
                site.municipality_id,
                self._bsn(),
                adult.given_names,
                adult.prefix,
                adult.family_name,
                _search_name(adult.given_names, adult.prefix, adult.family_name),
                self._date(adult.dob),
                adult.gender,
                origin.country,
                nationality,
                languages_json,
                table.literacy.pick(rng),
                target_group,
                reached[-1][0],
                self._date(koppeling),
                self._date(brp) if registered else None,
                street,
                number,
                postcode,
                site.city if registered else "",
                phone,
                email,
                consultant,
                self._ts(first),
                self._ts(last),
            )
        )
        return person_id, days

    def _events(
        self,
        person_id: int,
        site: Site,
        target_group: str,
        language: str,
        reached: list[tuple[str, int]],
        brp: int | None,
        consultant: int | None,
    ) -> tuple[int, int]:
        """Two to six timeline events; returns the first and the last moment."""
        rng = self.rng
        koppeling = reached[0][1]
        events = [
            (
                self._moment(koppeling),
                REGISTRATION,
                IDENTITY,
                REGISTRATION_TITLE,
                f"Datum koppeling: {self._dutch_date(koppeling)}",
                consultant,
                FROM_UI,
                "{}",
            )
        ]
        statuses = [
            (
                self._moment(day),
                STATUS,
                IDENTITY,
                data.PHASE_TITLES[phase],
                "",
                consultant,
                FROM_UI,
                _PHASE_DATA[phase],
            )
            for phase, day in reached[1:]
        ]
        if brp is not None:
            statuses.append(
                (
                    self._moment(brp),
                    STATUS,
                    IDENTITY,
                    BRP_TITLE,
                    f"Ingeschreven in {site.city} op {self._dutch_date(brp)}.",
                    None,
                    FROM_SYSTEM,
                    f'{{"brp_registration_date": "{self._date(brp)}"}}',
                )
            )
        budget = rng.between(1, 5)
        while len(statuses) > budget:
            statuses.pop(rng.below(len(statuses)))
        events += statuses
        language_name = data.INTERPRETER_LANGUAGES.get(language, LANGUAGES[language])
        asylum = target_group == ASIEL
        for _ in range(budget - len(statuses)):
            i = rng.below(len(reached))
            phase, first = reached[i]
            last = reached[i + 1][1] - 1 if i + 1 < len(reached) else self.today
            note = rng.choice(self.notes[phase, asylum])
            events.append(
                (
                    self._moment(rng.between(first, max(first, last))),
                    note.kind,
                    note.category,
                    note.title,
                    note.body.format(language=language_name),
                    consultant,
                    FROM_UI,
                    "{}",
                )
            )
        registered = events[0][0]
        events.sort(key=lambda event: max(event[0], registered))  # stable: the registration comes first
        rows = self.chunk.events
        for moment, *rest in events:
            rows.append((self._id("events"), person_id, self._ts(max(moment, registered)), *rest))
        return registered, max(events[-1][0], registered)

    def _assignments(
        self, person_id: int, site: Site, target_group: str, phase_days: dict[str, int]
    ) -> int | None:
        """Asylum migrants get MB from the regeldag, a language course later on, and some a buddy.
        Returns the MB worker, if one was assigned."""
        if target_group != ASIEL or REGELDAG not in phase_days:
            return None
        rng = self.rng
        closed = phase_days.get(AFGESLOTEN)
        worker = None
        if site.mb_organisation_id:
            worker = rng.choice(site.mb_worker_ids) if site.mb_worker_ids and rng.chance(0.7) else None
            self._assign(person_id, site.mb_organisation_id, worker, MB, phase_days[REGELDAG], closed)
        further = phase_days.get(VERDERE)
        if further is None:
            return worker
        course = further + rng.between(0, 30)
        if site.school_id and course <= self.today:
            provider = rng.choice(site.provider_ids) if site.provider_ids and rng.chance(0.5) else None
            self._assign(person_id, site.school_id, provider, LANGUAGE_SCHOOL, course, closed)
        buddy = further + rng.between(14, 90)
        if (
            site.volunteer_ids
            and site.mb_organisation_id
            and buddy <= self.today
            and closed is None
            and rng.chance(0.25)
        ):
            self._assign(
                person_id, site.mb_organisation_id, rng.choice(site.volunteer_ids), VOLUNTEER, buddy, None
            )
        return worker

    def _assign(
        self,
        person_id: int,
        organisation_id: int,
        user_id: int | None,
        role: str,
        start: int,
        end: int | None,
    ) -> None:
        end_text = self._date(max(start, end)) if end is not None else None
        self.chunk.assignments.append(
            (self._id("assignments"), person_id, organisation_id, user_id, role, self._date(start), end_text)
        )

    # -- small helpers ---------------------------------------------------------------------------

    def _id(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value

    def _bsn(self) -> str:
        while True:
            bsn = bsn_for(self.bsn_prefix)
            self.bsn_prefix += 1
            if bsn is not None:
                return bsn

    def _date(self, ordinal: int) -> str:
        text = self._iso.get(ordinal)
        if text is None:
            text = self._iso[ordinal] = dt.date.fromordinal(ordinal).isoformat()
        return text

    def _dutch_date(self, ordinal: int) -> str:
        year, month, day = self._date(ordinal).split("-")
        return f"{day}-{month}-{year}"

    def _moment(self, day: int, rng: Dice | None = None) -> int:
        """A moment in office hours (minutes since day one, UTC), never after now; thrown with ``rng``
        (the generator's dice when not given)."""
        return min(day * MINUTES_A_DAY + (rng or self.rng).between(420, 929), self.now)

    def _ts(self, moment: int) -> str:
        day, minute = divmod(moment, MINUTES_A_DAY)
        return f"{self._date(day)} {_CLOCK[minute]}{self.suffix}"
