"""Endpoints for persons, households and timelines.

Every queryset starts from ``koers.access.query.visible_persons``: a dossier out of reach answers
404, never 403, and the attempt is logged as refused. Every read is logged through
``koers.audit.log.record`` with channel API, one entry per person read.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, status, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from koers.access.constants import DataCategory
from koers.access.query import can_edit, can_register_in, categories_for, visible_persons
from koers.audit.log import loggable_id, record, record_refused_read
from koers.audit.models import Action, Channel, Outcome
from koers.lib.apiviews import KoersApiMixin
from koers.lib.sql import planned_per_call
from koers.people.categories import shown_categories
from koers.people.changes import change_person
from koers.people.models import Household, HouseholdMember, Person, TimelineEvent
from koers.people.services import register_person

from . import schema  # noqa: F401 (registers the OpenAPI extension for PersonSerializer)
from .filters import PersonFilter, TimelineFilter
from .serializers import (
    HouseholdSerializer,
    PersonCreateSerializer,
    PersonSerializer,
    PersonUpdateSerializer,
    TimelineEventSerializer,
)

PURPOSE_PERSON_LIST = "API v1 GET /personen"
PURPOSE_PERSON_READ = "API v1 GET /personen/{id}"
PURPOSE_PERSON_CREATE = "API v1 POST /personen"
PURPOSE_PERSON_UPDATE = "API v1 PATCH /personen/{id}"
PURPOSE_TIMELINE = "API v1 GET /personen/{id}/tijdlijn"
PURPOSE_HOUSEHOLD_LIST = "API v1 GET /huishoudens"
PURPOSE_HOUSEHOLD_READ = "API v1 GET /huishoudens/{id}"

def log_reads(
    request: Request,
    action: Action,
    persons: Iterable[Person],
    categories: dict[int, frozenset[DataCategory]],
    purpose: str,
) -> None:
    """One audit entry per person, each with the categories shown of that person, in one INSERT."""
    record(
        user=request.user,
        action=action,
        persons=persons,
        categories=categories,
        purpose=purpose,
        channel=Channel.API,
        request=request,
    )


def person_queryset(request: Request) -> QuerySet[Person]:
    base = Person.objects.select_related("municipality", "consultant", "household_membership__household")
    return visible_persons(request.user, base.prefetch_related("assignments"))


def granted_categories(request: Request, persons: Iterable[Person]) -> dict[int, frozenset[DataCategory]]:
    return {p.pk: categories_for(request.user, p) for p in persons}


@extend_schema_view(
    list=extend_schema(summary="Personen zoeken", description="De dossiers die je mag inzien, op naam."),
    retrieve=extend_schema(summary="Een persoon inzien"),
    create=extend_schema(
        summary="Een persoon registreren (koppeling)",
        request=PersonCreateSerializer,
        responses={201: PersonSerializer},
    ),
    partial_update=extend_schema(
        summary="Contact-, adres- of fasegegevens wijzigen",
        request=PersonUpdateSerializer,
        responses={200: PersonSerializer},
    ),
)
class PersonViewSet(KoersApiMixin, viewsets.GenericViewSet):
    serializer_class = PersonSerializer
    filterset_class = PersonFilter

    def get_queryset(self) -> QuerySet[Person]:
        return person_queryset(self.request)

    def get_object(self) -> Person:
        try:
            return super().get_object()
        except Http404:
            purpose = PURPOSE_PERSON_UPDATE if self.request.method == "PATCH" else PURPOSE_PERSON_READ
            record_refused_read(self.request, purpose=purpose, channel=Channel.API, attempted=self.kwargs["pk"])
            raise

    def represent(
        self, persons: Person | list[Person], categories: dict[int, frozenset[DataCategory]], **kwargs
    ) -> dict | list:
        context = {**self.get_serializer_context(), "categories": categories}
        return self.get_serializer(persons, context=context, **kwargs).data

    def list(self, request: Request, *args, **kwargs) -> Response:
        with planned_per_call():  # a name search's plan depends on the name
            page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        categories = granted_categories(request, page)
        data = self.represent(page, categories, many=True)
        log_reads(request, Action.LIST, page, {pk: shown_categories(c) for pk, c in categories.items()},
                  PURPOSE_PERSON_LIST)
        return self.get_paginated_response(data)

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return Response(self.read(self.get_object(), PURPOSE_PERSON_READ))

    def read(self, person: Person, purpose: str) -> dict:
        categories = granted_categories(self.request, [person])
        data = self.represent(person, categories)
        log_reads(self.request, Action.READ, [person], {person.pk: shown_categories(categories[person.pk])},
                  purpose)
        return data

    def create(self, request: Request, *args, **kwargs) -> Response:
        allowed = can_register_in(request.user)
        if not allowed:
            raise PermissionDenied(_("Je rol mag geen personen registreren."))
        serializer = PersonCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        municipality = serializer.validated_data["municipality"]
        if municipality.pk not in allowed:
            raise PermissionDenied(
                _("Je mag geen personen registreren in de gemeente %(name)s: die valt buiten je werkgebied.")
                % {"name": municipality.name}
            )
        person = register_person(
            actor=request.user,
            data=dict(serializer.validated_data),
            channel=Channel.API,
            purpose=PURPOSE_PERSON_CREATE,
            request=request,
        )
        person = self.get_queryset().get(pk=person.pk)
        data = self.represent(person, granted_categories(request, [person]))
        location = reverse("person-detail", kwargs={"pk": person.pk}, request=request)
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": location})

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        person = self.get_object()
        if not can_edit(request.user, person):
            record(
                user=request.user,
                action=Action.UPDATE,
                persons=[person],
                purpose=PURPOSE_PERSON_UPDATE,
                channel=Channel.API,
                request=request,
                outcome=Outcome.REFUSED,
                detail="Geen recht om dit dossier te wijzigen",
            )
            raise PermissionDenied(_("Je mag dit dossier niet wijzigen."))
        serializer = PersonUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        change_person(
            actor=request.user,
            person=person,
            changes=serializer.validated_data,
            channel=Channel.API,
            purpose=PURPOSE_PERSON_UPDATE,
            request=request,
        )
        return Response(self.read(person, PURPOSE_PERSON_UPDATE))


@extend_schema(
    summary="Tijdlijn van een persoon",
    description="Nieuwste eerst; alleen gebeurtenissen van gegevenscategorieën die je mag zien.",
    parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH, description="Id van de persoon.")],
)
class TimelineView(KoersApiMixin, generics.ListAPIView):
    serializer_class = TimelineEventSerializer
    filterset_class = TimelineFilter

    def get_person(self) -> Person:
        person = person_queryset(self.request).filter(pk=loggable_id(self.kwargs["pk"])).first()
        if person is None:
            record_refused_read(
                self.request, purpose=PURPOSE_TIMELINE, channel=Channel.API, attempted=self.kwargs["pk"]
            )
            raise NotFound()
        return person

    def get_queryset(self) -> QuerySet[TimelineEvent]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular inspecting the view
            return TimelineEvent.objects.none()
        return self.person.timeline.filter(category__in=self.categories).select_related("actor")

    def list(self, request: Request, *args, **kwargs) -> Response:
        self.person = self.get_person()
        self.categories = categories_for(request.user, self.person)
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        data = self.get_serializer(page, many=True).data
        shown = frozenset(DataCategory(event.category) for event in page)
        log_reads(request, Action.READ, [self.person], {self.person.pk: shown}, PURPOSE_TIMELINE)
        return self.get_paginated_response(data)


@extend_schema_view(
    list=extend_schema(summary="Huishoudens", description="Huishoudens met minstens één persoon die je mag inzien."),
    retrieve=extend_schema(summary="Een huishouden inzien"),
)
class HouseholdViewSet(KoersApiMixin, viewsets.GenericViewSet):
    serializer_class = HouseholdSerializer

    def get_queryset(self) -> QuerySet[Household]:
        visible = visible_persons(self.request.user).filter(household_membership__household=OuterRef("pk"))
        members = HouseholdMember.objects.select_related("person").order_by("id")
        return (
            Household.objects.filter(Exists(visible))
            .select_related("municipality")
            .prefetch_related(Prefetch("members", queryset=members))
            .order_by("name", "id")
        )

    def get_object(self) -> Household:
        try:
            return super().get_object()
        except Http404:
            household_id = loggable_id(self.kwargs["pk"])
            if household_id is not None:
                # Only to name, in the log, whose household was asked for; nothing of it is shown.
                members = Person.objects.filter(household_membership__household_id=household_id)
                record_refused_read(self.request, purpose=PURPOSE_HOUSEHOLD_READ, channel=Channel.API, persons=members)
            raise

    def respond(self, households: list[Household], action: Action, purpose: str, many: bool) -> dict | list:
        visible_ids = set(
            visible_persons(self.request.user)
            .filter(household_membership__household__in=[h.pk for h in households])
            .values_list("pk", flat=True)
        )
        context = {**self.get_serializer_context(), "visible_person_ids": visible_ids}
        data = self.get_serializer(households if many else households[0], many=many, context=context).data
        persons = [m.person for h in households for m in h.members.all() if m.person_id in visible_ids]
        log_reads(self.request, action, persons, {p.pk: frozenset({DataCategory.IDENTITY}) for p in persons},
                  purpose)
        return data

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self.respond(page, Action.LIST, PURPOSE_HOUSEHOLD_LIST, many=True))

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        household = self.get_object()
        return Response(self.respond([household], Action.READ, PURPOSE_HOUSEHOLD_READ, many=False))
