"""django-filter helpers for the API."""

from __future__ import annotations

import django_filters
from django import forms
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

# The largest value a database id (a 64-bit integer) holds.
MAX_ID = 2**63 - 1


class StrictFilterSet(django_filters.FilterSet):
    """A FilterSet in which a query parameter that is given must have a value: ``?phase=`` is an
    error (400 with invalidParams), not a silent "no filter"."""

    @property
    def form(self) -> forms.Form:
        if not hasattr(self, "_form"):
            form = super().form
            for name, field in form.fields.items():
                if name in self.data:
                    field.required = True
        return self._form


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """A database id: a whole number from 1 to the largest 64-bit integer, so that a huge value is a 400
    (invalidParams) instead of an overflow in the database."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)
