"""ForFew answers a few persons' query as the ORM does, compiling it once per size."""

import datetime as dt
from unittest import mock

import pytest
from django.db.models import Count, Max

from koers.lib.prepared import ForFew, padded
from koers.people.models import Person, TimelineEvent
from tests.factories import PersonFactory, TimelineEventFactory

pytestmark = pytest.mark.django_db

EVENTS = TimelineEvent.objects.order_by("pk").values_list("pk", "person_id", "occurred_at", "data", "title")
MOMENT = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def persons() -> list[Person]:
    persons = PersonFactory.create_batch(6)
    for number, person in enumerate(persons):
        for day in range(number):
            TimelineEventFactory(person=person, occurred_at=MOMENT + dt.timedelta(days=day),
                                 data={"dag": day, "tekst": "één"}, title=f"Gesprek ‘{day}’")
    return persons


def test_it_gives_the_rows_the_orm_gives_for_every_size(persons):
    few = ForFew(EVENTS)
    for size in range(1, len(persons) + 1):
        ids = [p.pk for p in persons[:size]]
        assert few.rows(ids) == list(EVENTS.filter(person_id__in=ids))


def test_it_converts_values_as_django_does(persons):
    row = ForFew(EVENTS).rows([persons[2].pk])[0]
    assert row[2] == MOMENT and row[2].tzinfo is not None
    assert row[3] == {"dag": 0, "tekst": "één"}


def test_it_takes_an_id_twice_and_in_any_order(persons):
    ids = [persons[3].pk, persons[1].pk, persons[3].pk]
    assert sorted(ForFew(EVENTS).rows(ids)) == sorted(EVENTS.filter(person_id__in=ids))


def test_it_asks_nothing_for_no_persons(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert ForFew(EVENTS).rows([]) == []


def test_it_compiles_a_size_once(persons):
    few = ForFew(EVENTS)
    with mock.patch.object(ForFew, "_compile", wraps=few._compile) as compiling:
        few.rows([persons[1].pk])
        few.rows([persons[2].pk])
        few.rows([persons[3].pk, persons[4].pk, persons[5].pk])
        few.rows([persons[2].pk, persons[3].pk, persons[4].pk, persons[5].pk])
    assert compiling.call_count == 2


def test_it_keeps_the_other_parameters_apart_per_value(persons):
    since = ForFew(lambda moment: EVENTS.filter(occurred_at__gte=moment))
    person = persons[5]
    assert len(since.rows([person.pk], MOMENT)) == 5
    assert len(since.rows([person.pk], MOMENT + dt.timedelta(days=3))) == 2
    assert len(since.rows([person.pk], MOMENT)) == 5


def test_it_narrows_by_another_field(persons):
    per_person = ForFew(Person.objects.order_by("pk").annotate(events=Count("timeline"), last=Max("timeline__occurred_at"))
                        .values_list("pk", "events", "last"), "pk")
    assert per_person.rows([persons[0].pk, persons[4].pk]) == [
        (persons[0].pk, 0, None), (persons[4].pk, 4, MOMENT + dt.timedelta(days=3)),
    ]


def test_it_gives_the_whole_query_for_a_bulk_pass(persons):
    assert list(ForFew(EVENTS).of(None)) == list(EVENTS)
    assert ForFew(EVENTS).of([persons[1].pk]) == list(EVENTS.filter(person_id=persons[1].pk))


@pytest.mark.parametrize("query", [
    TimelineEvent.objects.all(), TimelineEvent.objects.values("pk"), TimelineEvent.objects.values_list("pk", flat=True),
])
def test_it_refuses_a_query_that_gives_no_tuples(persons, query):
    with pytest.raises(TypeError):
        ForFew(query).rows([persons[1].pk])


def test_it_pads_to_a_power_of_two_with_the_last_id():
    assert padded([7]) == [7]
    assert padded([7, 9, 7]) == [7, 9]
    assert padded([1, 2, 3]) == [1, 2, 3, 3]
    assert len(padded(list(range(33)))) == 64


def test_it_reads_no_more_rows_than_its_limit(persons):
    limited = ForFew(TimelineEvent.objects.order_by("occurred_at").values_list("pk", "occurred_at"), limit=3)
    rows = limited.rows([persons[4].pk, persons[5].pk])
    assert len(rows) == 3
    assert [moment for _, moment in rows] == [MOMENT, MOMENT, MOMENT + dt.timedelta(days=1)]
