"""Deadlines that the parts of Koers know about, gathered by the signal engine (``koers.signals``).

Each part of the domain (inburgering, begeleiding, ontzorgen, duo...) registers a source in its
``AppConfig.ready()``: a function that, for some persons (or all of them), says which deadlines are
running on a given day. The engine turns them into signals on the attention lists; the sources know
nothing of lists, snoozing or users.

A source must be set-based: called with ``person_ids=None`` it covers every person in one pass over
a few queries, so that the nightly recompute scales to a national dataset. Called for one person (a
changed dossier) it should cost a query or two: it stops at once when the person has nothing it
looks at (no arrangement, no running duty).

A source declares the models it reads (``watches``). When one of them is saved or deleted, the engine
recomputes only the sources that watch it, for the persons the record belongs to, and merges only
those sources' kinds. So a source must watch every model its deadlines depend on (a municipality's
policy excepted: changing it recomputes the municipality); a large source whose deadlines depend on
different records is better split into sources per record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Model
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
PersonsOf = Callable[[Model], Iterable[int]]


def own_person(instance: Model) -> Iterable[int]:
    """The person of a record with a ``person`` field (none while it has no person)."""
    person_id = getattr(instance, "person_id", None)
    return () if person_id is None else (person_id,)


@dataclass(frozen=True)
class Watch:
    """A model whose saving or deleting may change a source's deadlines, and the persons whose
    deadlines a changed record may change (its own ``person`` unless told otherwise, e.g. every
    member of the household of an ontzorgen arrangement)."""

    model: str
    """The label, ``"app_label.ModelName"``."""
    persons: PersonsOf = own_person


@dataclass(frozen=True)
class DeadlineSource:
    name: str
    kinds: dict[str, str | Promise]
    """Kind code → Dutch label (translatable), e.g. ``{"inburgering.leerroute": _("Leerroute vaststellen")}``."""
    compute: Compute
    watches: tuple[str | Watch, ...] = ()
    """The models whose saving or deleting may change this source's deadlines: a label
    (``"app_label.ModelName"``) for a model with a ``person`` field, else a ``Watch`` that finds the
    persons. Once the transaction commits, the engine recomputes this source (and every other source
    watching the model) for those persons."""

    @property
    def watch_list(self) -> tuple[Watch, ...]:
        return tuple(item if isinstance(item, Watch) else Watch(item) for item in self.watches)


_sources: dict[str, DeadlineSource] = {}
_watching: dict[str, list[tuple[DeadlineSource, Watch]]] = {}
"""Model label → the sources watching it; built from ``_sources`` when first asked for."""


def register_deadline_source(source: DeadlineSource) -> None:
    overlap = {kind for other in _sources.values() if other.name != source.name for kind in other.kinds} & set(
        source.kinds
    )
    if overlap:
        raise ValueError(f"Deadline kinds registered twice: {sorted(overlap)}")
    _sources[source.name] = source
    _watching.clear()


def deadline_sources() -> list[DeadlineSource]:
    return [_sources[name] for name in sorted(_sources)]


def _by_model() -> dict[str, list[tuple[DeadlineSource, Watch]]]:
    if not _watching:
        for source in deadline_sources():
            for watch in source.watch_list:
                _watching.setdefault(watch.model, []).append((source, watch))
    return _watching


def watched_models() -> frozenset[str]:
    """Every model label some source watches."""
    return frozenset(_by_model())


def watches_of(model: str) -> list[tuple[DeadlineSource, Watch]]:
    """The sources that watch this model (a label), each with its watch."""
    return _by_model().get(model, [])


def kind_label(kind: str) -> str | Promise:
    for source in _sources.values():
        if kind in source.kinds:
            return source.kinds[kind]
    return kind


def deadlines_for(
    person_ids: Sequence[int] | None, today: dt.date, sources: Iterable[DeadlineSource] | None = None
) -> Iterable[Deadline]:
    """Every running deadline of these persons (all persons when ``None``), from every source (or
    from the sources given)."""
    for source in deadline_sources() if sources is None else sources:
        yield from source.compute(person_ids, today)
