"""The portal speaks Dutch, English, Arabic (right to left), Tigrinya and Turkish; it starts in the
person's own language and a switch on every page changes it. The staff screens keep their two."""

from __future__ import annotations

import re

from django.conf import settings
from django.test import Client

from koers.portaal.session import PERSON_KEY

from .factories import PHONE, last_code, portal_client, with_address

PAGES = ("/portaal/", "/portaal/afspraken/", "/portaal/plan/", "/portaal/taken/", "/portaal/documenten/",
         "/portaal/contact/", "/portaal/vraag/")


def html_tag(client: Client, path: str = "/portaal/") -> str:
    return re.search(r"<html[^>]*>", client.get(path).content.decode()).group(0)


def test_the_login_page_is_dutch_by_default(db):
    assert html_tag(Client(), "/portaal/inloggen/") == '<html lang="nl" dir="ltr">'


def test_after_logging_in_the_portal_speaks_the_persons_own_language(tenants):
    with_address(tenants.a.person)
    client = Client()
    client.post("/portaal/inloggen/", {"address": PHONE})
    client.post("/portaal/inloggen/code/", {"code": last_code()})
    assert client.session[PERSON_KEY] == tenants.a.person.pk
    assert html_tag(client) == '<html lang="ar" dir="rtl">'


def test_a_language_chosen_before_logging_in_is_kept(tenants):
    with_address(tenants.a.person)
    client = Client()
    client.post("/portaal/taal/", {"language": "tr", "next": "/portaal/inloggen/"})
    client.post("/portaal/inloggen/", {"address": PHONE})
    client.post("/portaal/inloggen/code/", {"code": last_code()})
    assert html_tag(client) == '<html lang="tr" dir="ltr">'


def test_arabic_pages_are_right_to_left_and_translated(tenants):
    client = portal_client(tenants.a.person)
    client.post("/portaal/taal/", {"language": "ar", "next": "/portaal/"})
    html = client.get("/portaal/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "موعدك القادم" in html
    assert "Uw volgende afspraak" not in html


def test_every_page_has_the_language_switch(tenants):
    client = portal_client(tenants.a.person)
    for path in PAGES:
        html = client.get(path).content.decode()
        for code in ("nl", "en", "ar", "ti", "tr"):
            assert f'lang="{code}"' in html, (path, code)


def test_the_switch_changes_the_language_and_returns_to_the_page(tenants):
    client = portal_client(tenants.a.person)
    response = client.post("/portaal/taal/", {"language": "ti", "next": "/portaal/plan/"})
    assert response.url == "/portaal/plan/"
    html = client.get("/portaal/plan/").content.decode()
    assert '<html lang="ti" dir="ltr">' in html
    assert "ትግርኛ" in html
    assert "Mijn plan" not in html


def test_an_unknown_language_or_a_foreign_return_address_changes_nothing(tenants):
    client = portal_client(tenants.a.person)
    client.post("/portaal/taal/", {"language": "en", "next": "/portaal/"})
    response = client.post("/portaal/taal/", {"language": "xx", "next": "https://elders.example/"})
    assert response.url == "/portaal/"
    assert html_tag(client) == '<html lang="en" dir="ltr">'


def test_the_staff_screens_keep_dutch_and_english(tenants):
    assert [code for code, _ in settings.LANGUAGES] == ["nl", "en"]
    client = portal_client(tenants.a.person)
    client.post("/portaal/taal/", {"language": "ar", "next": "/portaal/"})
    client.force_login(tenants.a.consultant)
    assert '<html lang="nl">' in client.get("/personen/").content.decode()
