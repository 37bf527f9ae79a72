"""The facts the dashboards count from are the same whichever way they are made: loaded into empty
tables, rebuilt batch by batch (the nightly job), or refreshed one changed dossier at a time after the
change commits."""

from __future__ import annotations

from collections import Counter

import pytest

from koers.begeleiding.models import Trajectory, Transition
from koers.inburgering.constants import Examenniveau, Examenonderdeel, PipStatus
from koers.inburgering.models import Examenresultaat, PipVersie, Urenregistratie
from koers.monitoring.facts import BATCH, DIMENSIONS, FACTS, LAST_ID, fresh, id_ranges, rebuild, refresh
from koers.monitoring.models import EventFacts, EventKind, PersonFacts, StaleFacts
from koers.ontzorgen.models import Arrangement
from koers.ontzorgen.models import Extension as OntzorgenExtension
from koers.people.constants import AssignmentRole, Gender, Phase
from koers.people.models import Assignment, Person

from ..conftest import TODAY
from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def snapshot() -> dict[str, Counter]:
    """Every facts row, without the row ids the tables number them by."""
    return {
        model._meta.label: Counter(
            model.objects.values_list(*(f.attname for f in model._meta.concrete_fields if f.name != "id"))
        )
        for model in FACTS
    }


def clear() -> None:
    for model in FACTS:
        model.objects.all().delete()


def test_loading_rebuilding_and_refreshing_give_the_same_facts(generated_with_support):
    clear()
    assert rebuild().bulk_load
    loaded = snapshot()
    assert not rebuild().bulk_load
    assert snapshot() == loaded
    clear()
    refresh(Person.objects.values_list("pk", flat=True))
    assert snapshot() == loaded
    kinds = {kind for kind, in EventFacts.objects.values_list("kind").distinct()}
    assert {EventKind.EXAM, EventKind.MB_PHASE, EventKind.MB_CLOSED, EventKind.ONTZORGEN} <= kinds
    assert all(loaded[model._meta.label] for model in FACTS)


def test_a_rebuild_clears_the_facts_of_persons_who_are_gone(generated):
    """Facts of a person the database lost without a signal (not through Koers) go at the next rebuild."""
    template = PersonFacts.objects.order_by("pk").values()[0]
    lost = Person.objects.order_by("-pk").values_list("pk", flat=True)[0] + 100
    PersonFacts.objects.create(**{**template, "person_id": lost})
    EventFacts.objects.create(**{name: template[name] for name in DIMENSIONS[1:]}, person_id=lost,
                              kind=EventKind.EXTENSION, day=TODAY)
    assert not rebuild().bulk_load
    assert not PersonFacts.objects.filter(pk=lost).exists()
    assert not EventFacts.objects.filter(person_id=lost).exists()
    assert PersonFacts.objects.count() == Person.objects.count()


def change_dossiers() -> set[int]:
    """A change of each kind the facts are made of, through the ORM as Koers makes them; answers the
    persons changed."""
    people = list(Person.objects.order_by("pk")[:6])
    people[0].gender = Gender.X if people[0].gender != Gender.X else Gender.MAN
    people[0].save()
    Examenresultaat.objects.create(
        person=people[1], onderdeel=Examenonderdeel.LEZEN, niveau=Examenniveau.A2, exam_date=TODAY,
        passed=True,
    )
    PipVersie.objects.filter(person__in=people[2:4], status=PipStatus.VASTGESTELD).delete()
    Urenregistratie.objects.filter(person=people[3]).delete()
    running = Assignment.objects.filter(role=AssignmentRole.MB_BEGELEIDING, end_date__isnull=True)
    assignment = running.order_by("pk").first()
    assignment.end_date = TODAY
    assignment.save()
    trajectory = Trajectory.objects.exclude(state=Phase.AFGESLOTEN).order_by("pk").first()
    Transition.objects.create(
        trajectory=trajectory, from_state=trajectory.state, to_state=Phase.AFGESLOTEN, on=TODAY
    )
    arrangement = Arrangement.objects.order_by("pk").first()
    OntzorgenExtension.objects.create(arrangement=arrangement, months=3, reason="Nog niet zelfredzaam",
                                      approved_by=UserFactory())
    people[5].delete()
    return {p.pk for p in people[:4]} | {assignment.person_id, trajectory.person_id}


def test_dossiers_refreshed_after_their_change_equal_a_rebuild(generated_with_support,
                                                               django_capture_on_commit_callbacks):
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        changed = change_dossiers()
    assert not StaleFacts.objects.exists()
    refreshed = snapshot()
    assert refreshed != before
    rebuild()
    assert snapshot() == refreshed
    assert changed


def test_a_change_waits_for_its_commit_and_the_next_reader_catches_up(generated_with_support,
                                                                    django_capture_on_commit_callbacks):
    before = snapshot()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        changed = change_dossiers()
    assert callbacks
    assert snapshot() == before
    assert changed <= set(StaleFacts.objects.values_list("person_id", flat=True))
    fresh(EventFacts)
    assert not StaleFacts.objects.exists()
    refreshed = snapshot()
    rebuild()
    assert snapshot() == refreshed


def test_the_batches_of_a_rebuild_cover_every_id_from_the_first_on():
    ranges = list(id_ranges(list(range(10, 10 + 2 * BATCH + 3)), 5))
    assert len(ranges) == 3
    assert ranges[0] == (5, 10 + BATCH - 1)
    assert all(high + 1 == low for (_, high), (low, _) in zip(ranges, ranges[1:]))
    assert ranges[-1][1] == LAST_ID
    assert list(id_ranges([], 7)) == [(7, LAST_ID)]
