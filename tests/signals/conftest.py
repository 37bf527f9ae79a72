"""Fixtures for the signal screens: ``client_as`` from the people tests."""

from tests.people.conftest import client_as  # noqa: F401
