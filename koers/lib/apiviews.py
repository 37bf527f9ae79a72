"""What every view of the Koers API shares: JSON in and out, problem+json errors (see
``koers.lib.problem``), strict pagination parameters, and an OpenAPI schema that documents them."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer

from .api import Pagination
from .parsers import StrictJSONParser
from .schema import KoersAutoSchema


class StrictPagination(Pagination):
    """Koers's pagination, refusing a ``page`` or ``pageSize`` that is not a whole number in range
    (400 with invalidParams) instead of silently using the default."""

    def _number(self, request, name: str, maximum: int | None = None) -> int | None:
        raw = request.query_params.get(name)
        if raw is None:
            return None
        try:
            value = int(raw)
        except ValueError:
            value = 0
        if value < 1 or (maximum is not None and value > maximum):
            limit = _("tussen 1 en %(max)d") % {"max": maximum} if maximum else _("vanaf 1")
            raise ValidationError({name: [_("Geef een geheel getal %(limit)s.") % {"limit": limit}]},
                                  code="invalid")
        return value

    def get_page_size(self, request) -> int:
        return self._number(request, self.page_size_query_param, self.max_page_size) or self.page_size

    def paginate_queryset(self, queryset, request, view=None):
        self._number(request, self.page_query_param)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": _("Paginanummer, vanaf 1."),
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": _("Aantal resultaten per pagina (standaard %(size)d).") % {"size": self.page_size},
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


class KoersApiMixin:
    renderer_classes = [JSONRenderer]
    parser_classes = [StrictJSONParser]
    pagination_class = StrictPagination
    schema = KoersAutoSchema()
