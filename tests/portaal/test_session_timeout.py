"""Like DigiD, the portal logs out after 15 idle minutes (on the Koers clock). A question typed
meanwhile survives: after logging in again the newcomer is back on the page with their text."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from koers.lib import clock
from koers.portaal.models import Question

from .factories import PHONE, last_code, with_address

QUESTION = "Wanneer krijg ik de toeslag voor de kinderopvang?"
NOON = dt.datetime(2026, 11, 25, 12, 0)


def logged_in(person) -> Client:
    with_address(person)
    client = Client()
    client.post("/portaal/taal/", {"language": "nl", "next": "/portaal/inloggen/"})
    client.post("/portaal/inloggen/", {"address": PHONE})
    client.post("/portaal/inloggen/code/", {"code": last_code()})
    return client


def at(minutes: int):
    from django.utils import timezone

    return clock.frozen(timezone.make_aware(NOON + dt.timedelta(minutes=minutes)))


def log_in_again(client: Client):
    client.post("/portaal/inloggen/", {"address": PHONE})
    return client.post("/portaal/inloggen/code/", {"code": last_code()})


def test_the_session_stays_while_the_newcomer_is_active(tenants):
    client = logged_in(tenants.a.person)
    for minutes in (10, 20, 30):
        with at(minutes):
            assert client.get("/portaal/plan/").status_code == 200


def test_after_fifteen_idle_minutes_the_portal_asks_to_log_in_again(tenants):
    client = logged_in(tenants.a.person)
    with at(16):
        response = client.get("/portaal/plan/")
        assert response.url == "/portaal/inloggen/"
        assert "U was een tijd niet actief." in client.get(response.url).content.decode()
        assert log_in_again(client).url == "/portaal/plan/"


def test_a_question_sent_after_the_timeout_is_kept_and_comes_back_after_logging_in(tenants):
    client = logged_in(tenants.a.person)
    client.get("/portaal/vraag/")
    with at(20):
        response = client.post("/portaal/vraag/", {"text": QUESTION},
                               HTTP_REFERER="http://testserver/portaal/vraag/")
        assert response.url == "/portaal/inloggen/"
        assert not Question.objects.exists()
        assert log_in_again(client).url == "/portaal/vraag/"
        page = client.get("/portaal/vraag/").content.decode()
    assert QUESTION in page
    assert "Wat u had ingevuld, staat er weer." in page
    assert QUESTION not in client.get("/portaal/vraag/").content.decode()  # once


def test_the_kept_text_goes_to_no_one_else(tenants):
    client = logged_in(tenants.a.person)
    with at(20):
        client.post("/portaal/vraag/", {"text": QUESTION})
        other = with_address(tenants.a.other_person, phone="06 9876 5432", email="ander@example.org")
        client.post("/portaal/inloggen/", {"address": other.phone})
        client.post("/portaal/inloggen/code/", {"code": last_code()})
        assert QUESTION not in client.get("/portaal/vraag/").content.decode()


def test_logging_out_forgets_the_kept_text(tenants):
    client = logged_in(tenants.a.person)
    with at(20):
        client.post("/portaal/vraag/", {"text": QUESTION})
        log_in_again(client)
        client.post("/portaal/uitloggen/")
        log_in_again(client)
        assert QUESTION not in client.get("/portaal/vraag/").content.decode()


def test_a_withdrawal_after_the_timeout_returns_to_the_consents_page(tenants):
    from koers.access.models import Consent

    consent = Consent.objects.get(person=tenants.a.person)
    client = logged_in(tenants.a.person)
    with at(20):
        client.post(f"/portaal/toestemming/{consent.pk}/intrekken/",
                    HTTP_REFERER="http://testserver/portaal/toestemming/")
        assert log_in_again(client).url == "/portaal/toestemming/"
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
