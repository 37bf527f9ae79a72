"""Koers's session store (``koers.lib.sessions.SessionStore``) reads a session as Django's database store
does: back while it has not expired, and not at all when it has or when its key is unknown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from koers.lib.sessions import SessionStore

pytestmark = pytest.mark.django_db


def stored(data: dict) -> str:
    session = SessionStore()
    session.update(data)
    session.save()
    return session.session_key


def test_it_is_the_configured_engine():
    assert settings.SESSION_ENGINE == "koers.lib.sessions"


def test_a_stored_session_is_read_back_as_django_reads_it():
    key = stored({"_auth_user_id": "7", "word": "café ✓"})
    assert SessionStore(key).load() == DjangoStore(key).load() == {"_auth_user_id": "7", "word": "café ✓"}
    assert SessionStore(key).session_key == key


def test_an_expired_session_is_not_read_and_loses_its_key():
    key = stored({"_auth_user_id": "7"})
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    session = SessionStore(key)
    assert session.load() == {}
    assert session.session_key is None


@pytest.mark.parametrize("key", ["onbekend-maar-lang-genoeg", "x" * 40, "kort", "", None, "' OR 1=1 --abcdefgh"])
def test_an_unknown_or_malformed_key_reads_nothing(key):
    stored({"_auth_user_id": "7"})
    session = SessionStore(key)
    assert session.load() == {}
    assert session.session_key is None


def test_a_logged_in_client_stays_logged_in_through_the_store(client, django_user_model):
    user = django_user_model.objects.create_user("sessie", password="Een-lang-wachtwoord-2026")
    client.force_login(user)
    assert client.session.__class__ is SessionStore
    assert client.get("/").wsgi_request.user == user
