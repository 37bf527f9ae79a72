"""django-filter helpers for the API."""

from __future__ import annotations

import django_filters
from django import forms


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
