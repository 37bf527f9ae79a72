"""Keeping the facts tables (``models.facts``) current: derived from the dossier set-based in SQL,
the same statements for one changed person and for everyone.

* ``refresh(person_ids)``: the facts of these persons are deleted and written anew from their
  dossiers, in one transaction. A dossier change marks its person stale in the changing transaction
  (``StaleFacts``, see ``facts_sources``) and refreshes them once the transaction commits; whatever a
  commit did not get to (a process stopped in between, or the reader's own transaction) the next
  reader refreshes first (``fresh``), so a figure always counts the dossier as it stands.
* ``rebuild()``: every person's facts, the nightly job and ``koers monitoring rebuild``. Into empty
  tables (after ``koers generate`` or a migration) the rows go in one statement per table, on
  PostgreSQL with the secondary indexes set aside and built after the load; otherwise per batch of
  persons (an id range), each batch a short transaction of its own, so readers never wait and a
  dossier changed meanwhile waits at most one batch.

Writers of the facts tables take one table lock (PostgreSQL: SHARE ROW EXCLUSIVE, which readers do
not notice) so that two refreshes of the same person never interleave.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.db import connection, models, transaction
from django.db.models import Q

from koers.begeleiding.models import Trajectory, Transition
from koers.inburgering.constants import BesluitStatus, IntakeStatus, PipStatus
from koers.inburgering.models import (
    Boete,
    BredeIntake,
    Examenresultaat,
    Inburgeringsaanbod,
    Inburgeringsplicht,
    PipVersie,
    Termijnverlenging,
    Urenregistratie,
)
from koers.inburgering.terms import ontzorgen_end_after
from koers.lib.sql import batches, columns, table
from koers.ontzorgen.models import Extension as OntzorgenExtension
from koers.people.constants import AssignmentRole, HouseholdRelation, Phase
from koers.people.models import Assignment, HouseholdMember, Person

from .models import AssignmentFacts, EventFacts, EventKind, HoursFacts, PersonFacts, StaleFacts

BATCH = 5_000
"""Persons per transaction of a rebuild (an id range) and per refresh."""
LAST_ID = 2**63 - 1
FACTS: tuple[type[models.Model], ...] = (PersonFacts, EventFacts, HoursFacts, AssignmentFacts)
DIMENSIONS = ("person_id", "municipality_id", "gender", "date_of_birth", "target_group", "country_of_origin",
              "literacy")
PREVIOUS = "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING"
"""The window frame of the rows before the current one: its MAX(day) is the previous row's day."""


def dimensions_of(person: str) -> str:
    """The dimension columns read from the person row aliased ``person``."""
    return ", ".join(f"{person}.{'id' if name == 'person_id' else name}" for name in DIMENSIONS)


def days_between(later: str, earlier: str) -> str:
    if connection.vendor == "postgresql":
        return f"({later} - {earlier})"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


@dataclass(frozen=True)
class Scope:
    """The persons a refresh covers: these ids, an id range (both ends inclusive), or everyone."""

    person_ids: tuple[int, ...] | None = None
    id_range: tuple[int, int] | None = None

    def where(self, column: str) -> tuple[str, list]:
        """The condition on ``column``. One person (the refresh after a change) is an equality: over
        an array of unknown length PostgreSQL never trusts the plan it prepared and plans again at every
        refresh (2 ms for the person's facts alone), for an equality it keeps one plan."""
        if self.person_ids is not None and len(self.person_ids) == 1:
            return f"{column} = %s", list(self.person_ids)
        if self.person_ids is not None:
            if connection.vendor == "postgresql":
                return f"{column} = ANY(%s)", [list(self.person_ids)]
            return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(self.person_ids)]
        if self.id_range is not None:
            return f"{column} BETWEEN %s AND %s", list(self.id_range)
        return "1 = 1", []

    def q(self, field: str) -> Q:
        if self.person_ids is not None:
            return Q(**{f"{field}__in": self.person_ids})
        if self.id_range is not None:
            return Q(**{f"{field}__gte": self.id_range[0], f"{field}__lte": self.id_range[1]})
        return Q()


EVERYONE = Scope()


