"""Query parameters of the person and timeline lists (django-filter), named in camelCase."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from koers.access.constants import DataCategory
from koers.access.query import categories_for
from koers.lib.filters import IdFilter, StrictFilterSet
from koers.lib.text import search_key
from koers.people.constants import EventKind, Phase, TargetGroup
from koers.people.models import Person, TimelineEvent
from koers.people.validators import normalise_bsn


class PersonFilter(StrictFilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=200,
        label=_("Zoek op naam (hoofdletters en accenten maken niet uit; elk woord moet voorkomen)"),
    )
    bsn = django_filters.CharFilter(
        method="filter_bsn",
        max_length=20,
        label=_("BSN; vindt alleen dossiers waarvan je het BSN mag zien"),
    )
    dateOfBirth = django_filters.DateFilter(field_name="date_of_birth", label=_("Geboortedatum (JJJJ-MM-DD)"))
    phase = django_filters.ChoiceFilter(choices=Phase.choices, label=_("Fase"))
    targetGroup = django_filters.ChoiceFilter(  # noqa: N815
        field_name="target_group", choices=TargetGroup.choices, label=_("Doelgroep")
    )
    consultant = IdFilter(field_name="consultant_id", label=_("Id van de consulent"))
    municipality = django_filters.CharFilter(
        field_name="municipality__cbs_code", max_length=4, label=_("CBS-code van de gemeente")
    )

    class Meta:
        model = Person
        fields: list[str] = []

    def filter_search(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        for word in search_key(value).split():
            queryset = queryset.filter(search_name__contains=word)
        return queryset

    def filter_bsn(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        user = self.request.user
        candidates = queryset.filter(bsn=normalise_bsn(value)).prefetch_related("assignments")
        allowed = [p.pk for p in candidates if DataCategory.BSN in categories_for(user, p)]
        return queryset.filter(pk__in=allowed)


class TimelineFilter(StrictFilterSet):
    kind = django_filters.ChoiceFilter(choices=EventKind.choices, label=_("Soort gebeurtenis"))
    category = django_filters.ChoiceFilter(choices=DataCategory.choices, label=_("Gegevenscategorie"))

    class Meta:
        model = TimelineEvent
        fields: list[str] = []
