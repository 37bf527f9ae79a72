"""A large load generates in a second process and sets indexes (and on PostgreSQL foreign keys)
aside while it writes: it gives the same dossiers as a small one, and all is back afterwards, also
when it fails."""

from __future__ import annotations

import pytest

from koers.people.models import Household, Person, TimelineEvent
from koers.synthetic.generator import Site
from koers.synthetic.writer import MODELS, BulkWriter, GenerationFailed, write_dossiers

pytestmark = pytest.mark.django_db


@pytest.fixture
def sites(tenants):
    return [
        Site(
            tenants.a.municipality.pk,
            "Aadorp",
            1234,
            20_000,
            (tenants.a.consultant.pk,),
            mb_organisation_id=tenants.a.mb_organisation.pk,
            school_id=tenants.a.school.pk,
        )
    ]


def indexes_and_keys() -> list[tuple]:
    writer = BulkWriter()
    tables = [model._meta.db_table for model in MODELS.values()]
    return [item for table in tables for item in writer.secondary_indexes(table) + writer.foreign_keys(table)]


def snapshot() -> list[tuple]:
    return [
        list(
            Person.objects.order_by("id").values_list(
                "id", "bsn", "given_names", "family_name", "phase", "koppeling_date", "consultant_id"
            )
        ),
        list(TimelineEvent.objects.order_by("id").values_list("id", "person_id", "occurred_at", "title")),
    ]


def forget_generated(first_person: int, first_household: int) -> None:
    Person.objects.filter(id__gte=first_person).delete()
    Household.objects.filter(id__gte=first_household).delete()


def test_a_large_load_writes_the_same_dossiers_as_a_small_one(sites):
    first_person, first_household = Person.objects.latest("id").id + 1, Household.objects.latest("id").id + 1
    write_dossiers(sites, 60, seed=4, chunk_size=25, large=True)
    large = snapshot()
    forget_generated(first_person, first_household)
    write_dossiers(sites, 60, seed=4, chunk_size=25, large=False)
    assert snapshot() == large


def test_the_indexes_and_foreign_keys_are_back_after_a_large_load(sites):
    before = indexes_and_keys()
    assert before
    write_dossiers(sites, 30, seed=4, large=True)
    assert indexes_and_keys() == before


def test_a_failing_generation_is_reported_and_leaves_the_indexes_and_foreign_keys_in_place():
    before = indexes_and_keys()
    with pytest.raises(GenerationFailed, match="site"):
        write_dossiers([], 10, seed=4, large=True)
    assert indexes_and_keys() == before
