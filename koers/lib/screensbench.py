"""``koers bench screens``: every screen a role reaches, timed on the data in the database.

The load benchmark measures the screens used most, under load. This one walks, for each role, from
the start page along every link it shows (GET only, in this process, at most ``--pages`` pages a
role and two pages of the same shape, e.g. two dossiers), and prints per role the pages walked and the
slowest, and at the end the slowest pages of all and any page that failed. A screen that lists a whole
municipality, or computes what it could read, shows up here first at a million dossiers.

Each role acts as a user who holds it in the municipality with the most dossiers; where no such user
exists (a generated dataset has consultants, MB workers, volunteers and language providers), one is
made in that municipality's team, named ``bench.<role>``."""

from __future__ import annotations

import argparse
import html
import logging
import re
import time
from collections import Counter, deque
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlsplit

from django.db.models import Count
from django.test import Client

from koers.access.constants import OrganisationKind, Role
from koers.lib.bench import Bench, Benchmark

if TYPE_CHECKING:
    from koers.access.models import User

SKIPPED = ("/accounts/logout", "/static/", "/i18n/", "/beheer/", "/portaal/")
"""Leaving (logging out, switching language), the static files, Django's admin and the newcomer's portal."""
SAME_SHAPE = 2
SLOWEST = 15
LINK = re.compile(r'href="([^"#]+)"')


@dataclass(frozen=True)
class Visit:
    role: str
    path: str
    status: int
    milliseconds: float


def shape(path: str) -> str:
    """A path with its numbers taken out and its query reduced to the names: /personen/N/?page."""
    parts = urlsplit(path)
    names = ",".join(sorted({name for name, _value in parse_qsl(parts.query, keep_blank_values=True)}))
    return re.sub(r"\d+", "N", parts.path) + (f"?{names}" if names else "")


def links(content: str) -> list[str]:
    found = (html.unescape(href) for href in LINK.findall(content))
    return [href for href in found if href.startswith("/") and not href.startswith(SKIPPED)]


def walk(client: Client, role: str, pages: int) -> list[Visit]:
    """The pages ``client`` reaches from the start page, breadth first."""
    visits: list[Visit] = []
    seen: set[str] = set()
    shapes: Counter[str] = Counter()
    queue = deque(["/"])
    while queue and len(visits) < pages:
        path = queue.popleft()
        if path in seen:
            continue
        seen.add(path)
        shapes[shape(path)] += 1
        if shapes[shape(path)] > SAME_SHAPE:
            continue
        started = time.perf_counter()
        response = client.get(path, follow=True)
        visits.append(Visit(role, path, response.status_code, (time.perf_counter() - started) * 1000))
        if "html" in response.get("Content-Type", ""):
            queue.extend(links(response.content.decode(errors="replace")))
    return visits


def acting_user(role: Role, municipality_id: int) -> User:
    """A user holding ``role`` in the municipality, else a bench user made in its team."""
    from koers.access.models import Membership, Organisation, User

    held = Membership.objects.filter(role=role, organisation__municipality_id=municipality_id).order_by("pk")
    membership = held.select_related("user").first()
    if membership is not None:
        return membership.user
    teams = Organisation.objects.filter(municipality_id=municipality_id, kind=OrganisationKind.MUNICIPAL_TEAM)
    team = teams.order_by("pk").first()
    user, _created = User.objects.get_or_create(username=f"bench.{role}")
    Membership.objects.get_or_create(user=user, organisation=team, role=role)
    return user


def largest_municipality() -> int | None:
    from koers.people.models import Person

    counted = Person.objects.order_by().values("municipality_id").annotate(n=Count("pk"))
    largest = counted.order_by("-n", "municipality_id").first()
    return largest["municipality_id"] if largest else None


def walk_as(bench: Bench, role: Role, municipality_id: int, pages: int) -> list[Visit]:
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(acting_user(role, municipality_id))
    started = time.perf_counter()
    walked = walk(client, role.value, pages)
    bench.record(f"schermen als {role.label.lower()}", len(walked), time.perf_counter() - started, "pagina's")
    slowest = max(walked, key=lambda visit: visit.milliseconds, default=None)
    if slowest is not None:
        bench.note(f"  traagste: {slowest.milliseconds:8.0f} ms  {slowest.path}")
    return walked


def run(bench: Bench) -> None:
    municipality_id = largest_municipality()
    if municipality_id is None:
        bench.note("Geen dossiers in de database: er is niets om door te lopen.")
        return
    pages = bench.options.get("pages") or 120
    visits: list[Visit] = []
    # A refused page (403) is an answer here, not an incident to log with its traceback.
    requests = logging.getLogger("django.request")
    level = requests.level
    requests.setLevel(logging.ERROR)
    try:
        for role in Role:
            visits += walk_as(bench, role, municipality_id, pages)
    finally:
        requests.setLevel(level)
    bench.note(f"De {SLOWEST} traagste pagina's:")
    for visit in sorted(visits, key=lambda visit: -visit.milliseconds)[:SLOWEST]:
        bench.note(f"  {visit.milliseconds:8.0f} ms  {visit.role:<22} {visit.path}")
    failed = [visit for visit in visits if visit.status >= 500]
    bench.note(f"Mislukte pagina's: {len(failed)}")
    for visit in failed:
        bench.note(f"  {visit.status}  {visit.role:<22} {visit.path}")


def arguments(parser: argparse._ActionsContainer) -> None:
    parser.add_argument("--pages", type=int, help="pagina's per rol (screens; standaard 120)")


SCREENS = Benchmark(
    "screens", "elk scherm dat een rol bereikt, getimed op de gegevens in de database", run, arguments
)
