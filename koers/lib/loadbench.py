"""The load benchmark (``koers bench load``, ``koers bench all``): Koers under gunicorn on a
generated dataset on PostgreSQL, measured with ``wrk`` on loopback.

For each size (``--persons N`` or ``--sizes 10000,100000,1000000``) it

1. makes or reuses the database ``koers_bench_<N>`` on the PostgreSQL server of ``DATABASE_URL``:
   generated once with ``koers generate`` and marked with a comment on the database, so a second run
   reuses it (after ``koers migrate``);
2. logs in two generated consultants through the session engine: one with a municipality-wide
   grant, one in a centrumgemeente team whose werkgebied holds six municipalities;
3. starts gunicorn with several workers on a free loopback port and runs ``wrk --latency`` per
   screen, bounded in time and in requests, with a Lua script that rotates over many URLs (other
   dossiers, names, BSNs) and counts every answer other than 200 as an error. Each screen is asked
   for in two ways (``Load``): over N connections without a pause (``c=N``: what the machine can
   take, in requests per second), and by N users who each think a while between two clicks
   (``u=N``: what N people at work at the same time wait). The searches are asked for as the
   search box asks for them: an htmx request for the list of results;
4. POSTs DUO's notifications to the Notificatie endpoint the same way (``NOTIFY_LUA``), each with its own
   berichtId, and counts every answer other than 201 as an error; the notifications are deleted after;
5. prints one line per figure with its target and "ok"/"OVER", and the memory of each worker.

``--celery`` instead starts Redis and two Celery workers, enqueues one signal recompute per
municipality and shows how the work spread over the workers.

The pure parts (parsing wrk's report, percentiles, targets, the growth table) are plain functions
at the top; the processes come after.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from koers.lib.bench import Bench, Benchmark
from koers.synthetic.generator import DATA_VERSION

ROOT = Path(__file__).resolve().parents[2]
SIZES = (10_000, 100_000, 1_000_000)
MUNICIPALITIES = 340
SEED = 2021
DATABASE_PREFIX = "koers_bench_"
CELERY_QUEUE = "koers-bench"
CELERY_TASK = "bench.signals_recompute_municipality"
RSS_TARGET_MB = 300.0
IN_PROCESS = ("signals", "duo", "monitoring", "screens")


class Refused(Exception):
    """The benchmark cannot run here; the message tells what to do."""


# -- what wrk reports --------------------------------------------------------------------------------

_REPORT = re.compile(r"^KOERS-WRK (.*)$", re.MULTILINE)


@dataclass(frozen=True)
class LoadResult:
    """One wrk run: latencies in milliseconds."""

    requests: int
    seconds: float
    errors: int
    p50: float
    p95: float
    p99: float
    max: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0


def parse_wrk(output: str) -> LoadResult:
    """Read the line the Lua script's ``done()`` prints (``KOERS-WRK key=value ...``, microseconds).
    Errors are the answers other than 200 plus wrk's socket errors (connect, read, write, timeout)."""
    match = _REPORT.search(output)
    if match is None:
        raise ValueError(f"wrk gaf geen resultaat:\n{output.strip()}")
    values = {key: int(value) for key, value in (pair.split("=", 1) for pair in match.group(1).split())}
    errors = sum(values[key] for key in ("non200", "connect", "read", "write", "timeout"))
    return LoadResult(
        requests=values["requests"],
        seconds=values["duration_us"] / 1e6,
        errors=errors,
        p50=values["p50_us"] / 1000,
        p95=values["p95_us"] / 1000,
        p99=values["p99_us"] / 1000,
        max=values["max_us"] / 1000,
    )


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` (0–100) percentile with linear interpolation between the closest ranks."""
    if not values:
        raise ValueError("Geen waarden.")
    if not 0 <= share <= 100:
        raise ValueError(share)
    ordered = sorted(values)
    rank = (len(ordered) - 1) * share / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


# -- targets ------------------------------------------------------------------------------------------

PAGE_TARGETS = {"p50": 25.0, "p95": 150.0, "errors": 0}
NO_ERRORS = {"errors": 0}
THINK_MS = 1000
"""The mean pause of a user between two requests (uniform between half and one and a half times it):
less than people take, who read a page before they click."""
USERS_SECONDS_FACTOR = 2
"""Users ask less often than connections without a pause: they are measured this many times as long."""


@dataclass(frozen=True)
class Load:
    """How a screen is asked for: over ``count`` connections without a pause (``c=N``), or by
    ``count`` users who each wait about ``think_ms`` between an answer and their next request (``u=N``)."""

    count: int
    think_ms: int = 0

    @property
    def label(self) -> str:
        return f"{'u' if self.think_ms else 'c'}={self.count}"

    @property
    def single(self) -> bool:
        return self.count == 1 and not self.think_ms


@dataclass(frozen=True)
class Scenario:
    key: str
    label: str
    user: str  # key of the logged-in user in the prepared sessions
    targets: dict[str, float] = field(default_factory=lambda: NO_ERRORS)  # for users at work (u=N)
    targets_single: dict[str, float] | None = None  # at one connection, when they differ
    headers: tuple[str, ...] = ()

    def targets_at(self, load: Load) -> dict[str, float]:
        """At one connection the single-user targets; for users at work ``targets``; a run over many
        connections without a pause measures what the machine can take, with no errors as target."""
        if load.single:
            return self.targets_single if self.targets_single is not None else self.targets
        return self.targets if load.think_ms else NO_ERRORS


SEARCH_BOX = ("HX-Request: true", "HX-Target: caseload-results")
"""The headers of the search box's htmx request: the answer is the list of results."""


SCENARIOS = (
    Scenario("caseload", "caseload (consulent, gemeente)", "consultant", PAGE_TARGETS),
    Scenario("caseload_centrum", "caseload (centrumgemeente, 6 gemeenten)", "centrum", PAGE_TARGETS),
    Scenario("dossier", "dossierpagina (consulent)", "consultant", PAGE_TARGETS),
    Scenario("dossier_centrum", "dossierpagina (centrumgemeente)", "centrum", PAGE_TARGETS),
    Scenario("search_name", "zoeken op naam (zoekvak)", "consultant", NO_ERRORS, {"p50": 50.0, "errors": 0},
             SEARCH_BOX),
    Scenario("search_bsn", "zoeken op BSN (zoekvak)", "consultant", NO_ERRORS, {"p50": 10.0, "errors": 0},
             SEARCH_BOX),
    Scenario("attention", "aandachtslijst (mijn signalen)", "consultant"),
    Scenario("dashboard", "dashboard (monitoring)", "consultant"),
)
INGEST = Scenario("duo_ingest", "DUO-notificaties ontvangen (POST, 201)", "consultant",
                  {"errors": 0, "per_second": 500.0})
"""DUO's notifications POSTed to the endpoint (``NOTIFY_LUA``): each must be acknowledged (201)."""


def verdict(value: float, limit: float | None) -> str:
    if limit is None:
        return ""
    return "ok" if value <= limit else "OVER"


def figure_lines(label: str, load: Load, result: LoadResult, targets: dict[str, float]) -> list[str]:
    """One line per figure: the value, the target beside it and ok/OVER."""
    head = f"{label:<42} {load.label:<5}"
    lines = []
    for name in ("p50", "p95", "p99"):
        limit = targets.get(name)
        goal = f"doel ≤ {limit:g} ms" if limit is not None else ""
        if not result.requests:
            # Not one answer within the measuring time: there is no latency to show, only a failure.
            lines.append(f"{head} {name:<8} {'—':>10}       {goal:<16} {'OVER' if limit is not None else ''}".rstrip())
            continue
        value = getattr(result, name)
        lines.append(f"{head} {name:<8} {value:10.1f} ms    {goal:<16} {verdict(value, limit)}".rstrip())
    answered = f"({result.requests:,} verzoeken)" if result.requests else "(geen antwoord binnen de meettijd)"
    floor = targets.get("per_second")
    if floor is None:
        lines.append(f"{head} {'req/s':<8} {result.per_second:10.1f}       {answered}")
    else:
        reached = "ok" if result.per_second >= floor else "OVER"
        lines.append(f"{head} {'req/s':<8} {result.per_second:10.1f}       {'doel ≥ ' + format(floor, 'g'):<16} "
                     f"{reached} {answered}")
    limit = targets.get("errors")
    goal = f"doel {limit:g}" if limit is not None else ""
    lines.append(f"{head} {'fouten':<8} {result.errors:10d}       {goal:<16} {verdict(result.errors, limit)}".rstrip())
    return lines


def memory_line(pid: int, rss_mb: float) -> str:
    return f"{'geheugen gunicorn-worker ' + str(pid):<48} RSS {rss_mb:10.1f} MB    doel ≤ {RSS_TARGET_MB:g} MB  " + verdict(
        rss_mb, RSS_TARGET_MB
    )


# -- growth over sizes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class GrowthRow:
    label: str
    p50_by_size: dict[int, float]
    ratio: float  # p50 at the largest size / p50 at the smallest
    bound: float  # ln(largest) / ln(smallest): logarithmic growth

    @property
    def ok(self) -> bool:
        return self.ratio <= self.bound


def growth_rows(p50s: dict[str, dict[int, float]]) -> list[GrowthRow]:
    """Per screen, the p50 per size and how it grew from the smallest to the largest size, beside
    the bound for logarithmic growth. A screen shows a constant number of dossiers, so its cost per
    shown dossier grows as its latency does."""
    rows = []
    for label, by_size in p50s.items():
        sizes = sorted(by_size)
        if len(sizes) < 2:
            continue
        smallest, largest = sizes[0], sizes[-1]
        ratio = by_size[largest] / by_size[smallest] if by_size[smallest] > 0 else float("inf")
        rows.append(GrowthRow(label, dict(by_size), ratio, math.log(largest) / math.log(smallest)))
    return rows


def growth_lines(rows: Sequence[GrowthRow]) -> list[str]:
    if not rows:
        return []
    sizes = sorted({size for row in rows for size in row.p50_by_size})
    header = f"{'p50 bij 1 verbinding (ms)':<42}" + "".join(f"{size:>12,}" for size in sizes)
    lines = [header + f"{'factor':>9}{'grens':>8}"]
    for row in rows:
        cells = "".join(
            f"{row.p50_by_size[size]:12.1f}" if size in row.p50_by_size else f"{'-':>12}" for size in sizes
        )
        lines.append(f"{row.label:<42}{cells}{row.ratio:9.2f}{row.bound:8.2f}  {'ok' if row.ok else 'OVER'}")
    lines.append(f"(factor: p50 bij {sizes[-1]:,} / p50 bij {sizes[0]:,}; grens: ln {sizes[-1]:,} / ln {sizes[0]:,}, "
                 "logaritmische groei)")
    return lines


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError:
        raise Refused(f"--sizes verwacht aantallen gescheiden door komma's, niet {text!r}.") from None
    if not sizes or sizes[0] < 100:
        raise Refused("--sizes: elk aantal moet minstens 100 zijn.")
    return sizes


def parse_connections(text: str, option: str = "--connections") -> list[int]:
    """Numbers of connections (or of users, ``option`` "--users"), in the order given."""
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise Refused(f"{option} verwacht aantallen gescheiden door komma's, niet {text!r}.") from None
    if not counts or min(counts) < 1 or max(counts) > 256:
        raise Refused(f"{option}: tussen 1 en 256.")
    return counts


SCREEN_KEYS = tuple(scenario.key for scenario in (*SCENARIOS, INGEST))


def parse_screens(text: str) -> tuple[str, ...]:
    """The screens to measure, in the benchmark's own order; all of them for an empty text."""
    asked = {part.strip() for part in text.split(",") if part.strip()}
    unknown = sorted(asked - set(SCREEN_KEYS))
    if unknown:
        raise Refused(f"--screens kent {', '.join(unknown)} niet; wel: {', '.join(SCREEN_KEYS)}.")
    return tuple(key for key in SCREEN_KEYS if key in asked) if asked else SCREEN_KEYS


# -- the database -------------------------------------------------------------------------------------


def marker(size: int) -> str:
    return f"koers-bench persons={size} municipalities={MUNICIPALITIES} seed={SEED} data={DATA_VERSION}"


def database_name(size: int) -> str:
    return f"{DATABASE_PREFIX}{size}"


def require_postgresql(vendor: str) -> None:
    if vendor != "postgresql":
        raise Refused(
            "De load-benchmark meet op PostgreSQL, niet op "
            f"{vendor}. Start PostgreSQL met `eval \"$(bin/postgres start)\"` en draai opnieuw, "
            "of gebruik bin/bench (dat doet beide)."
        )


