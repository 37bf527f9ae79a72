"""Helpers for the route's screen tests."""

from __future__ import annotations

from django.test import Client


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def route_url(person, key: str = "") -> str:
    return f"/personen/{person.pk}/inburgering/" + (f"{key}/" if key else "")
