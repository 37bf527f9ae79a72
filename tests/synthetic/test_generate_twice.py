"""``koers generate`` can run again on a database that has data: no id or BSN collides, the
municipalities are reused, and BSNs continue after the highest one already there."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from stdnum.nl import bsn as stdnum_bsn

from koers.access.models import Municipality, Organisation
from koers.people.models import HouseholdMember, Person, TimelineEvent

pytestmark = pytest.mark.django_db


def generate(**options) -> None:
    call_command("generate", stdout=io.StringIO(), **options)


def test_a_second_run_adds_to_the_first_without_collisions():
    generate(municipalities=2, persons=150, seed=1, chunk_size=40)
    first_ids = set(Person.objects.values_list("id", flat=True))
    generate(municipalities=2, persons=150, seed=1, chunk_size=40)
    bsns = list(Person.objects.values_list("bsn", flat=True))
    assert len(bsns) == len(set(bsns)) == 300
    assert all(stdnum_bsn.is_valid(bsn) for bsn in bsns)
    assert min(Person.objects.exclude(id__in=first_ids).values_list("id", flat=True)) > max(first_ids)
    assert HouseholdMember.objects.filter(person__isnull=False).count() == 300
    assert Municipality.objects.count() == 2
    assert Organisation.objects.count() == 6


def test_bsns_continue_after_the_highest_existing_one(tenants):
    highest = max(Person.objects.values_list("bsn", flat=True))
    generate(municipalities=1, persons=10, seed=3, start_bsn_prefix=10_000_000)
    new = Person.objects.exclude(
        pk__in=[
            tenants.a.person.pk,
            tenants.a.other_person.pk,
            tenants.b.person.pk,
            tenants.b.other_person.pk,
        ]
    )
    assert min(new.values_list("bsn", flat=True)) > highest


def test_a_higher_bsn_prefix_is_honoured():
    generate(municipalities=1, persons=5, seed=3, start_bsn_prefix=55_000_000)
    assert all(bsn.startswith("55") for bsn in Person.objects.values_list("bsn", flat=True))


def test_timelines_of_both_runs_stay_with_their_own_persons():
    generate(municipalities=1, persons=60, seed=2)
    generate(municipalities=1, persons=60, seed=2)
    registrations = TimelineEvent.objects.filter(kind="registratie")
    assert registrations.count() == 120
    assert registrations.values("person").distinct().count() == 120
