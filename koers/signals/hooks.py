"""Incremental recompute: when a record some deadline source watches is saved or deleted, that
person's signals are recomputed once the transaction commits (once per person per transaction)."""

from __future__ import annotations

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from koers.lib.deadlines import watched_models

_pending = threading.local()


def _ids() -> set[int]:
    if not hasattr(_pending, "ids"):
        _pending.ids = set()
    return _pending.ids


def _flush() -> None:
    from .engine import recompute

    ids = sorted(_ids())
    _pending.ids = set()
    if ids:
        recompute(person_ids=ids, log=False)


def record_changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw") or sender._meta.label not in watched_models():
        return
    person_id = getattr(instance, "person_id", None)
    if person_id is None:
        return
    _ids().add(person_id)
    transaction.on_commit(_flush)


def connect() -> None:
    post_save.connect(record_changed, dispatch_uid="koers.signals.changed.save")
    post_delete.connect(record_changed, dispatch_uid="koers.signals.changed.delete")
