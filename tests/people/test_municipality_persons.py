"""The database keeps the number of dossiers per municipality itself (``MunicipalityPersons``, by
triggers appending changes): whichever way dossiers are added, moved or removed, the kept number is the
counted one, before and after the nightly job sums the changes."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from koers.lib import jobs
from koers.people.models import MunicipalityPersons, Person
from koers.people.totals import compact, persons_in
from tests.factories import MunicipalityFactory, PersonFactory

from .conftest import counted, kept


def test_a_dossier_made_one_by_one_or_in_bulk_is_counted_in_its_municipality(tenants):
    a, b = tenants.a.municipality, tenants.b.municipality
    assert kept() == counted() == {a.pk: 2, b.pk: 2}
    PersonFactory(municipality=a)
    Person.objects.bulk_create(PersonFactory.build_batch(3, municipality=b))
    assert kept() == counted() == {a.pk: 3, b.pk: 5}


def test_a_dossier_moved_to_another_municipality_leaves_one_count_for_the_other(tenants):
    a, b = tenants.a.municipality, tenants.b.municipality
    person = tenants.a.other_person
    person.municipality = b
    person.save()
    assert kept() == counted() == {a.pk: 1, b.pk: 3}
    Person.objects.filter(municipality=b).update(municipality=a)
    assert kept() == counted() == {a.pk: 4}


def test_saving_a_dossier_without_moving_it_changes_no_count(tenants):
    before = kept()
    person = tenants.a.person
    person.family_name = "Haddad-Mansour"
    person.save()
    Person.objects.filter(pk=person.pk).update(municipality=person.municipality)
    assert kept() == before


def test_a_removed_dossier_is_no_longer_counted(tenants):
    a, b = tenants.a.municipality, tenants.b.municipality
    Person.objects.bulk_create(PersonFactory.build_batch(4, municipality=a))
    without_consultant = Person.objects.filter(municipality=a, consultant__isnull=True)
    without_consultant.exclude(pk=tenants.a.other_person.pk).delete()
    assert kept() == counted() == {a.pk: 2, b.pk: 2}
    [bare] = Person.objects.bulk_create(PersonFactory.build_batch(1, municipality=b))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM people_person WHERE id = %s", [bare.pk])
    assert kept() == counted() == {a.pk: 2, b.pk: 2}


def test_a_change_rolled_back_leaves_the_counts_as_they_were(tenants):
    before = kept()
    with pytest.raises(RuntimeError), transaction.atomic():
        PersonFactory(municipality=tenants.a.municipality)
        Person.objects.filter(municipality=tenants.b.municipality).update(municipality=tenants.a.municipality)
        raise RuntimeError("the user cancelled")
    assert kept() == before == counted()


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["add", "bulk", "move", "move_all", "remove"]), st.integers(0, 2), st.integers(0, 2)
    ),
    max_size=12,
)


@pytest.mark.django_db
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_the_kept_counts_equal_the_counted_ones_after_any_sequence_of_changes(operations):
    with transaction.atomic():
        places = MunicipalityFactory.create_batch(3)
        for operation, first, second in operations:
            there, elsewhere = places[first], places[second]
            if operation == "add":
                PersonFactory(municipality=there)
            elif operation == "bulk":
                Person.objects.bulk_create(PersonFactory.build_batch(first + 1, municipality=there))
            elif operation == "move":
                person = Person.objects.filter(municipality=there).first()
                if person is not None:
                    person.municipality = elsewhere
                    person.save()
            elif operation == "move_all":
                Person.objects.filter(municipality=there).update(municipality=elsewhere)
            else:
                Person.objects.filter(pk__in=Person.objects.filter(municipality=there).values("pk")[:2]).delete()
            assert kept() == counted()
            if first == second:
                compact()
                assert kept() == counted()
        transaction.set_rollback(True)


def test_the_nightly_job_sums_each_municipalitys_changes_into_one_row(tenants):
    a, b = tenants.a.municipality, tenants.b.municipality
    PersonFactory.create_batch(3, municipality=a)
    Person.objects.filter(pk=tenants.b.person.pk).update(municipality=a)
    changes = MunicipalityPersons.objects.count()
    assert compact() == changes
    rows = sorted(MunicipalityPersons.objects.values_list("municipality_id", "persons"))
    assert rows == [(a.pk, 6), (b.pk, 1)]
    assert kept() == counted()
    assert jobs.task("people.compact_totals").func is compact


def test_a_municipality_left_without_dossiers_keeps_no_row_after_the_job(tenants):
    b = tenants.b.municipality
    Person.objects.filter(municipality=b).update(municipality=tenants.a.municipality)
    compact()
    assert not MunicipalityPersons.objects.filter(municipality=b).exists()
    assert persons_in({b.pk}) == 0
