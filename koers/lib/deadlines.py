"""Deadlines that the parts of Koers know about, gathered by the signal engine (``koers.signals``).

Each part of the domain (inburgering, begeleiding, ontzorgen, duo...) registers a source in its
``AppConfig.ready()``: a function that, for some persons (or all of them), says which deadlines are
running on a given day. The engine turns them into signals on the attention lists; the sources know
nothing of lists, snoozing or users.

A source must be set-based: called with ``person_ids=None`` it covers every person in one pass over
a few queries, so that the nightly recompute scales to a national dataset.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise

from koers.access.constants import DataCategory


@dataclass(frozen=True)
class Deadline:
    """One running deadline of one person.

    ``kind`` is a registered kind code; ``reference`` tells apart two deadlines of the same kind for
    the same person (e.g. ``"pip:12"``); ``category`` is the data category a user must be allowed to
    see to get the signal (a volunteer never sees a finance deadline)."""

    person_id: int
    kind: str
    due: dt.date
    category: DataCategory
    reference: str = ""
    detail: str = ""


Compute = Callable[[Sequence[int] | None, dt.date], Iterable[Deadline]]


@dataclass(frozen=True)
class DeadlineSource:
    name: str
    kinds: dict[str, str | Promise]
    """Kind code → Dutch label (translatable), e.g. ``{"inburgering.leerroute": _("Leerroute vaststellen")}``."""
    compute: Compute
    watches: tuple[str, ...] = ()
    """Labels (``"app_label.ModelName"``) of the models whose saving or deleting may change this
    source's deadlines for a person; each must have a ``person`` (or ``person_id``) field. The engine
    recomputes that person's signals once the transaction commits."""


_sources: dict[str, DeadlineSource] = {}


def register_deadline_source(source: DeadlineSource) -> None:
    overlap = {kind for other in _sources.values() if other.name != source.name for kind in other.kinds} & set(
        source.kinds
    )
    if overlap:
        raise ValueError(f"Deadline kinds registered twice: {sorted(overlap)}")
    _sources[source.name] = source


def deadline_sources() -> list[DeadlineSource]:
    return [_sources[name] for name in sorted(_sources)]


def watched_models() -> frozenset[str]:
    """Every model label some source watches."""
    return frozenset(label for source in _sources.values() for label in source.watches)


def kind_label(kind: str) -> str | Promise:
    for source in _sources.values():
        if kind in source.kinds:
            return source.kinds[kind]
    return kind


def deadlines_for(person_ids: Sequence[int] | None, today: dt.date) -> Iterable[Deadline]:
    """Every running deadline of these persons (all persons when ``None``), from every source."""
    for source in deadline_sources():
        yield from source.compute(person_ids, today)