def database_url(base_url: str, name: str) -> str:
    """``base_url`` (postgres://user@host:port/db?options) with another database name."""
    head, sep, query = base_url.partition("?")
    return head.rsplit("/", 1)[0] + "/" + name + (sep + query if sep else "")


def child_env(url: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "koers.settings", **extra}
    env.pop("KOERS_CELERY_BROKER_URL", None)
    return env


def run_child(args: Sequence[str], env: dict[str, str], write: Callable[[str], None]) -> str:
    """Run a command, passing its output on line by line; returns the output."""
    process = subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    assert process.stdout is not None
    for line in process.stdout:
        lines.append(line)
        write("  " + line.rstrip())
    if process.wait():
        raise Refused(f"{' '.join(args[:3])} … stopte met code {process.returncode}.")
    return "".join(lines)


def koers_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "django", *args]


def ensure_dataset(size: int, base_url: str, write: Callable[[str], None]) -> str:
    """The URL of a database holding ``size`` generated dossiers: reused when its marker matches,
    otherwise (re)created and generated. Migrations run either way."""
    from django.db import connection

    name = database_name(size)
    url = database_url(base_url, name)
    env = child_env(url, KOERS_DEBUG="true")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", [name]
        )
        row = cursor.fetchone()
    if row is not None and row[0] == marker(size):
        write(f"Database {name}: {size:,} dossiers, hergebruikt (migraties bijwerken).")
        run_child(koers_command("migrate", "--no-input", "-v", "0"), env, write)
        vacuumed(url, write, only_if_never=True)
        return url
    with connection.cursor() as cursor:
        if row is not None:
            write(f"Database {name} is onvolledig of door een eerdere generator gemaakt: opnieuw aanmaken.")
            cursor.execute(f'DROP DATABASE "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    write(f"Database {name}: {size:,} dossiers genereren over {MUNICIPALITIES} gemeenten…")
    run_child(koers_command("migrate", "--no-input", "-v", "0"), env, write)
    run_child(
        koers_command("generate", "--municipalities", str(MUNICIPALITIES), "--persons", str(size),
                      "--seed", str(SEED)),
        env, write,
    )
    write("Signalen en termijnen berekenen, zoals de nachtelijke taak doet…")
    run_child(koers_command("signals", "recompute"), env, write)
    vacuumed(url, write)
    with connection.cursor() as cursor:
        cursor.execute(f"COMMENT ON DATABASE \"{name}\" IS %s", [marker(size)])
    return url


def vacuumed(url: str, write: Callable[[str], None], only_if_never: bool = False) -> None:
    """VACUUM ANALYZE the dataset, as autovacuum keeps a database in use: fresh statistics for the
    planner and a visibility map for index-only scans (a freshly loaded table has neither)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        if only_if_never:
            never = connection.execute(
                "SELECT last_vacuum IS NULL AND last_autovacuum IS NULL FROM pg_stat_user_tables "
                "WHERE relname = 'people_person'"
            ).fetchone()
            if not never or not never[0]:
                return
        write("VACUUM ANALYZE van de dataset…")
        connection.execute("VACUUM (ANALYZE)")


# -- inside the bench database (run as ``python -m koers.lib.loadbench prepare``) ---------------------

CENTRUM_RANKS = slice(10, 16)  # the centrumgemeente and its five neighbours, by number of dossiers
SAMPLE = 200


def prepare() -> dict:
    """Users, sessions and URLs for the scenarios, in the database of ``DATABASE_URL``."""
    import random
    from urllib.parse import quote

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import Count
    from django.urls import reverse

    from koers.access.constants import OrganisationKind, Role
    from koers.access.models import Membership, Municipality, Organisation, User
    from koers.access.query import visible_persons
    from koers.duo.models import Notification
    from koers.duo.simulator import DUO_OIN
    from koers.people.models import Person

    by_size = list(
        Person.objects.values_list("municipality_id").annotate(n=Count("id")).order_by("-n", "municipality_id")
    )
    largest = by_size[0][0]
    consultant_id = (
        Person.objects.filter(municipality_id=largest, consultant__isnull=False)
        .values_list("consultant_id").annotate(n=Count("id")).order_by("-n", "consultant_id")[0][0]
    )
    consultant = User.objects.get(pk=consultant_id)
    region = [Municipality.objects.get(pk=pk) for pk, _ in by_size[CENTRUM_RANKS]]
    team, _ = Organisation.objects.get_or_create(
        name=f"Bench: centrumgemeente {region[0].name}",
        defaults={"kind": OrganisationKind.MUNICIPAL_TEAM, "municipality": region[0]},
    )
    team.serves.set(region)
    centrum, _ = User.objects.get_or_create(
        username="bench.centrum", defaults={"first_name": "Bench", "last_name": "Centrumgemeente"}
    )
    Membership.objects.get_or_create(user=centrum, organisation=team, role=Role.CONSULTANT)

    def session_cookie(user: User) -> str:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.set_expiry(4 * 3600)
        session.save()
        return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"

    rng = random.Random(SEED)

    def sample(user: User, *fields: str) -> list[tuple]:
        ids = list(visible_persons(user).values_list("pk", flat=True))
        chosen = rng.sample(ids, min(SAMPLE, len(ids)))
        return list(Person.objects.filter(pk__in=chosen).order_by("pk").values_list(*fields))

    caseload = reverse("people:caseload")
    mine = sample(consultant, "pk", "family_name", "bsn", "municipality__oin")
    theirs = sample(centrum, "pk")
    return {
        "sessions": {"consultant": session_cookie(consultant), "centrum": session_cookie(centrum)},
        "users": {"consultant": str(consultant), "centrum": f"{centrum} ({', '.join(m.name for m in region)})"},
        "paths": {
            "caseload": [caseload],
            "caseload_centrum": [caseload],
            "dossier": [reverse("people:detail", args=[pk]) for pk, _, _, _ in mine],
            "dossier_centrum": [reverse("people:detail", args=[pk]) for (pk,) in theirs],
            "search_name": [f"{caseload}?q={quote(name)}" for _, name, _, _ in mine],
            "search_bsn": [f"{caseload}?q={bsn}" for _, _, bsn, _ in mine],
            "attention": [reverse("signals:mine")],
            "dashboard": [reverse("monitoring:dashboard")],
        },
        "municipalities": [pk for pk, _ in by_size],
        "notifications": [f"{bsn} {oin}" for _, _, bsn, oin in mine],
        "notifications_before": Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0,
        "duo_oin": DUO_OIN,
    }


def prepared(env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-m", "koers.lib.loadbench", "prepare"], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode:
        raise Refused(f"Voorbereiden mislukt:\n{done.stderr.strip()}")
    return json.loads(done.stdout)


# -- gunicorn and wrk ---------------------------------------------------------------------------------

LUA_DONE = r"""
function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non200") end
  local e = summary.errors
  io.write(string.format(
    "KOERS-WRK requests=%d duration_us=%d non200=%d connect=%d read=%d write=%d timeout=%d " ..
    "p50_us=%d p95_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, bad, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""

LUA = r"""
-- Rotates over the URLs in the file args[1]; counts answers other than 200; stops a thread after
-- args[2] requests; done() prints one line that koers.lib.loadbench.parse_wrk reads.
local paths, counter, threads = {}, 0, {}
non200, sent = 0, 0
local limit = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(paths, line) end
  end
  limit = tonumber(args[2])
  counter = tonumber(args[3]) % #paths
  think = tonumber(args[4] or "0")
  math.randomseed(tonumber(args[3]) + counter)
end

function request()
  counter = counter % #paths + 1
  sent = sent + 1
  return wrk.format("GET", paths[counter])
end

function response(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
  if sent >= limit then wrk.thread:stop() end
end
""" + LUA_DONE

THINK_LUA = LUA + r"""
-- A user: waits args[4] milliseconds on average (half to one and a half times) before each request.
function delay()
  return math.random(math.floor(think / 2), math.floor(think * 3 / 2))
end
"""

NOTIFY_LUA = r"""
-- DUO's notifications, POSTed as DUO sends them: one per request about the persons in the file
-- args[1] (lines "BSN OIN-of-the-municipality"), each with its own berichtId, the bearer token
-- args[4] and DUO's OIN args[5] as bron. Counts answers other than 201 (acknowledged) in non200;
-- stops a thread after args[2] requests; args[3] makes the berichtIds of this run differ from
-- those of earlier runs.
local persons, counter, threads = {}, 0, {}
non200, sent = 0, 0
local limit, token, bron, prefix = 0, "", "", ""

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  for line in io.lines(args[1]) do
    local bsn, oin = line:match("^(%S+) (%S+)$")
    if bsn then table.insert(persons, {bsn, oin}) end
  end
  limit = tonumber(args[2])
  counter = tonumber(args[3]) % #persons
  token, bron = args[4], args[5]
  prefix = string.format("%08x", (tonumber(args[3]) * 1000 + id) % 4294967296)
end

function request()
  counter = counter % #persons + 1
  sent = sent + 1
  local person = persons[counter]
  local body = string.format(
    '{"registratieDatumTijd": "%s", "gebeurtenisId": "SS199", "bsn": "%s"}',
    os.date("!%Y-%m-%dT%H:%M:%S+00:00", 1767225600 + sent), person[1])
  local headers = {
    ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json", ["bron"] = bron,
    ["doel"] = person[2], ["berichtId"] = string.format("%s-0000-4000-8000-%012x", prefix, sent),
  }
  return wrk.format("POST", "/duo/v1/notificaties", headers, body)
end

function response(status, headers, body)
  if status ~= 201 then non200 = non200 + 1 end
  if sent >= limit then wrk.thread:stop() end
end
""" + LUA_DONE


def ensure_wrk(write: Callable[[str], None]) -> str:
    found = shutil.which("wrk")
    if found:
        return found
    write("wrk ontbreekt: apt-get install wrk…")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    installed = subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"], env=env,
                               capture_output=True, text=True)
    found = shutil.which("wrk")
    if installed.returncode or not found:
        raise Refused("wrk is niet te installeren; installeer het met bin/install (Debian-pakket wrk).")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children_of(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: the fields after it are fixed.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            children.append(int(entry.name))
    return sorted(children)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@contextmanager
def gunicorn(env: dict[str, str], port: int, workers: int, var: Path, write: Callable[[str], None]) -> Iterator[int]:
    """Koers under gunicorn on 127.0.0.1:port, with its own var directory (and log) in ``var``;
    yields the master's pid and stops it afterwards."""
    (var / "static").mkdir(exist_ok=True)
    log = var / "gunicorn.log"
    args = [str(Path(sys.executable).parent / "gunicorn"), "koers.wsgi", "--config", str(ROOT / "gunicorn.conf.py"),
            "--workers", str(workers),
            "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "60", "--error-logfile", str(log)]
    with log.open("a") as output:
        process = subprocess.Popen(args, env={**env, "KOERS_VAR_DIR": str(var)}, cwd=ROOT,
                                   stdout=subprocess.DEVNULL, stderr=output)
    try:
        wait_until(lambda: process.poll() is not None or answers(port), 300, "gunicorn kwam niet op.")
        if process.poll() is not None:
            raise Refused(f"gunicorn stopte:\n{log.read_text()[-3000:]}")
        write(f"gunicorn draait op 127.0.0.1:{port} met {workers} workers van elk {threads_per_worker()} threads "
              f"(gunicorn.conf.py; pid {process.pid}).")
        yield process.pid
    except Refused as refusal:
        raise Refused(f"{refusal}\nLaatste regels van {log.name}:\n{log.read_text()[-2000:]}") from None
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def threads_per_worker() -> int:
    """The threads per worker that ``gunicorn.conf.py`` gives (read as gunicorn reads it)."""
    spec = importlib.util.spec_from_file_location("koers_gunicorn_conf", ROOT / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    return conf.threads


def answers(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False
    return True


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


CHECK_SECONDS = 60


class TooSlow(Exception):
    """A page gave no answer within ``CHECK_SECONDS``: its scenario is reported, not measured."""


def check_answer(port: int, path: str, cookie: str) -> None:
    """One request before the load: a scenario whose page does not answer 200 is not measured."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookie})
    try:
        status = opener.open(request, timeout=CHECK_SECONDS).status
    except urllib.error.HTTPError as error:
        status = error.code
    except TimeoutError:
        raise TooSlow(f"{path} gaf binnen {CHECK_SECONDS} s geen antwoord") from None
    if status != 200:
        raise Refused(f"{path} antwoordt {status} in plaats van 200: klopt de sessie?")


@dataclass(frozen=True)
class LoadRun:
    wrk: str
    port: int
    script: Path
    seconds: int
    max_requests: int

    def run(self, paths_file: Path, cookie: str, connections: int, seconds: int | None = None,
            script: Path | None = None, extra: Sequence[str] = (), headers: Sequence[str] = ()) -> LoadResult:
        threads = min(2, connections)
        args = [self.wrk, "--latency", "-t", str(threads), "-c", str(connections), "-d", f"{seconds or self.seconds}s",
                "--timeout", "30s", "-H", f"Cookie: {cookie}", *(f for h in headers for f in ("-H", h)),
                "-s", str(script or self.script),
                f"http://127.0.0.1:{self.port}", "--", str(paths_file),
                str(max(1, self.max_requests // threads)), str(secrets.randbelow(1000)), *extra]
        done = subprocess.run(args, capture_output=True, text=True, timeout=(seconds or self.seconds) + 60)
        return parse_wrk(done.stdout + done.stderr)


@dataclass
class SizeReport:
    size: int
    results: dict[tuple[str, int], LoadResult] = field(default_factory=dict)
    rss: dict[int, float] = field(default_factory=dict)


def measure_size(size: int, options: dict, base_url: str, write: Callable[[str], None]) -> SizeReport:
    url = ensure_dataset(size, base_url, write)
    secret, duo_token = secrets.token_urlsafe(40), secrets.token_urlsafe(24)
    env = child_env(url, KOERS_DEBUG="true", KOERS_SECRET_KEY=secret)
    if options.get("with_in_process"):
        for name in IN_PROCESS:
            write(f"-- koers bench {name} ({size:,} dossiers)")
            run_child(koers_command("bench", name, "--sample", str(options.get("sample", 200))),
                      child_env(url, KOERS_DEBUG="false", KOERS_SECRET_KEY=secret), write)
    plan = prepared(env)
    write(f"Ingelogd: consulent {plan['users']['consultant']}; centrumgemeente {plan['users']['centrum']}.")
    report = SizeReport(size)
    serve_env = child_env(url, KOERS_DEBUG="false", KOERS_SECRET_KEY=secret, KOERS_SECURE_COOKIES="false",
                          KOERS_LOG_LEVEL="ERROR", KOERS_DUO_NOTIFY_TOKEN=duo_token)
    port = options.get("port") or free_port()
    with tempfile.TemporaryDirectory(prefix="koers-bench-") as tmp, \
            gunicorn(serve_env, port, options["workers"], Path(tmp), write) as master:
        script, think_script = Path(tmp, "rotate.lua"), Path(tmp, "think.lua")
        script.write_text(LUA)
        think_script.write_text(THINK_LUA)
        load = LoadRun(ensure_wrk(write), port, script, options["duration"], options["max_requests"])

        def measure(scenario: Scenario, lines_file: Path, script: Path | None = None, extra: Sequence[str] = (),
                    users: Sequence[int] = ()) -> None:
            """The scenario at each number of connections, after a second that warms every worker, then
            by each number of ``users`` at work (over a longer time: they ask less often)."""
            cookie = plan["sessions"][scenario.user]
            asked = {"script": script, "extra": extra, "headers": scenario.headers}
            load.run(lines_file, cookie, max(options["connections"]), seconds=1, **asked)
            for connections in options["connections"]:
                show(scenario, Load(connections), load.run(lines_file, cookie, connections, **asked))
            for count in users:
                shape = Load(count, options["think"])
                seconds = USERS_SECONDS_FACTOR * options["duration"]
                show(scenario, shape, load.run(lines_file, cookie, count, seconds=seconds, script=think_script,
                                               extra=(str(shape.think_ms),), headers=scenario.headers))

        def show(scenario: Scenario, shape: Load, result: LoadResult) -> None:
            report.results[(scenario.key, shape)] = result
            for line in figure_lines(scenario.label, shape, result, scenario.targets_at(shape)):
                write(line)

        for scenario in (s for s in SCENARIOS if s.key in options["screens"]):
            paths_file = Path(tmp, f"{scenario.key}.txt")
            paths_file.write_text("\n".join(plan["paths"][scenario.key]) + "\n")
            try:
                check_answer(port, plan["paths"][scenario.key][0], plan["sessions"][scenario.user])
            except TooSlow as slow:
                write(f"{scenario.label:<42} niet gemeten: {slow}  OVER")
                continue
            measure(scenario, paths_file, users=options["users"])
        if INGEST.key in options["screens"]:
            measure_ingest(plan, Path(tmp), env, duo_token, measure, write)
        for pid in children_of(master):
            report.rss[pid] = rss_mb(pid)
            write(memory_line(pid, report.rss[pid]))
    return report


def measure_ingest(plan: dict, tmp: Path, env: dict[str, str], duo_token: str, measure: Callable[..., None],
                   write: Callable[[str], None]) -> None:
    """DUO's notifications POSTed to the endpoint; afterwards the notifications received are deleted,
    so that the dataset stays as it was."""
    notify_script, persons_file = tmp / "notify.lua", tmp / "notifications.txt"
    notify_script.write_text(NOTIFY_LUA)
    persons_file.write_text("\n".join(plan["notifications"]) + "\n")
    try:
        # The warming second also lets each worker read DUO's specification once.
        measure(INGEST, persons_file, notify_script, (duo_token, plan["duo_oin"]))
    finally:
        forgotten = run_child([sys.executable, "-m", "koers.lib.loadbench", "forget-notifications",
                               str(plan["notifications_before"])], env, lambda line: None)
        write(f"  {forgotten.strip()} ontvangen notificaties weer verwijderd: de dataset blijft zoals hij was")


# -- Celery -------------------------------------------------------------------------------------------

_SUCCEEDED = re.compile(r"Task \S+\[[^\]]+\] succeeded in ([0-9.]+)s")
_FAILED = re.compile(r"Task \S+\[[^\]]+\] raised")


@dataclass(frozen=True)
class WorkerLog:
    succeeded: list[float]
    failed: int


def read_worker_log(text: str) -> WorkerLog:
    """What a Celery worker's log (level INFO) tells about finished tasks: their run times, failures."""
    return WorkerLog([float(s) for s in _SUCCEEDED.findall(text)], len(_FAILED.findall(text)))


def start_redis(write: Callable[[str], None]) -> tuple[str, bool]:
    """The broker URL, and whether this benchmark started Redis (then it stops it too)."""
    port = os.environ.get("KOERS_REDIS_PORT", "56379")
    running = subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", port, "ping"], capture_output=True,
                             text=True).stdout.strip() == "PONG" if shutil.which("redis-cli") else False
    started = subprocess.run([str(ROOT / "bin" / "redis"), "start"], capture_output=True, text=True, check=True)
    url = started.stdout.strip().split("=", 1)[1]
    write(f"Redis op {url} ({'draaide al' if running else 'gestart'}).")
    return url, not running


def measure_celery(size: int, options: dict, base_url: str, write: Callable[[str], None]) -> None:
    from celery import Celery

    url = ensure_dataset(size, base_url, write)
    env = child_env(url, KOERS_DEBUG="true")
    plan = prepared(env)
    broker, started_redis = start_redis(write)
    env["KOERS_CELERY_BROKER_URL"] = broker
    workers: list[tuple[str, subprocess.Popen, Path]] = []
    with tempfile.TemporaryDirectory(prefix="koers-bench-celery-") as tmp:
        try:
            for number in (1, 2):
                name = f"bench{number}@{socket.gethostname()}"
                logfile = Path(tmp, f"worker{number}.log")
                args = [str(Path(sys.executable).parent / "celery"), "-A", "koers.lib.benchcelery", "worker",
                        "-n", name, "-Q", CELERY_QUEUE, "--concurrency", "1", "--pool", "prefork", "-l", "INFO",
                        "--logfile", str(logfile), "--without-gossip", "--without-mingle", "--without-heartbeat"]
                workers.append((name, subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                                       stderr=subprocess.DEVNULL), logfile))
            wait_until(lambda: all(log.exists() and "ready." in log.read_text() for _, _, log in workers), 60,
                       "De Celery-workers kwamen niet op.")
            write(f"Twee Celery-workers: {', '.join(name for name, _, _ in workers)} (elk één proces).")
            municipalities = plan["municipalities"][: options["jobs"]]
            client = Celery(broker=broker)
            started = time.perf_counter()
            for municipality_id in municipalities:
                client.send_task(CELERY_TASK, kwargs={"municipality_id": municipality_id}, queue=CELERY_QUEUE)

            def logs() -> dict[str, WorkerLog]:
                return {name: read_worker_log(log.read_text()) for name, _, log in workers}

            def finished() -> bool:
                return sum(len(w.succeeded) + w.failed for w in logs().values()) >= len(municipalities)

            wait_until(finished, options["celery_timeout"], "Niet alle taken klaar binnen de tijd.")
            seconds = time.perf_counter() - started
            for line in celery_lines(logs(), len(municipalities), seconds):
                write(line)
        finally:
            for _, process, _ in workers:
                process.send_signal(signal.SIGTERM)
            for _, process, _ in workers:
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    process.kill()
            if started_redis:
                subprocess.run([str(ROOT / "bin" / "redis"), "stop"], check=False)
                write("Redis gestopt.")


def celery_lines(logs: dict[str, WorkerLog], jobs: int, seconds: float) -> list[str]:
    lines = [f"{'taken (signalen herberekenen per gemeente)':<48} {jobs:10,}    in {seconds:.1f} s: "
             f"{jobs / seconds:.1f} taken/s"]
    times = [t for log in logs.values() for t in log.succeeded]
    for name, log in sorted(logs.items()):
        share = len(log.succeeded) / jobs * 100 if jobs else 0
        lines.append(f"{'worker ' + name:<48} {len(log.succeeded):10,}    ({share:.0f}%), mislukt {log.failed}")
    if times:
        lines.append(f"{'looptijd per taak':<48} p50 {percentile(times, 50) * 1000:.0f} ms, "
                     f"p95 {percentile(times, 95) * 1000:.0f} ms, p99 {percentile(times, 99) * 1000:.0f} ms")
    spread = sum(1 for log in logs.values() if log.succeeded)
    lines.append(f"{'verdeeld over workers':<48} {spread:10}    {'ok' if spread == len(logs) else 'OVER'}")
    return lines


def wait_until(condition: Callable[[], bool], timeout: float, message: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise Refused(message)


# -- the benchmarks -----------------------------------------------------------------------------------


def add_arguments(parser: argparse._ActionsContainer) -> None:
    parser.add_argument("--persons", type=int, default=100_000, help="aantal dossiers (load, all, --celery)")
    parser.add_argument("--sizes", help="meerdere aantallen, bijvoorbeeld 10000,100000,1000000 (toont de groei)")
    parser.add_argument("--connections", default="1,16", help="gelijktijdige verbindingen per meting (1,16)")
    parser.add_argument("--users", default="16", help="gebruikers aan het werk per meting, met bedenktijd (16; 0: geen)")
    parser.add_argument("--think", type=int, default=THINK_MS, help="gemiddelde bedenktijd van een gebruiker in ms")
    parser.add_argument("--duration", type=int, default=10, help="seconden per scherm per aantal verbindingen")
    parser.add_argument("--max-requests", type=int, default=50_000, help="hoogstens zoveel verzoeken per meting")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn-workers")
    parser.add_argument("--port", type=int, default=0, help="poort op 127.0.0.1 (standaard een vrije)")
    parser.add_argument("--screens", default="", help="alleen deze schermen, bijvoorbeeld caseload,dossier (load; "
                        "standaard alle: " + ",".join(SCREEN_KEYS) + ")")
    parser.add_argument("--celery", action="store_true", help="meet de achtergrondverwerking met twee Celery-workers")
    parser.add_argument("--jobs", type=int, default=MUNICIPALITIES, help="taken voor --celery (één per gemeente)")
    parser.add_argument("--celery-timeout", type=int, default=600, help="seconden voor alle taken van --celery")


def checked_options(options: dict) -> dict:
    checked = dict(options)
    checked["sizes"] = parse_sizes(options["sizes"]) if options.get("sizes") else parse_sizes(str(options["persons"]))
    checked["connections"] = parse_connections(options["connections"])
    checked["users"] = [] if options["users"].strip() == "0" else parse_connections(options["users"], "--users")
    checked["screens"] = parse_screens(options.get("screens") or "")
    if not 10 <= options["think"] <= 60_000:
        raise Refused("--think: een bedenktijd tussen 10 en 60.000 ms.")
    if not 1 <= options["duration"] <= 600:
        raise Refused("--duration: tussen 1 en 600 seconden.")
    if options["max_requests"] < 1 or not 1 <= options["workers"] <= 32 or options["jobs"] < 1:
        raise Refused("--max-requests, --workers en --jobs moeten positief zijn (hoogstens 32 workers).")
    return checked


def run(bench: Bench, with_in_process: bool = False) -> None:
    from django.conf import settings
    from django.core.management.base import CommandError
    from django.db import connection

    try:
        require_postgresql(connection.vendor)
        options = checked_options({**bench.options, "with_in_process": with_in_process})
        base_url = os.environ.get("DATABASE_URL") or _url_of(settings.DATABASES["default"])
        if options.get("celery"):
            measure_celery(options["sizes"][-1], options, base_url, bench.write)
            return
        bench.note(load_header(options))
        reports = []
        for size in options["sizes"]:
            bench.note(f"== {size:,} dossiers ==")
            reports.append(measure_size(size, options, base_url, bench.write))
        if len(reports) > 1:
            bench.note("== groei ==")
            for line in growth_lines(growth_rows(p50_table(reports))):
                bench.note(line)
        if not with_in_process:
            bench.note("In-process metingen (herberekenen, notificaties, dashboards): `koers bench all`, of per "
                       "onderdeel " + ", ".join(f"`koers bench {name}`" for name in IN_PROCESS) + " op de benchdatabase.")
    except Refused as refusal:
        raise CommandError(str(refusal)) from None


def load_header(options: dict) -> str:
    load = os.getloadavg()
    users = (f"{USERS_SECONDS_FACTOR * options['duration']} s per aantal gebruikers aan het werk "
             f"({', '.join(map(str, options['users']))}; bedenktijd gemiddeld {options['think']} ms), "
             if options["users"] else "")
    return (f"Machine: {os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
            f"{options['duration']} s per scherm per aantal verbindingen ({', '.join(map(str, options['connections']))}), "
            f"{users}hoogstens {options['max_requests']:,} verzoeken; alleen verkeer naar 127.0.0.1.")


def p50_table(reports: Sequence[SizeReport]) -> dict[str, dict[int, float]]:
    table: dict[str, dict[int, float]] = {}
    for report in reports:
        for (key, shape), result in report.results.items():
            if shape.single:
                label = next(s.label for s in (*SCENARIOS, INGEST) if s.key == key)
                table.setdefault(label, {})[report.size] = result.p50
    return table


def _url_of(database: dict) -> str:
    user = database.get("USER") or ""
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or "5432"
    return f"postgres://{user}@{host}:{port}/{database['NAME']}"


def run_all(bench: Bench) -> None:
    run(bench, with_in_process=True)


LOAD = Benchmark("load", "Koers onder gunicorn meten met wrk op PostgreSQL (--persons, --sizes, --celery)", run,
                 add_arguments)
ALL = Benchmark("all", "de load-benchmark plus " + ", ".join(IN_PROCESS) + " op dezelfde benchdatabase", run_all,
                add_arguments)


def forget_notifications(after: int) -> int:
    """Delete the notifications the ingest measurement stored (those after id ``after``)."""
    from koers.duo.models import Notification

    deleted, _ = Notification.objects.filter(pk__gt=after).delete()
    return deleted


if __name__ == "__main__" and sys.argv[1:2] in (["prepare"], ["forget-notifications"]):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    django.setup()
    if sys.argv[1] == "prepare":
        print(json.dumps(prepare()))
    else:
        print(forget_notifications(int(sys.argv[2])))