class Statement:
    """SQL with its parameters, put together from parts in order."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list = []

    def add(self, sql: str, *params) -> Statement:
        self.parts.append(sql)
        self.params.extend(params)
        return self

    def where(self, scope: Scope, column: str) -> Statement:
        sql, params = scope.where(column)
        return self.add(sql, *params)

    @property
    def sql(self) -> str:
        return " ".join(self.parts)


def insert(model: type[models.Model], *names: str) -> Statement:
    return Statement().add(f"INSERT INTO {table(model)} ({columns(*DIMENSIONS, *names)})")


def first_day(model: type[models.Model], day: str, scope: Scope, condition: str, *params) -> Statement:
    """A derived table of each person's first ``day`` among the rows of ``model`` that meet ``condition``."""
    return (
        Statement()
        .add(f"(SELECT person_id, MIN({day}) AS day FROM {table(model)} "
             f"WHERE {day} IS NOT NULL AND {condition} AND", *params)
        .where(scope, "person_id")
        .add("GROUP BY person_id)")
    )


def join(statement: Statement, derived: Statement, alias: str) -> None:
    statement.add("LEFT JOIN").add(derived.sql, *derived.params).add(f"{alias} ON {alias}.person_id = p.id")


def person_statement(scope: Scope) -> Statement:
    statement = insert(
        PersonFacts, "phase", "consultant_id", "koppeling_date", "brp_registration_date",
        "leerroute_term_start", "first_intake_on", "first_pip_on", "current_pip_on", "current_leerroute",
        "first_offer_on", "first_regeldag_on", "duty_status", "duty_ended_on", "duty_in_time",
    ).add(
        f"SELECT {dimensions_of('p')}, p.phase, p.consultant_id, p.koppeling_date, p.brp_registration_date, "
        "d.leerroute_term_start, i.day, v.day, c.dagtekening, COALESCE(c.leerroute, ''), o.day, r.day, "
        "COALESCE(d.status, ''), d.ended_on, "
        "CASE WHEN d.ended_on IS NOT NULL AND d.termijn_end IS NOT NULL THEN d.ended_on < d.termijn_end END "
        f"FROM {table(Person)} p LEFT JOIN {table(Inburgeringsplicht)} d ON d.person_id = p.id"
    )
    intake = first_day(BredeIntake, "conversation_date", scope, "status = %s", IntakeStatus.AFGEROND)
    join(statement, intake, "i")
    join(statement, first_day(PipVersie, "dagtekening", scope, "status IN (%s, %s)", PipStatus.VASTGESTELD,
                              PipStatus.VERVANGEN), "v")
    statement.add(
        f"LEFT JOIN {table(PipVersie)} c ON c.person_id = p.id AND c.status = %s", PipStatus.VASTGESTELD
    )
    join(statement, first_day(Inburgeringsaanbod, "datum_inburgeringsaanbod", scope, "1 = 1"), "o")
    regeldag = (
        Statement()
        .add(f'(SELECT t.person_id, MIN(x."on") AS day FROM {table(Transition)} x '
             f"JOIN {table(Trajectory)} t ON t.id = x.trajectory_id WHERE x.to_state = %s AND",
             Phase.REGELDAG)
        .where(scope, "t.person_id")
        .add("GROUP BY t.person_id)")
    )
    join(statement, regeldag, "r")
    return statement.add("WHERE").where(scope, "p.id")


def hours_statement(scope: Scope) -> Statement:
    days = days_between("u.period_end", "u.period_start")
    return (
        insert(HoursFacts, "day", "attended", "offered", "planned", "previous_day", "previous_planned_day")
        .add(
            f"SELECT {dimensions_of('p')}, u.period_start, CAST(ROUND(u.hours_attended * 10) AS INTEGER), "
            f"CAST(ROUND(u.hours_offered * 10) AS INTEGER), "
            f"CAST(ROUND(a.planned_hours_per_week * 10) AS INTEGER) * ({days} + 1), "
            "MAX(u.period_start) OVER w, "
            "MAX(CASE WHEN a.planned_hours_per_week IS NOT NULL THEN u.period_start END) OVER w "
            f"FROM {table(Urenregistratie)} u JOIN {table(Person)} p ON p.id = u.person_id "
            f"LEFT JOIN {table(Inburgeringsaanbod)} a ON a.id = u.aanbod_id WHERE"
        )
        .where(scope, "u.person_id")
        .add(f"WINDOW w AS (PARTITION BY u.person_id ORDER BY u.period_start, u.id {PREVIOUS})")
    )


