"""``/api/v1/urenregistraties``: language providers report the hours their students followed.

Reading lists the hours of the persons the user may see with the category "opleiding en werk".
Writing is for a language provider, only for persons with an active assignment of its organisation
and only on an offer at its own institution; anyone else gets 404 for a person out of reach (logged
as refused) or 403. A repeat for the same person, offer and period replaces the figures (200 instead
of 201) and lands on the timeline.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from koers.access.query import categories_for, visible_persons
from koers.audit.log import record, record_refused_read
from koers.audit.models import Action, Channel
from koers.lib.apiviews import KoersApiMixin
from koers.lib.filters import IdFilter, StrictFilterSet

from ..models import Urenregistratie
from ..route import OFFER_CATEGORY, provider_organisations
from ..uren import HoursReport, offer_for, provider_students, report_hours
from .serializers import UrenregistratieInputSerializer, UrenregistratieSerializer

PURPOSE_LIST = "API v1 GET /urenregistraties"
PURPOSE_CREATE = "API v1 POST /urenregistraties"

INPUT_NAMES = {
    "period_start": "periodStart",
    "period_end": "periodEnd",
    "hours_offered": "hoursOffered",
    "hours_attended": "hoursAttended",
    "hours_absent_excused": "hoursAbsentExcused",
    "aanbod": "aanbod",
}


class UrenregistratieFilter(StrictFilterSet):
    person = IdFilter(field_name="person_id", label="Id van de persoon")

    class Meta:
        model = Urenregistratie
        fields: list[str] = []


@extend_schema_view(
    list=extend_schema(summary="Gevolgde uren", description="Uren van de personen die je mag inzien."),
    create=extend_schema(
        summary="Gevolgde uren doorgeven (taalaanbieder)",
        request=UrenregistratieInputSerializer,
        responses={200: UrenregistratieSerializer, 201: UrenregistratieSerializer},
    ),
)
class UrenregistratieViewSet(KoersApiMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = UrenregistratieSerializer
    filterset_class = UrenregistratieFilter

    def get_queryset(self) -> QuerySet[Urenregistratie]:
        persons = visible_persons(self.request.user).values("pk")
        return Urenregistratie.objects.filter(person__in=persons).select_related("person").order_by(
            "person_id", "-period_start", "-id"
        )

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        persons = {r.person_id: r.person for r in page}
        allowed = {pk for pk, person in persons.items() if OFFER_CATEGORY in categories_for(request.user, person)}
        shown = [r for r in page if r.person_id in allowed]
        record(user=request.user, action=Action.LIST, persons=[persons[pk] for pk in sorted(allowed)],
               categories=[OFFER_CATEGORY], purpose=PURPOSE_LIST, channel=Channel.API, request=request)
        return self.get_paginated_response(self.get_serializer(shown, many=True).data)

    def create(self, request: Request, *args, **kwargs) -> Response:
        if not provider_organisations(request.user):
            raise PermissionDenied(_("Alleen een taalaanbieder geeft uren door."))
        data = UrenregistratieInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        person = provider_students(request.user).filter(pk=values["person"]).first()
        if person is None:
            record_refused_read(request, purpose=PURPOSE_CREATE, channel=Channel.API, attempted=values["person"])
            raise NotFound(_("Deze persoon is geen cursist van jouw organisatie."))
        report = HoursReport(values["periodStart"], values["periodEnd"], values["hoursOffered"],
                             values["hoursAttended"], values["hoursAbsentExcused"], values["absenceNote"])
        try:
            aanbod = offer_for(request.user, person, values.get("aanbod"))
            result = report_hours(actor=request.user, person=person, aanbod=aanbod, report=report,
                                  channel=Channel.API, purpose=PURPOSE_CREATE, request=request)
        except DjangoValidationError as error:
            raise ValidationError(
                {INPUT_NAMES.get(field, field): messages for field, messages in error.message_dict.items()}
            ) from None
        body = UrenregistratieSerializer(result.registration).data
        return Response(body, status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK)
