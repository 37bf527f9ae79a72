"""Fixtures for the screens: a browser-like client logged in as a given user."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def client_as():
    """``client_as(user)``: a Django test client with that user logged in."""

    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture
def api_client_for():
    """``api_client_for(user)``: an API client sending that user's token."""
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def make(user) -> APIClient:
        token, _ = Token.objects.get_or_create(user=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make
