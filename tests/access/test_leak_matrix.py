"""The generated access-matrix test: every role × every page and API endpoint that takes a person
(enumerated from the URL resolver, so a new page is covered without touching this file) × a person of
the own municipality with consent, one without consent, and one of the other municipality.

A leak is any text of a data category the user may not see of that person in the response: the name
(identity), the e-mail address (contact), the BSN, or a timeline entry of that category. For the other
municipality the answer must moreover be a refusal (403/404/405) for reading and for changing; pages
without a person (lists, reports) must show nothing of the other municipality's person. The totals are
printed (``pytest -s``) and reported in the terminal summary."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from koers.access.constants import DataCategory as C
from koers.access.constants import Role
from koers.access.query import categories_for
from koers.people.constants import AssignmentRole, EventKind
from koers.people.models import Person, TimelineEvent
from tests.factories import AssignmentFactory, PersonFactory

REFUSED = {403, 404, 405}
PERSON_PARAMS = {"person_id"}
PERSON_PREFIXES = ("personen/", "duo/dossier/", "aandacht/dossier/", "api/v1/^personen/", "api/v1/personen/")
# Outside the staff screens (sign-in, language switch, the newcomer's own portal, DUO's machine
# interface, the admin site and the API schema): no dossier of a municipality is shown there.
SKIPPED_PREFIXES = ("accounts/", "i18n/", "portaal/", "duo/v1/", "beheer/", "api/v1/openapi", "api/v1/docs")
TEXT_TYPES = ("text/", "application/json", "application/problem+json", "application/xml")
FILLER_ID = 1

TOTALS: Counter = Counter()


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    params: tuple[str, ...]

    @property
    def takes_person(self) -> bool:
        return bool(set(self.params) & PERSON_PARAMS) or ("pk" in self.params and self.pattern.startswith(PERSON_PREFIXES))

    def url(self, person_id: int) -> str:
        kwargs = {p: person_id if p == "pk" or p in PERSON_PARAMS else FILLER_ID for p in self.params}
        return reverse(self.name, kwargs=kwargs)


def walk(patterns, prefix: str = "", namespace: str | None = None) -> Iterator[Route]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace or namespace
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Route(name, prefix + str(entry.pattern), tuple(entry.pattern.regex.groupindex))


def routes() -> list[Route]:
    unique = {r.name: r for r in walk(get_resolver().url_patterns) if not r.pattern.startswith(SKIPPED_PREFIXES)}
    return sorted(unique.values(), key=lambda r: r.pattern)


def person_routes() -> list[Route]:
    return [r for r in routes() if r.takes_person]


def list_routes() -> list[Route]:
    return [r for r in routes() if not r.params]


def marked_person(tenant, name: str) -> Person:
    """A person with a unique name and e-mail, and one timeline entry of each data category."""
    person = PersonFactory(
        municipality=tenant.municipality, given_names="Xandriel", family_name=name, email=f"{name.lower()}@example.org"
    )
    TimelineEvent.objects.bulk_create(
        TimelineEvent(person=person, kind=EventKind.NOTE, category=c, title=f"LEKTEST-{c}-{person.pk}") for c in C
    )
    return person


def markers(person: Person) -> dict[C, list[str]]:
    found = {c: [f"LEKTEST-{c}-{person.pk}"] for c in C}
    found[C.IDENTITY].append(person.family_name)
    found[C.CONTACT].append(person.email)
    found[C.BSN].append(person.bsn)
    return found


@pytest.fixture
def cast(tenants):
    own_consented = tenants.a.person
    own_consented.family_name, own_consented.email = "Quillfeather", "quillfeather@example.org"
    own_consented.save()
    TimelineEvent.objects.bulk_create(
        TimelineEvent(person=own_consented, kind=EventKind.NOTE, category=c, title=f"LEKTEST-{c}-{own_consented.pk}")
        for c in C
    )
    own_unconsented = marked_person(tenants.a, "Vondermaat")
    for organisation, user, role in (
        (tenants.a.mb_organisation, None, AssignmentRole.MB_BEGELEIDING),
        (tenants.a.mb_organisation, tenants.a.volunteer, AssignmentRole.VRIJWILLIGER),
        (tenants.a.school, None, AssignmentRole.TAALAANBIEDER),
    ):
        AssignmentFactory(person=own_unconsented, organisation=organisation, user=user, role=role)
    other = marked_person(tenants.b, "Brakkenwolde")
    AssignmentFactory(person=other, organisation=tenants.b.mb_organisation, role=AssignmentRole.MB_BEGELEIDING)
    return {"own, consent": own_consented, "own, no consent": own_unconsented, "other municipality": other}


def body_of(response) -> str:
    content_type = response.get("Content-Type", "")
    if not content_type.startswith(TEXT_TYPES) or response.streaming:
        return ""
    return response.content.decode(errors="replace")


def leaks(body: str, person: Person, allowed: frozenset) -> list[str]:
    return [text for c, texts in markers(person).items() if c not in allowed for text in texts if text in body]


def test_the_route_list_covers_the_dossier_pages_and_endpoints():
    names = {r.name for r in person_routes()}
    assert {"people:detail", "access:consents", "v1:person-detail", "v1:person-timeline"} <= names
    assert "people:caseload" in {r.name for r in list_routes()}


def test_no_role_sees_or_changes_what_it_may_not_on_any_page_or_endpoint(tenants, cast, record_property):
    problems: list[str] = []
    other = cast["other municipality"]
    for role in Role:
        user = tenants.a.user(role)
        client = Client()
        client.force_login(user)
        allowed = {label: categories_for(user, Person.objects.get(pk=p.pk)) for label, p in cast.items()}
        for route in person_routes():
            for label, person in cast.items():
                response = client.get(route.url(person.pk))
                TOTALS["GET dossier"] += 1
                TOTALS[f"{role.value} × {label}"] += 1
                found = leaks(body_of(response), person, allowed[label])
                if response.status_code >= 500:
                    problems.append(f"{role} GET {route.name} ({label}): {response.status_code}")
                if found:
                    problems.append(f"{role} GET {route.name} ({label}) shows {found}")
                if label == "other municipality" and response.status_code not in REFUSED:
                    problems.append(f"{role} GET {route.name} ({label}): {response.status_code}, not refused")
            response = client.post(other_url := route.url(other.pk), {})
            TOTALS["POST other municipality"] += 1
            if response.status_code not in REFUSED or leaks(body_of(response), other, frozenset()):
                problems.append(f"{role} POST {other_url}: {response.status_code}")
        for route in list_routes():
            response = client.get(route.url(0))
            TOTALS["GET list or report"] += 1
            if response.status_code >= 500:
                problems.append(f"{role} GET {route.name}: {response.status_code}")
            if found := leaks(body_of(response), other, frozenset()):
                problems.append(f"{role} GET {route.name} shows the other municipality's {found}")
    TOTALS["routes with a person"] = len(person_routes())
    TOTALS["routes without parameters"] = len(list_routes())
    print_totals()
    record_property("access_matrix", dict(TOTALS))
    assert not problems, "\n".join(problems)
    assert TOTALS["GET dossier"] == len(Role) * len(person_routes()) * len(cast)


def test_the_matrix_would_see_a_leak(tenants, cast, client_as):
    """The check is not vacuous: the consultant, who may see everything, gets the markers shown."""
    person = cast["own, no consent"]
    body = body_of(client_as(tenants.a.consultant).get(f"/personen/{person.pk}/"))
    assert set(leaks(body, person, frozenset())) >= {f"LEKTEST-{C.HEALTH}-{person.pk}", person.bsn, person.family_name}


def print_totals() -> None:
    lines = [f"  {key}: {value}" for key, value in sorted(TOTALS.items())]
    print("\nToegangsmatrix — gecontroleerde combinaties:\n" + "\n".join(lines))

