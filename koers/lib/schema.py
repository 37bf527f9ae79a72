"""OpenAPI generation for the Koers API: problem+json error responses on every operation and the
``API-Version`` response header, documented once here instead of on each view."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from .problem import CONTENT_TYPE, problem_title


class InvalidParamSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="Naam van de ongeldige parameter of het ongeldige veld.")
    code = serializers.CharField(help_text="Foutcode, bruikbaar voor een programma.")
    reason = serializers.CharField(help_text="Uitleg van de fout, in het Nederlands.")


class ProblemSerializer(serializers.Serializer):
    """Problem details (RFC 9457)."""

    type = serializers.CharField(help_text="URI van het soort probleem.")
    title = serializers.CharField(help_text="Korte omschrijving van het soort probleem.")
    status = serializers.IntegerField(help_text="HTTP-statuscode.")
    detail = serializers.CharField(help_text="Uitleg van dit geval.")
    instance = serializers.CharField(help_text="Pad van het verzoek waarin het probleem optrad.")


class ValidationProblemSerializer(ProblemSerializer):
    """Problem details (RFC 9457) of invalid input, with the fields and parameters at fault."""

    invalidParams = InvalidParamSerializer(  # noqa: N815 (field name as the Dutch API rules spell it)
        many=True,
        required=False,
        help_text="De ongeldige velden en parameters; ontbreekt als de invoer als geheel onleesbaar is.",
    )


API_VERSION_HEADER = OpenApiParameter(
    "API-Version",
    str,
    OpenApiParameter.HEADER,
    response=True,
    required=True,
    description="Volledige versie van de API (semantic versioning).",
)

_BODY_METHODS = {"POST", "PUT", "PATCH"}


class KoersAutoSchema(AutoSchema):
    def get_override_parameters(self) -> list:
        return [*super().get_override_parameters(), API_VERSION_HEADER]

    def _problem_codes(self) -> list[int]:
        has_body = self.method in _BODY_METHODS
        codes = []
        if has_body or self._is_list_view() or self.get_filter_backends() or self._takes_query():
            codes.append(400)
        codes += [401, 403, 404, 406]
        if has_body:
            codes.append(415)
        codes.append(500)
        return codes

    def _takes_query(self) -> bool:
        """Whether the operation documents query parameters of its own (as a serializer)."""
        return any(isinstance(parameter, serializers.Serializer) or
                   isinstance(parameter, type) and issubclass(parameter, serializers.Serializer)
                   for parameter in self.get_override_parameters())

    def _get_response_bodies(self, direction: str = "response") -> dict:
        responses = super()._get_response_bodies(direction)
        for code in self._problem_codes():
            if str(code) in responses:
                continue
            serializer = ValidationProblemSerializer if code == 400 else ProblemSerializer
            responses[str(code)] = self._get_response_for_code(
                OpenApiResponse(serializer, description=problem_title(code)),
                str(code),
                media_types=[CONTENT_TYPE],
                direction=direction,
            )
        return responses


class RejectUnknownFieldsExtension(OpenApiSerializerExtension):
    """Input serializers that refuse unknown fields say so: ``additionalProperties: false``."""

    target_class = "koers.lib.serializers.RejectUnknownFieldsMixin"
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        if direction == "request":
            schema["additionalProperties"] = False
        return schema
