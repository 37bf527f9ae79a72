"""How many dossiers a user may open, from the changes the database keeps per municipality
(``MunicipalityPersons``) rather than by counting them: the caseload's total without reading a large
municipality's fifty thousand index entries at every visit."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

from django.db import connection, transaction

from koers.access.models import User
from koers.access.query import municipal_reach
from koers.lib.prepared import ForFew
from koers.lib.sql import quote, table

from .models import MunicipalityPersons, Person

CHANGES = ForFew(MunicipalityPersons.objects.values_list("persons"), "municipality_id")
"""Compiled once (``ForFew``): the caseload asks it at every visit."""


def persons_in(municipality_ids: Collection[int]) -> int:
    """The number of dossiers registered in these municipalities: the sum of their kept changes."""
    return sum(persons for (persons,) in CHANGES.rows(sorted(municipality_ids)))


def visible_total(user: User) -> int | None:
    """The number of dossiers in ``visible_persons(user)``, when it reaches whole municipalities
    (``municipal_reach``): their kept numbers, plus the persons transferred into them who are still
    registered elsewhere. ``None`` when it reaches dossiers otherwise: then count them."""
    reach = municipal_reach(user)
    if reach is None:
        return None
    total = persons_in(reach.municipality_ids)
    if reach.transferred:
        elsewhere = Person.objects.filter(pk__in=reach.transferred).exclude(
            municipality_id__in=reach.municipality_ids
        )
        total += elsewhere.count()
    return total


def compact() -> int:
    """Sum each municipality's kept changes into one row (the nightly job); returns how many rows
    were summed. The rows are taken away and summed in one statement (``DELETE … RETURNING``), so a
    change appended meanwhile is either among them or stays as it is, and two runs at once each sum
    only the rows they took."""
    with transaction.atomic(), connection.cursor() as cursor:
        returned = f"{quote('municipality_id')}, {quote('persons')}"
        cursor.execute(f"DELETE FROM {table(MunicipalityPersons)} RETURNING {returned}")
        taken = cursor.fetchall()
        sums: Counter[int] = Counter()
        for municipality_id, persons in taken:
            sums[municipality_id] += persons
        MunicipalityPersons.objects.bulk_create(
            MunicipalityPersons(municipality_id=municipality_id, persons=persons)
            for municipality_id, persons in sorted(sums.items())
            if persons
        )
    return len(taken)
