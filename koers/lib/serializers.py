"""Serializer helpers for the API: camelCase field names over snake_case models."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .problem import camel


class CamelCaseModelSerializer(serializers.ModelSerializer):
    """A ModelSerializer whose ``Meta.fields`` name model fields in snake_case and whose JSON (and
    OpenAPI schema) names them in camelCase, as the Dutch API Design Rules ask."""

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = {}
        for name, field in super().get_fields().items():
            camel_name = camel(name)
            if camel_name != name and field.source is None:
                field.source = field._kwargs["source"] = name
            fields[camel_name] = field
        return fields


class RejectUnknownFieldsMixin:
    """Refuse input with fields the serializer does not know (a typo or a read-only field) instead
    of silently ignoring them; the OpenAPI schema says so with ``additionalProperties: false``."""

    def to_internal_value(self, data):
        unknown = {}
        if isinstance(data, dict):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            message = _("Dit veld bestaat niet of kan hier niet worden gewijzigd.")
            unknown = {name: [serializers.ErrorDetail(message, code="unknown_field")]
                       for name in sorted(set(data) - writable)}
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as error:
            if unknown and isinstance(error.detail, dict):
                raise serializers.ValidationError({**error.detail, **unknown}) from None
            raise
        if unknown:
            raise serializers.ValidationError(unknown)
        return value
