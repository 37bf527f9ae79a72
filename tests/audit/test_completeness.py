"""Audit completeness: every dossier screen and every API read of one person, found in the URL
resolver rather than listed by hand, writes exactly one audit entry per request."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from koers.audit.models import AuditEntry
from koers.begeleiding.services import record_handover
from koers.lib import clock
from koers.people.constants import Phase
from tests.begeleiding.factories import trajectory_in
from tests.inburgering.factories import InburgeringsplichtFactory

PERSON_PARAMETERS = ({"pk"}, {"person_pk"}, {"person_id"})
DOSSIER_PREFIXES = ("/personen/", "/api/v1/personen/")


def url_names(resolver: URLResolver, namespace: str = "") -> list[tuple[str, set[str]]]:
    """Every named pattern as (qualified name, names of its parameters)."""
    found = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found += [
                (name, params | set(pattern.pattern.regex.groupindex))
                for name, params in url_names(pattern, inner)
            ]
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.append((f"{namespace}{pattern.name}", set(pattern.pattern.regex.groupindex)))
    return found


def dossier_urls(person_id: int) -> list[str]:
    urls = set()
    for name, params in url_names(get_resolver()):
        if params not in PERSON_PARAMETERS:
            continue
        url = reverse(name, kwargs={params.pop(): person_id})
        if url.startswith(DOSSIER_PREFIXES):
            urls.add(url)
    return sorted(urls)


def test_the_resolver_finds_the_dossier_screens_and_api_reads(tenants):
    urls = dossier_urls(tenants.a.person.pk)
    pk = tenants.a.person.pk
    assert {f"/personen/{pk}/", f"/api/v1/personen/{pk}", f"/personen/{pk}/avg/"} <= set(urls)
    assert len(urls) >= 10


def full_dossier(tenant):
    """A dossier with a duty and an MB trajectory in its last phase with a handover, so every tab
    has something to show."""
    person = tenant.person
    InburgeringsplichtFactory(person=person)
    trajectory = trajectory_in(Phase.AFRONDING, person, tenant.consultant)
    record_handover(
        actor=tenant.consultant,
        trajectory=trajectory,
        summary="Redt zich goed.",
        interview_on=clock.today(),
        purpose="test",
    )
    return person


def audit_entries_per_request(client, person) -> dict[str, tuple[int, int]]:
    """For each dossier URL that can be read with GET: (status, number of new audit entries)."""
    counted = {}
    for url in dossier_urls(person.pk):
        before = AuditEntry.objects.count()
        response = client.get(url)
        if response.status_code == 405:  # a form's POST address: not a read
            continue
        counted[url] = (response.status_code, AuditEntry.objects.count() - before)
    return counted


@pytest.mark.parametrize("who", ["consultant", "mb_worker", "volunteer"])
def test_every_dossier_read_writes_exactly_one_audit_entry(tenants, client, who):
    person = full_dossier(tenants.a)
    client.force_login(getattr(tenants.a, who))
    counted = audit_entries_per_request(client, person)
    reads = {url: n for url, (status, n) in counted.items() if status == 200}
    refusals = {url: (status, n) for url, (status, n) in counted.items() if status != 200}
    print(
        f"\n{who}: {len(reads)} dossier reads, {len(refusals)} refusals, "
        f"{sum(n == 0 for _, n in refusals.values())} refusals without an audit entry"
    )
    assert {url: n for url, n in reads.items() if n != 1} == {}
    assert {url: r for url, r in refusals.items() if r[1] > 1} == {}
    assert len(reads) >= (10 if who != "volunteer" else 2)