EVENT_COLUMNS = ("kind", "day", "series", "hit", "start", "end", "previous_day")


NO_DAY = "CAST(NULL AS DATE)"
"""An empty date column: in the first SELECT of a UNION, a bare NULL would make the column text."""


def event_select(
    kind: EventKind, source: type[models.Model], day: str, series: str, hit: str, condition: str, *params
) -> Callable[[Scope], Statement]:
    """Events read from the rows of ``source`` (alias ``x``, its person ``p``); the previous day is
    that of the person's previous event of the same series."""

    def select(scope: Scope) -> Statement:
        return (
            Statement()
            .add(
                f"SELECT {dimensions_of('p')}, %s, x.{day}, {series}, {hit}, {NO_DAY}, {NO_DAY}, "
                f"MAX(x.{day}) OVER (PARTITION BY x.person_id, {series} ORDER BY x.{day}, x.id {PREVIOUS}) "
                f"FROM {table(source)} x JOIN {table(Person)} p ON p.id = x.person_id WHERE {condition} AND",
                kind, *params,
            )
            .where(scope, "x.person_id")
        )

    return select


def closing_select(scope: Scope) -> Statement:
    """MB trajectories closed: the share closed early counts those not closed from afronding."""
    return (
        Statement()
        .add(
            f'SELECT {dimensions_of("p")}, %s, x."on", \'\', x.from_state <> %s, NULL, NULL, '
            f'MAX(x."on") OVER (PARTITION BY t.person_id ORDER BY x."on", x.id {PREVIOUS}) '
            f"FROM {table(Transition)} x JOIN {table(Trajectory)} t ON t.id = x.trajectory_id "
            f"JOIN {table(Person)} p ON p.id = t.person_id WHERE x.to_state = %s AND",
            EventKind.MB_CLOSED, Phase.AFRONDING, Phase.AFGESLOTEN,
        )
        .where(scope, "t.person_id")
    )


def phase_select(scope: Scope) -> Statement:
    """Each phase left: entered at the trajectory's step just before (by id), left at this step."""
    return (
        Statement()
        .add(
            f"SELECT {dimensions_of('p')}, %s, s.day, s.from_state, NULL, s.entered, s.day, NULL FROM "
            f'(SELECT t.person_id, x.from_state, x."on" AS day, '
            f'LAG(x."on") OVER (PARTITION BY x.trajectory_id ORDER BY x.id) AS entered '
            f"FROM {table(Transition)} x JOIN {table(Trajectory)} t ON t.id = x.trajectory_id WHERE",
            EventKind.MB_PHASE,
        )
        .where(scope, "t.person_id")
        .add(f") s JOIN {table(Person)} p ON p.id = s.person_id "
             "WHERE s.from_state <> '' AND s.entered IS NOT NULL")
    )


EVENT_SELECTS = (
    event_select(EventKind.EXAM, Examenresultaat, "exam_date", "x.onderdeel", "x.passed", "1 = 1"),
    event_select(EventKind.EXTENSION, Termijnverlenging, "decided_on", "''", "NULL",
                 "x.status = %s AND x.decided_on IS NOT NULL", BesluitStatus.TOEGEKEND),
    event_select(EventKind.FINE, Boete, "warning_date", "x.grond", "NULL", "1 = 1"),
    closing_select,
    phase_select,
)


def event_statement(scope: Scope) -> Statement:
    """The events of every kind read in SQL (ontzorgen is computed in Python), in one INSERT."""
    statement = insert(EventFacts, *EVENT_COLUMNS)
    for number, select in enumerate(EVENT_SELECTS):
        if number:
            statement.add("UNION ALL")
        part = select(scope)
        statement.add(part.sql, *part.params)
    return statement


