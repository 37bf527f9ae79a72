"""Fixtures for the begeleiding tests: a client logged in as a given user."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def client_as():
    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
