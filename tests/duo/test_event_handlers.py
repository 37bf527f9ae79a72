"""Every event code in DUO's Gebeurtenissen.md and Attentiesignalen.md has a handler, documented in
docs/duo-events.md (generated, checked here against the code and DUO's documents), and every handler
applies its event to a dossier: processed once, on the timeline, and a deadline when it asks for one."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from koers.duo import events, processing, specs, sync
from koers.duo.deadlines import KIND
from koers.duo.eventdoc import events_markdown, spec_events
from koers.duo.models import Notification
from koers.lib import clock
from koers.lib.deadlines import deadlines_for
from koers.people.constants import EventKind

from ..inburgering.factories import InburgeringsplichtFactory


def test_every_code_in_duos_event_documents_has_a_handler():
    documented = set(spec_events())
    assert len(documented) >= 40
    assert documented - set(events.EVENTS) == set()


def test_no_handler_is_for_a_code_duo_does_not_document():
    assert set(events.EVENTS) - set(spec_events()) == set()


def test_the_published_table_of_handlers_matches_the_code_and_duos_documents():
    published = Path(settings.BASE_DIR, "docs", "duo-events.md").read_text(encoding="utf-8")
    with translation.override("nl"):
        assert published == events_markdown(), "run: koers duo-events > docs/duo-events.md"


def test_every_handler_fetches_only_what_duos_specification_offers():
    operations = specs.operations()
    for event in events.EVENTS.values():
        for name in event.fetch:
            assert sync.OPERATIONS[name] in operations, (event.code, name)


def test_every_attention_signal_says_what_to_do():
    for event in events.EVENTS.values():
        assert bool(event.task) == (event.attention is not None), event.code


def test_the_moves_and_target_group_changes_are_handled():
    assert events.EVENTS["SS120"].announces_person and events.EVENTS["SS121"].announces_person
    assert events.EVENTS["SS122"].attention and events.EVENTS["SS123"].attention
    assert events.DOELGROEP in events.EVENTS["SS124"].fetch and events.DOELGROEP in events.EVENTS["SS125"].fetch


@pytest.mark.django_db
@pytest.mark.parametrize("code", sorted(events.EVENTS))
def test_each_event_is_applied_to_the_dossier_once(duo_world, code):
    person = duo_world.koers.a.person
    InburgeringsplichtFactory(person=person)
    duo_world.add(person)
    duo_world.simulator.emit(person.bsn, code)
    duo_world.simulator.deliver()

    assert processing.process_due(client_factory=duo_world.client) == 1

    notification = Notification.objects.get()
    assert (notification.status, notification.person) == (Notification.Status.PROCESSED, person)
    [entry] = person.timeline.filter(kind=EventKind.DUO)
    assert entry.title.startswith(f"DUO {code}: ")
    deadlines = [d for d in deadlines_for([person.pk], clock.today()) if d.kind == KIND]
    assert len(deadlines) == (0 if events.EVENTS[code].attention is None else 1)