def assignment_statement(scope: Scope) -> Statement:
    """MB and buddy assignments; ``covered_until``: the last end of the person's earlier assignments in
    the same role (an open one counts as the last day there is)."""
    return (
        insert(AssignmentFacts, "phase", "role", "user_id", "start_date", "end_date", "covered_until")
        .add(
            f"SELECT {dimensions_of('p')}, p.phase, x.role, x.user_id, x.start_date, x.end_date, "
            "MAX(COALESCE(x.end_date, %s)) OVER "
            f"(PARTITION BY x.person_id, x.role ORDER BY x.start_date, x.id {PREVIOUS}) "
            f"FROM {table(Assignment)} x JOIN {table(Person)} p ON p.id = x.person_id "
            "WHERE x.role IN (%s, %s) AND",
            dt.date.max, AssignmentRole.MB_BEGELEIDING, AssignmentRole.VRIJWILLIGER,
        )
        .where(scope, "x.person_id")
    )


STATEMENTS = (person_statement, hours_statement, event_statement, assignment_statement)


# -- Ontzorgen: the end in force follows the law's term arithmetic, done in Python -------------------


def ontzorgen_rows(scope: Scope) -> list[EventFacts]:
    """Per arrangement, at its household's applicant: from the first benefit payment to the end in force
    (the planned end with its extensions, or the early end when that comes first)."""
    applicants = HouseholdMember.objects.filter(
        scope.q("person_id"), relation=HouseholdRelation.APPLICANT, person__isnull=False,
        household__ontzorgen__isnull=False,
    )
    arrangements = list(applicants.values(
        "person_id", "household__ontzorgen", "household__ontzorgen__start", "household__ontzorgen__ended_on",
        *(f"person__{name}" for name in DIMENSIONS[1:]),
    ))
    extensions: dict[int, list[int]] = defaultdict(list)
    for arrangement, months in (
        # The arrangements as a subquery, not their ids: a rebuild names too many for one statement.
        OntzorgenExtension.objects.filter(arrangement__in=applicants.values("household__ontzorgen"))
        .order_by("arrangement_id", "created_at", "id")
        .values_list("arrangement_id", "months")
    ):
        extensions[arrangement].append(months)
    rows = []
    for a in arrangements:
        start, ended_on = a["household__ontzorgen__start"], a["household__ontzorgen__ended_on"]
        planned = ontzorgen_end_after(start, tuple(extensions.get(a["household__ontzorgen"], ())))
        rows.append(EventFacts(
            person_id=a["person_id"], kind=EventKind.ONTZORGEN, day=start, start=start,
            end=min(planned, ended_on) if ended_on else planned,
            **{name: a[f"person__{name}"] for name in DIMENSIONS[1:]},
        ))
    return rows


# -- Writing --------------------------------------------------------------------------------------------


def write(scope: Scope) -> None:
    with connection.cursor() as cursor:
        for make in STATEMENTS:
            statement = make(scope)
            cursor.execute(statement.sql, statement.params)
    EventFacts.objects.bulk_create(ontzorgen_rows(scope), batch_size=BATCH)


def delete(scope: Scope) -> None:
    sql, params = scope.where("person_id")
    with connection.cursor() as cursor:
        for model in (*FACTS, StaleFacts):
            cursor.execute(f"DELETE FROM {table(model)} WHERE {sql}", params)


PERSON_LOCKS = 0x6B6F6572
"""The first key of the advisory locks a refresh takes per person (the second is the person's id)."""
LOCKED_ONE_BY_ONE = 64
"""Up to this many persons a refresh locks each; more (stale facts found by a reader) lock the tables,
as a range does: PostgreSQL's table of locks is shared and not made for thousands per transaction."""


