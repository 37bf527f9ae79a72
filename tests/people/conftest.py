"""Fixtures for the screens: a browser-like client logged in as a given user."""

from __future__ import annotations

import pytest
from django.db.models import Count
from django.test import Client

from koers.people.models import MunicipalityPersons, Person
from koers.people.totals import persons_in


@pytest.fixture
def client_as():
    """``client_as(user)``: a Django test client with that user logged in."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


HTMX = {"HTTP_HX_REQUEST": "true"}


def htmx_headers(target: str) -> dict[str, str]:
    return {**HTMX, "HTTP_HX_TARGET": target}


def kept() -> dict[int, int]:
    """The number of dossiers per municipality as the database keeps it (those with none left out)."""
    municipalities = set(MunicipalityPersons.objects.values_list("municipality_id", flat=True))
    return {m: n for m in municipalities if (n := persons_in({m}))}


def counted() -> dict[int, int]:
    """The number of dossiers per municipality, counted."""
    return dict(Person.objects.order_by().values_list("municipality_id").annotate(n=Count("id")))
