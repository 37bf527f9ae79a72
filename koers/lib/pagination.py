"""Paginators for lists too long for Django's own: a search or a dossier's timeline, whose page
brings its total along, a list whose total is known beforehand, and a log, which is counted only up
to a cap.

Counting the matches of a search costs as much as finding them (on PostgreSQL both read the same
rows through the trigram index), so the page's own query carries the total as ``COUNT(*) OVER ()``
and no separate ``COUNT`` is asked; a dossier's timeline (tens or hundreds of events) is counted the
same way, a round trip fewer on every dossier page. Only when the page asked for lies past the last
one (no rows to carry the total) does the paginator count as Django's does. A long list that is not a
search (a caseload) keeps Django's paginator: there the page is read in index order and stops after
fifty rows, while a total in the same query would read every row.

A search's queries are planned for the words searched (``planned_per_call``), also when prepared."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

from koers.lib.filters import MAX_ID
from koers.lib.sql import planned_per_call

TOTAL = "total_found"


def wanted_page(number: str | int | None) -> int:
    """The page whose rows carry the total: the page asked for, or the first for anything but a
    positive whole number. ``Paginator.get_page`` reads a number below one as the last page, which
    is not known before the count; then the first page's rows carry the total and the last page is
    read after them."""
    try:
        wanted = int(number)
    except (TypeError, ValueError):
        return 1
    return max(wanted, 1)


class TotalWithPagePaginator(Paginator):
    """A paginator whose page brings the total along (``COUNT(*) OVER ()`` in the page's own query):
    one query instead of two, for a list whose every row is read to find a page anyway (a search)
    or that is small (a dossier's timeline)."""

    def __init__(self, object_list: QuerySet, per_page: int, wanted: str | int | None) -> None:
        super().__init__(object_list, per_page)
        self.wanted = wanted_page(wanted)
        self.wanted_rows: list | None = None

    def planned(self) -> AbstractContextManager:
        """How the page's queries are planned: as any other (prepared after a few calls)."""
        return nullcontext()

    @cached_property
    def count(self) -> int:
        bottom = (self.wanted - 1) * self.per_page
        if bottom + self.per_page > MAX_ID:
            # Past any page there can be, and past what the database takes as an offset.
            return self.object_list.count()
        counted = self.object_list.annotate(**{TOTAL: Window(Count("pk"))})
        with self.planned():
            rows = list(counted[bottom:bottom + self.per_page])
            if not rows:
                return self.object_list.count()
        self.wanted_rows = rows
        return getattr(rows[0], TOTAL)

    def page(self, number: int | str) -> Page:
        number = self.validate_number(number)
        if number == self.wanted and self.wanted_rows is not None:
            return self._get_page(self.wanted_rows, number, self)
        with self.planned():
            found = super().page(number)
            return self._get_page(list(found.object_list), number, self)


class SearchPaginator(TotalWithPagePaginator):
    """A search's page and total, planned for the words searched (``planned_per_call``)."""

    def planned(self) -> AbstractContextManager:
        return planned_per_call()


class KnownCountPaginator(Paginator):
    """A paginator given its total, counted some other way (``koers.people.totals``)."""

    def __init__(self, object_list: QuerySet, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count

    @property
    def count(self) -> int:
        return self.known_count


class CappedPaginator(Paginator):
    """A paginator for a list longer than anyone reads page by page, such as the audit log, whose
    rows for one municipality run into the millions. Counting them all would take longer than
    finding a page, so it counts at most ``cap`` rows (``capped`` says there are more): the pages
    end there, and the way further is a narrower selection."""

    def __init__(self, object_list: QuerySet, per_page: int, cap: int) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def found(self) -> int:
        return self.object_list[: self.cap + 1].count()

    @property
    def count(self) -> int:
        return min(self.found, self.cap)

    @property
    def capped(self) -> bool:
        return self.found > self.cap
