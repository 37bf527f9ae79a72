"""Audit completeness: every page and API read, enumerated from the URL resolver (tests/access/routes.py),
opened by every role that reads dossiers and by the newcomer in the portal, on dossiers of every kind
of the world (tests/access/world.py). Each person a response shows (a marker of theirs is in it) has
exactly one audit entry of that request, and no person has more than one; a refused attempt on a
dossier is one refused entry."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import pytest

from koers.access.constants import Role
from koers.audit.models import AuditEntry, Outcome
from tests.access.responses import text_of
from tests.access.routes import Kind, Route, routes, targets_for
from tests.access.world import Target, Viewer, World, build_world, viewers

READING_ROLES = {Role.CONSULTANT, Role.TEAM_LEAD, Role.MB_BEGELEIDER, Role.VRIJWILLIGER, Role.TAALAANBIEDER}
READERS = {role.value for role in READING_ROLES} | {"inburgeraar (portaal)"}


@dataclass
class Audit:
    world: World
    totals: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)

    def check(self, viewer: Viewer, route: Route, target: Target, url: str) -> None:
        last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        response = viewer.client.get(url)
        entries = list(AuditEntry.objects.filter(id__gt=last))
        where = f"{viewer.label} GET {url} ({route.name}, {target.label})"
        text = text_of(response) if response.status_code == 200 else ""
        shown = {pk for pk, _ in self.world.found(text)}
        allowed = Counter(e.person_id for e in entries if e.outcome == Outcome.ALLOWED and e.person_id)
        refused = Counter(e.person_id for e in entries if e.outcome == Outcome.REFUSED)
        self.totals["reads"] += response.status_code == 200
        self.totals["persons shown"] += len(shown)
        if wrong := {pk: allowed[pk] for pk in shown | set(allowed) if allowed[pk] != 1}:
            self.problems.append(f"{where}: entries per person shown or logged {wrong}")
        if response.status_code == 404 and route.kind == Kind.PERSON and not viewer.allowed[target.person.pk]:
            self.totals["refusals"] += 1
            if refused[target.person.pk] != 1:
                self.problems.append(f"{where}: 404 with {refused[target.person.pk]} refused entries")

    def run(self) -> None:
        for viewer in (v for v in viewers(self.world) if v.label in READERS):
            for route in routes():
                for target in targets_for(route, self.world.targets):
                    for url in route.urls(target):
                        self.check(viewer, route, target, url)


@pytest.fixture
def world(tenants) -> World:
    return build_world(tenants)


def test_every_read_of_a_dossier_writes_exactly_one_entry_per_person_shown(world):
    audit = Audit(world)
    audit.run()
    print(f"\nLogboek: {dict(audit.totals)}")
    assert not audit.problems, "\n".join(audit.problems)
    totals = audit.totals
    assert totals["reads"] > 400 and totals["persons shown"] > 300 and totals["refusals"] > 500
