"""The log's allowed reads summed per local hour, municipality, user and person (``ReadsPerHour``),
and the reads of a period read from those sums and from the entries not yet summed.

A report over a month of a large municipality would otherwise count millions of entries: a
consultant's caseload page lists fifty persons, and lists them again at every visit. Each night the
days that have ended are summed, oldest first (``roll_up_ended_days``); a report reads the sums up to
the last summed day and the entries after it (at most a day or two), so it counts the same as from
the entries alone. The log's entries are written at the moment they happen, so a day that has ended
gets no new ones."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from itertools import islice

from django.db import transaction
from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.db.models.functions import ExtractHour, TruncDate
from django.utils import timezone

from koers.lib import clock

from .models import Action, AuditEntry, Outcome, ReadsPerHour, RolledUpDay

READS = (Action.READ, Action.LIST, Action.EXPORT)
BATCH = 5000
DAY = dt.timedelta(days=1)


def allowed_reads() -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(action__in=READS, outcome=Outcome.ALLOWED)


def rolled_through() -> dt.date | None:
    """The last day summed; every day before it is summed too."""
    return RolledUpDay.objects.aggregate(last=Max("day"))["last"]


def roll_up_day(day: dt.date) -> int:
    """Sum the allowed reads of ``day`` (again, if it was summed before); returns how many entries."""
    sums = (
        allowed_reads().filter(**clock.on_days("at", day, day)).annotate(hour=ExtractHour("at")).order_by()
        .values_list("hour", "municipality_id", "user_id", "username", "person_id")
        .annotate(reads=Count("pk"))
    )
    entries = 0
    with transaction.atomic():
        # The day's marker is locked first: a second run of the same day (a job taken over by another
        # worker after its lease ran out) waits for this one, then replaces its sums instead of adding
        # its own beside them.
        marker, _created = RolledUpDay.objects.select_for_update().get_or_create(
            day=day, defaults={"entries": 0}
        )
        ReadsPerHour.objects.filter(day=day).delete()
        rows = sums.iterator(chunk_size=BATCH)
        while batch := list(islice(rows, BATCH)):
            ReadsPerHour.objects.bulk_create(
                ReadsPerHour(day=day, hour=hour, municipality_id=municipality_id, user_id=user_id,
                             username=username, person_id=person_id, reads=reads)
                for hour, municipality_id, user_id, username, person_id, reads in batch
            )
            entries += sum(row[-1] for row in batch)
        marker.entries, marker.rolled_up_at = entries, clock.now()
        marker.save(update_fields=["entries", "rolled_up_at"])
    return entries


def roll_up_ended_days() -> int:
    """Sum every day that has ended and is not summed yet, oldest first (the nightly job); returns
    how many days."""
    last = rolled_through()
    if last is None:
        first = AuditEntry.objects.aggregate(first=Min("at"))["first"]
        if first is None:
            return 0
        day = timezone.localdate(first)
    else:
        day = last + DAY
    today = clock.today()
    done = 0
    while day < today:
        roll_up_day(day)
        day += DAY
        done += 1
    return done


@dataclass(frozen=True)
class PeriodReads:
    """The allowed reads of a period: the sums of the days summed, the entries of the days after.
    Both carry ``day``, ``hour``, ``municipality_id``, ``user_id``, ``username`` and ``person_id``."""

    summed: QuerySet[ReadsPerHour]
    entries: QuerySet[AuditEntry]

    def totals(self, by: tuple[str, ...], where: Q | None = None) -> Counter[tuple]:
        """The number of reads per value of the fields ``by``, of the reads that meet ``where``."""
        counts: Counter[tuple] = Counter()
        for source, measure in ((self.summed, Sum("reads")), (self.entries, Count("pk"))):
            chosen = source.filter(where) if where is not None else source
            for *key, n in chosen.order_by().values_list(*by).annotate(n=measure):
                counts[tuple(key)] += n
        return counts


def period_reads(start: dt.date, end: dt.date) -> PeriodReads:
    """The allowed reads from the day ``start`` up to and including ``end``."""
    through = rolled_through()
    summed_until = min(end, through) if through is not None and through >= start else None
    if summed_until is None:
        summed, first_unsummed = ReadsPerHour.objects.none(), start
    else:
        summed = ReadsPerHour.objects.filter(day__gte=start, day__lte=summed_until)
        first_unsummed = summed_until + DAY
    entries = allowed_reads().annotate(day=TruncDate("at"), hour=ExtractHour("at"))
    if first_unsummed <= end:
        entries = entries.filter(**clock.on_days("at", first_unsummed, end))
    else:
        entries = entries.none()
    return PeriodReads(summed=summed, entries=entries)
