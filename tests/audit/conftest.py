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