def lock(mode: str = "SHARE ROW EXCLUSIVE") -> None:
    """The facts tables locked for this transaction (PostgreSQL; SQLite has one writer anyway)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {', '.join(table(m) for m in FACTS)} IN {mode} MODE")


def lock_for(scope: Scope) -> None:
    """Writers of the same persons' facts one at a time (PostgreSQL; SQLite has one writer anyway). A
    refresh of named persons (after a change) takes an advisory lock per person, in the order of their
    ids, and keeps out only the writers of ranges of persons (the rebuild), which keep out every other
    writer: refreshes after changes to different dossiers run side by side instead of one after
    another. Two refreshes of one person in turn: together each would delete the facts the other cannot
    see yet and both would insert."""
    if connection.vendor != "postgresql":
        return
    if scope.person_ids is None or len(scope.person_ids) > LOCKED_ONE_BY_ONE:
        lock()
        return
    lock("ROW EXCLUSIVE")
    with connection.cursor() as cursor:
        for person_id in sorted(set(scope.person_ids)):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [PERSON_LOCKS, person_id % 2**31])


def refresh_scope(scope: Scope) -> None:
    with transaction.atomic():
        lock_for(scope)
        delete(scope)
        write(scope)


def refresh(person_ids: Iterable[int]) -> int:
    """Write the facts of these persons anew (those gone lose theirs); answers how many persons."""
    ids = sorted(set(person_ids))
    for batch in batches(ids, BATCH):
        refresh_scope(Scope(person_ids=tuple(batch)))
    return len(ids)


def fresh(model: type[models.Model]) -> models.QuerySet:
    """``model``'s rows, after refreshing the persons still marked stale."""
    stale = list(StaleFacts.objects.values_list("person_id", flat=True))
    if stale:
        refresh(stale)
    return model.objects.all()


# -- Rebuilding everyone ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    persons: int
    rows: int
    seconds: float
    bulk_load: bool


def facts_rows() -> int:
    return sum(model.objects.count() for model in FACTS)


def rebuild(first_person_id: int | None = None) -> Outcome:
    """The facts of every person (from ``first_person_id`` on: the persons a bulk load just added)."""
    started = time.perf_counter()
    loaded = load_into_empty_tables()
    if not loaded:
        lowest = first_person_id or 0
        ids = list(Person.objects.filter(pk__gte=lowest).order_by("pk").values_list("pk", flat=True))
        for low, high in id_ranges(ids, lowest):
            refresh_scope(Scope(id_range=(low, high)))
    tidy()
    persons = Person.objects.filter(pk__gte=first_person_id or 0).count()
    return Outcome(persons, facts_rows(), time.perf_counter() - started, loaded)


def rebuild_nightly() -> None:
    """The nightly job: everyone's facts, in case a change ever reached the dossier without a signal."""
    rebuild()


def id_ranges(ids: Sequence[int], lowest: int) -> Iterator[tuple[int, int]]:
    """Consecutive id ranges of ``BATCH`` persons each that together cover every id from ``lowest``
    on, so the rows of persons who are gone are cleared as well."""
    chunks = list(batches(ids, BATCH))
    for index, chunk in enumerate(chunks):
        low = lowest if index == 0 else chunk[0]
        high = LAST_ID if index == len(chunks) - 1 else chunks[index + 1][0] - 1
        yield low, high
    if not chunks:
        yield lowest, LAST_ID


def load_into_empty_tables() -> bool:
    """Everyone's facts into empty facts tables, one statement per table. Answers whether the tables
    were empty. Readers wait meanwhile (the tables are locked), which is why the nightly rebuild,
    into tables already filled, takes the batches instead."""
    with transaction.atomic():
        lock("ACCESS EXCLUSIVE")
        if any(model.objects.exists() for model in FACTS):
            return False
        delete(EVERYONE)
        with covering_indexes_set_aside():
            write(EVERYONE)
    return True


@contextlib.contextmanager
def covering_indexes_set_aside() -> Iterator[None]:
    """On PostgreSQL, the figures' indexes are built once after a bulk load (one sort each) instead of
    row by row during it."""
    indexes = [(model, index) for model in FACTS for index in model._meta.indexes]
    if connection.vendor != "postgresql":
        yield
        return
    with connection.schema_editor() as editor:
        for model, index in indexes:
            editor.remove_index(model, index)
    yield
    with connection.schema_editor() as editor:
        for model, index in indexes:
            editor.add_index(model, index)


def tidy() -> None:
    """After many rows changed (PostgreSQL): fresh statistics for the planner, and (outside a
    transaction) a VACUUM, which marks the pages all-visible so the figures read the covering indexes
    without visiting the table."""
    if connection.vendor != "postgresql":
        return
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as cursor:
        for model in FACTS:
            cursor.execute(f"{command} {table(model)}")

