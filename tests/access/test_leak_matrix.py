"""The generated access matrix: every viewer (each role of municipality A, the newcomer in the portal,
an anonymous visitor) × every page and API endpoint (enumerated from the URL resolver, see
``routes.py``) × every target (own dossier with and without consent, the other municipality's, and
dossiers moved here with and without consent, see ``world.py``).

- Reading (GET): no response shows a marker of a data category the viewer may not see of that
  person, and where the viewer does not reach the target (a person) or the target is the other
  municipality's (a municipality's record), the answer is a refusal. A viewer reaches a person when
  they may see a data category of the dossier; the privacy officer (``PRIVACY_ROLES``) reaches, on
  the log's pages, the log about the persons of their own municipality, never the dossier.
- Changing (POST, and PUT, PATCH and DELETE on the API): on those same targets every attempt is
  refused, and the database is the same afterwards (the audit log of the refusals aside).
- Nothing answers with a server error.

The number of combinations checked is printed and reported in the terminal summary."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

import pytest

from koers.access.policy import PRIVACY_ROLES
from koers.access.query import roles_of

from .database import changed_between, database_state
from .responses import refuses, text_of
from .routes import Kind, Route, Unfilled, routes, targets_for
from .world import Target, Viewer, World, build_world, viewers

API_CHANGES = ("put", "patch", "delete")
LOG_PAGES = "privacy/logboek/"

def reaches(viewer: Viewer, route: Route, target: Target) -> bool:
    if viewer.allowed[target.person.pk]:
        return True
    on_log = route.pattern.startswith(LOG_PAGES) and target.own and viewer.user is not None
    return on_log and bool(roles_of(viewer.user) & PRIVACY_ROLES)


@dataclass
class Sweep:
    world: World
    totals: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    reachable_urls: set[str] = field(default_factory=set)
    seen: set[tuple[str, int]] = field(default_factory=set)

    def must_refuse(self, viewer: Viewer, route: Route, target: Target, url: str) -> bool:
        """Whether the answer must be a refusal. A URL that is the same for a target the viewer
        reaches (a number that counts within the logged-in newcomer's own dossier) names no target."""
        if url in self.reachable_urls:
            return False
        if route.kind == Kind.PERSON:
            return not reaches(viewer, route, target)
        return route.kind == Kind.MUNICIPALITY and not target.own

    def read(self, viewer: Viewer, route: Route, target: Target, url: str) -> None:
        response = viewer.client.get(url)
        self.totals["GET"] += 1
        where = f"{viewer.label} GET {url} ({route.name}, {target.label})"
        if response.status_code >= 500:
            self.problems.append(f"{where}: {response.status_code}")
            return
        shown = self.world.found(text_of(response))
        self.seen |= {(viewer.label, pk) for pk, _ in shown}
        leaked = sorted(f"{category} of {pk}" for pk, category in shown if category not in viewer.allowed[pk])
        if leaked:
            self.problems.append(f"{where} shows {leaked}")
        if self.must_refuse(viewer, route, target, url) and not refuses(response):
            self.problems.append(f"{where}: {response.status_code}, not refused")

    def change(self, viewer: Viewer, route: Route, target: Target, url: str) -> None:
        attempts = [("post", {})] + ([(m, {}) for m in API_CHANGES] if route.api else [])
        for method, data in attempts:
            if route.api:
                send = getattr(viewer.client, method)
                response = send(url, json.dumps(data), content_type="application/json")
            else:
                response = getattr(viewer.client, method)(url, data)
            self.totals[method.upper()] += 1
            if response.status_code >= 500 or not refuses(response):
                where = f"{viewer.label} {method.upper()} {url} ({route.name}, {target.label})"
                self.problems.append(f"{where}: {response.status_code}")

    def run(self, viewer: Viewer) -> None:
        checked = [
            (route, target, url)
            for route in routes()
            for target in targets_for(route, self.world.targets)
            for url in route.urls(target)
        ]
        self.reachable_urls = {url for route, target, url in checked if reaches(viewer, route, target)}
        for route, target, url in checked:
            self.read(viewer, route, target, url)
            self.totals[f"{viewer.label} × {target.label}"] += 1
        before = database_state()
        for route, target, url in checked:
            if self.must_refuse(viewer, route, target, url):
                self.change(viewer, route, target, url)
        if changed := changed_between(before, database_state()):
            self.problems.append(f"{viewer.label}: refused changes altered {changed}")


@pytest.fixture
def world(tenants) -> World:
    return build_world(tenants)


def test_every_parameter_of_every_route_can_be_filled(world):
    unfilled = []
    for route in routes():
        try:
            for target in targets_for(route, world.targets):
                route.urls(target)
        except Unfilled as missing:
            unfilled.append(str(missing))
    assert not unfilled, "\n".join(unfilled)


def test_the_sweep_covers_the_dossier_pages_the_api_and_the_municipal_pages(world):
    kinds = {route.name: route.kind for route in routes()}
    assert {kinds[n] for n in ("people:detail", "access:consents", "v1:person-detail", "avg:inzage_pdf")} == {
        Kind.PERSON
    }
    assert {kinds[n] for n in ("begeleiding:session", "ontzorgen:run_detail", "kwalitatief:round")} == {
        Kind.MUNICIPALITY
    }
    assert kinds["people:caseload"] == Kind.FREE


def test_no_viewer_sees_or_changes_what_it_may_not_on_any_page_or_endpoint(world, record_property):
    sweep = Sweep(world)
    for viewer in viewers(world):
        sweep.run(viewer)
    combinations = sweep.totals["GET"] + sum(sweep.totals[m.upper()] for m in ("post", *API_CHANGES))
    summary = {"combinations": combinations, "leaks and failures": len(sweep.problems), **sweep.totals}
    lines = "\n".join(f"  {key}: {value}" for key, value in summary.items())
    print(f"\nToegangsmatrix — gecontroleerde combinaties:\n{lines}")
    record_property("access_matrix", summary)
    assert not sweep.problems, "\n".join(sweep.problems)
    assert sweep.totals["GET"] > len(routes()) * len(viewers(world))
    # Not vacuous: every viewer saw, somewhere, each target they may see something of.
    reachable = {
        (v.label, t.person.pk) for v in viewers(world) for t in world.targets if v.allowed[t.person.pk]
    }
    assert reachable - sweep.seen == set()


def test_the_matrix_would_see_a_leak(world, client_as):
    """The check is not vacuous: shown to the consultant, who may see all of it, the dossier holds
    the markers of every category."""
    person = world.target("own, no consent").person
    response = client_as(world.tenants.a.consultant).get(f"/personen/{person.pk}/")
    shown = {category for pk, category in world.found(text_of(response)) if pk == person.pk}
    assert {"identiteit", "contact", "bsn", "gezondheid", "financien", "notities"} <= shown
