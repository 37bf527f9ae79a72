"""Incremental recompute: when a record some deadline source watches is saved or deleted, the
persons it belongs to are recomputed once the transaction commits (once per person per transaction),
and only from the sources that watch what changed: a changed PIP does not run the ontzorgen queries.

The persons are found when the record changes (its watch says how), while the records they hang
from still exist; the recompute itself waits for the commit."""

from __future__ import annotations

import threading
from collections import defaultdict

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from koers.lib.deadlines import deadline_sources, watches_of

_pending = threading.local()


def _gathering() -> dict[int, set[str]]:
    """Person id → names of the sources to recompute, gathered during the transaction. What was
    gathered while no flush waits for the commit is forgotten: its transaction rolled back (or its
    flush was taken away), and a later transaction must not recompute those persons as its own."""
    if not hasattr(_pending, "changes") or not _flush_waiting():
        _pending.changes = defaultdict(set)
    return _pending.changes


def _flush_waiting() -> bool:
    return any(func is flush for _sids, func, _robust in connection.run_on_commit)


def pending_persons() -> set[int]:
    """The persons whose recompute waits for the next flush."""
    return set(getattr(_pending, "changes", {}))


def flush() -> None:
    """Recompute what the changes since the last flush call for: the persons that need the same
    sources, together."""
    from .engine import recompute

    changes = getattr(_pending, "changes", {})
    _pending.changes = defaultdict(set)
    together: dict[frozenset[str], list[int]] = defaultdict(list)
    for person_id in sorted(changes):
        together[frozenset(changes[person_id])].append(person_id)
    for names, person_ids in together.items():
        sources = [source for source in deadline_sources() if source.name in names]
        recompute(person_ids=person_ids, log=False, sources=sources)


def record_changed(sender, instance, **kwargs) -> None:
    watching = watches_of(sender._meta.label)
    if kwargs.get("raw") or not watching:
        return
    changes = _gathering()
    found = False
    for source, watch in watching:
        for person_id in watch.persons(instance):
            changes[person_id].add(source.name)
            found = True
    if found:
        transaction.on_commit(flush)


def connect() -> None:
    post_save.connect(record_changed, dispatch_uid="koers.signals.changed.save")
    post_delete.connect(record_changed, dispatch_uid="koers.signals.changed.delete")
