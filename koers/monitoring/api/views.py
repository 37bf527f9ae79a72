"""``/api/v1/kengetallen``: the dashboard's figures for other systems (the ministry, a region, an
evaluator). Aggregates only, small cells suppressed as on the dashboard, limited to the municipalities
the caller's grants let them monitor; another municipality is answered 404 and logged as refused."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from koers.audit.log import record, record_refused_read
from koers.audit.models import Action, Channel
from koers.lib import clock
from koers.lib.apiviews import KoersApiMixin

from ..access import PURPOSE, monitored_municipalities
from ..figures import Figure, registry, rows_of
from ..forms import default_period
from ..selection import Selection
from .serializers import (
    BREAKDOWNS,
    FILTERS,
    KengetalCellenSerializer,
    KengetalQuerySerializer,
    KengetalSerializer,
)

API_PURPOSE = f"{PURPOSE}: API v1 /kengetallen"


def describe(figure: Figure) -> dict:
    return {
        "code": figure.key,
        "titel": str(figure.title),
        "toelichting": str(figure.explanation),
        "maat": figure.measure.value,
        "perGemeente": figure.per_municipality,
    }


@extend_schema_view(
    list=extend_schema(
        summary="Kengetallen",
        description="De kengetallen van de monitoring (DOMAIN.md §4) die je kunt opvragen.",
        responses={200: KengetalSerializer(many=True)},
    ),
    retrieve=extend_schema(
        summary="Eén kengetal, in cellen",
        description=(
            "De cellen van één kengetal voor een periode, gemeente en uitsplitsing. Een cel van minder dan "
            "5 personen (of daaruit af te leiden) is afgeschermd: aantal en waarde zijn dan leeg."
        ),
        parameters=[KengetalQuerySerializer],
        responses={200: KengetalCellenSerializer},
    ),
)
class KengetalViewSet(KoersApiMixin, viewsets.GenericViewSet):
    lookup_field = "code"
    lookup_value_regex = "[a-z_]+"
    pagination_class = None
    filter_backends: list = []  # the query is validated by KengetalQuerySerializer
    serializer_class = KengetalSerializer

    def allowed(self) -> frozenset[int]:
        allowed = monitored_municipalities(self.request.user)
        if not allowed:
            raise PermissionDenied
        return allowed

    def list(self, request: Request) -> Response:
        self.allowed()
        return Response([describe(figure) for figure in registry.values()])

    def retrieve(self, request: Request, code: str) -> Response:
        allowed = self.allowed()
        figure = registry.get(code)
        if figure is None:
            raise NotFound
        query = KengetalQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        unknown = set(request.query_params) - set(KengetalQuerySerializer().fields)
        if unknown:
            raise ValidationError({name: "Onbekende parameter." for name in sorted(unknown)})
        selection = self.selection(query.validated_data, allowed)
        rows = rows_of(figure, selection)
        record(
            user=request.user,
            action=Action.READ,
            purpose=API_PURPOSE,
            channel=Channel.API,
            request=request,
            detail=f"{figure.key}: gemeenten {sorted(selection.municipality_ids)}",
            aggregate=True,
            municipality_id=next(iter(selection.municipality_ids))
            if len(selection.municipality_ids) == 1
            else None,
        )
        body = describe(figure) | {
            "gemeenten": sorted(selection.municipality_ids),
            "vanaf": selection.start,
            "tot": selection.end,
            "uitsplitsing": query.validated_data["uitsplitsing"],
            "filters": {name: query.validated_data[name] for name in FILTERS if name in query.validated_data},
            "cellen": [
                {
                    "groep": row.group,
                    "groepLabel": row.group_label,
                    "reeks": row.series,
                    "reeksLabel": row.series_label,
                    "afgeschermd": row.suppressed,
                    "aantal": row.people,
                    "waarde": row.value,
                }
                for row in rows
            ],
        }
        return Response(KengetalCellenSerializer(body).data)

    def selection(self, data: dict, allowed: frozenset[int]) -> Selection:
        chosen = data.get("gemeente")
        if chosen is not None and chosen not in allowed:
            record_refused_read(self.request, purpose=API_PURPOSE, channel=Channel.API)
            raise NotFound
        today = clock.today()
        first, last = default_period(today)
        return Selection(
            municipality_ids=frozenset({chosen}) if chosen is not None else allowed,
            start=data.get("vanaf") or first,
            end=data.get("tot") or last,
            today=today,
            breakdown=BREAKDOWNS[data["uitsplitsing"]],
            filters={key: data[name] for name, key in FILTERS.items() if name in data},
        )
