"""Queries over the rows of a few records, compiled to SQL once instead of on every call.

After a change to one dossier the signal engine asks a handful of small questions about that
person; every screen asks for the user's memberships and the transfers into their municipalities.
The database answers each in a fraction of a millisecond, but Django spends longer than that
turning the queryset into SQL again: cloning it for ``filter(person_id__in=...)``, resolving the
lookups and compiling the joins and subqueries. ``ForFew`` does that work once per number of ids
(rounded up to a power of two, so a few variants serve every call) and then only sends the SQL with
the ids of the call, converting the rows as Django would (``results_iter``: dates from SQLite's
text, decimals, JSON).

The ids are found among the compiled query's parameters by compiling with placeholder ids that no
record has (negative); every other parameter stays as compiled. A query whose other parameters
change between calls (today's date) is built by a function of those values, and each distinct set
of values is compiled once (a few are kept).

A compiled query belongs to the connection it was compiled for: each thread has its own
connection, so each keeps its own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.query import ValuesListIterable
from django.db.models.sql.compiler import SQLCompiler

PLACEHOLDER_BASE = -(10**15)
"""Placeholder ids are ``PLACEHOLDER_BASE - i``: never a primary key, never another parameter."""
KEPT_VARIANTS = 32
"""Compiled variants kept per query and thread (sizes times distinct values of the other parameters)."""


@dataclass(frozen=True)
class Compiled:
    compiler: SQLCompiler
    sql: str
    params: tuple
    slots: tuple[tuple[int, int], ...]
    """(position in ``params``, index of the id) for every parameter that is an id."""

    def params_for(self, ids: Sequence[int]) -> list:
        params = list(self.params)
        for position, index in self.slots:
            params[position] = ids[index]
        return params


def padded(ids: Sequence[int]) -> list[int]:
    """The distinct ids, the last one repeated up to the next power of two: ``IN (7, 9, 9, 9)``
    selects what ``IN (7, 9)`` does, and sizes 3 and 4 share one compiled query."""
    distinct = list(dict.fromkeys(ids))
    size = 1
    while size < len(distinct):
        size *= 2
    return distinct + [distinct[-1]] * (size - len(distinct))


class ForFew:
    """A ``values_list`` query narrowed to a few ids (``field__in``), compiled once per size.

    ``build`` returns the query, called with the values given to ``rows`` after the ids (none for a
    fixed query); ``field`` is the lookup that holds the id (a person's, by default); ``limit``, if
    given, is the most rows it reads."""

    def __init__(self, build: Callable[..., QuerySet] | QuerySet, field: str = "person_id",
                 using: str = DEFAULT_DB_ALIAS, limit: int | None = None) -> None:
        self.build = build if callable(build) else (lambda: build)
        self.field = field
        self.using = using
        self.limit = limit
        self._local = threading.local()

    def of(self, ids: Sequence[int] | None, *values: Hashable) -> Iterable[tuple]:
        """The rows of these ids, or (``None``) the whole query, for a bulk pass to iterate."""
        return self.build(*values).all() if ids is None else self.rows(ids, *values)

    def rows(self, ids: Sequence[int], *values: Hashable) -> list[tuple]:
        """The query's rows for these ids (and values), as ``values_list`` gives them."""
        if not ids:
            return []
        ids = padded(ids)
        compiled = self._compiled(len(ids), values)
        connection = connections[self.using]
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, compiled.params_for(ids))
            fetched = cursor.fetchall()
        return list(compiled.compiler.results_iter(results=[fetched], tuple_expected=True))

    def _compiled(self, size: int, values: tuple) -> Compiled:
        kept: OrderedDict[tuple, Compiled] | None = getattr(self._local, "kept", None)
        if kept is None:
            kept = self._local.kept = OrderedDict()
        key = (size, values)
        compiled = kept.get(key)
        if compiled is None:
            compiled = kept[key] = self._compile(size, values)
            if len(kept) > KEPT_VARIANTS:
                kept.popitem(last=False)
        else:
            kept.move_to_end(key)
        return compiled

    def _compile(self, size: int, values: tuple) -> Compiled:
        queryset = self.build(*values)
        if queryset._iterable_class is not ValuesListIterable:
            raise TypeError("ForFew takes a values_list() query (tuples, not flat or named).")
        placeholders = [PLACEHOLDER_BASE - index for index in range(size)]
        narrowed = queryset.filter(**{f"{self.field}__in": placeholders})
        if self.limit is not None:
            narrowed = narrowed[: self.limit]
        compiler = narrowed.query.get_compiler(using=self.using)
        sql, params = compiler.as_sql()
        index_of = {placeholder: index for index, placeholder in enumerate(placeholders)}
        slots = tuple(
            (position, index_of[param]) for position, param in enumerate(params)
            if type(param) is int and param in index_of
        )
        if sorted(index for _, index in slots) != list(range(size)):
            raise ValueError(f"ForFew could not find the {size} ids among the parameters of: {sql}")
        return Compiled(compiler, sql, tuple(params), slots)
