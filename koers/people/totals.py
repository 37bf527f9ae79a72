"""How many dossiers a user may open, from the counts the database keeps per municipality
(``MunicipalityPersons``) rather than by counting them: the caseload's total without reading a large
municipality's fifty thousand index entries at every visit."""

from __future__ import annotations

from django.db.models import Q

from koers.access.models import User
from koers.access.query import municipal_reach
from koers.lib.prepared import ForFew

from .models import MunicipalityPersons, Person

KEPT = ForFew(MunicipalityPersons.objects.values_list("persons"), "municipality_id")
"""Compiled once (``ForFew``): the caseload asks it at every visit."""


def visible_total(user: User) -> int | None:
    """The number of dossiers in ``visible_persons(user)``, when it reaches whole municipalities
    (``municipal_reach``): their kept counts, plus the persons transferred into them who are still
    registered elsewhere. ``None`` when it reaches dossiers otherwise: then count them."""
    reach = municipal_reach(user)
    if reach is None:
        return None
    total = sum(persons for (persons,) in KEPT.rows(sorted(reach.municipality_ids)))
    if reach.transferred:
        elsewhere = Person.objects.filter(pk__in=reach.transferred).filter(
            ~Q(municipality_id__in=reach.municipality_ids)
        )
        total += elsewhere.count()
    return total
