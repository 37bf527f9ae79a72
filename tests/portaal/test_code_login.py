"""Logging in with a one-time code sent to the registered phone number or e-mail address."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client

from koers.lib import clock
from koers.portaal.models import LoginCode, SentMessage
from koers.portaal.session import PERSON_KEY

from .factories import EMAIL, PHONE, last_code, with_address

NOON = dt.datetime(2026, 11, 25, 11, 0, tzinfo=dt.UTC)


@pytest.fixture
def person(tenants):
    return with_address(tenants.a.person)


def ask_code(client: Client, address: str, ip: str = "10.0.0.1"):
    return client.post("/portaal/inloggen/", {"address": address}, REMOTE_ADDR=ip)


def enter_code(client: Client, code: str):
    return client.post("/portaal/inloggen/code/", {"code": code})


def test_the_right_code_logs_the_newcomer_in(person):
    client = Client()
    assert ask_code(client, PHONE).url == "/portaal/inloggen/code/"
    response = enter_code(client, last_code())
    assert response.url == "/portaal/"
    assert client.session[PERSON_KEY] == person.pk
    assert client.get("/portaal/").status_code == 200


def test_the_phone_number_may_be_written_another_way(person):
    client = Client()
    ask_code(client, "+31 (6) 12-34-56-78".replace("(6)", "6"))
    assert SentMessage.objects.get().to == PHONE


def test_a_code_by_e_mail_goes_through_the_email_backend(person):
    client = Client()
    ask_code(client, EMAIL.upper())
    assert not SentMessage.objects.exists()
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    code = re.search(r"\b(\d{6})\b", message.body).group(1)
    assert enter_code(client, code).url == "/portaal/"


def test_a_mail_server_that_refuses_gives_a_clear_message_and_no_usable_code(person, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # the discard port: nothing listens
    client = Client()
    response = ask_code(client, EMAIL)
    assert response.status_code == 400
    assert "Wij konden de code nu niet versturen." in response.content.decode()
    assert not LoginCode.objects.filter(used_at__isnull=True).exists()
    assert client.get("/portaal/inloggen/code/").url == "/portaal/inloggen/"


def test_the_code_is_stored_only_as_a_hash(person):
    ask_code(Client(), PHONE)
    stored = LoginCode.objects.get()
    assert last_code() not in stored.code_hash
    assert len(stored.code_hash) == 64


def test_a_wrong_code_is_refused_and_says_how_many_tries_are_left(person):
    client = Client()
    ask_code(client, PHONE)
    wrong = f"{(int(last_code()) + 1) % 10**6:06d}"
    response = enter_code(client, wrong)
    assert response.status_code == 400
    assert "nog 4 keer" in response.content.decode()
    assert PERSON_KEY not in client.session


def test_the_code_works_until_just_before_ten_minutes(person):
    client = Client()
    with clock.frozen(NOON):
        ask_code(client, PHONE)
    with clock.frozen(NOON + dt.timedelta(minutes=9, seconds=59)):
        assert enter_code(client, last_code()).url == "/portaal/"


def test_the_code_expires_at_ten_minutes(person):
    client = Client()
    with clock.frozen(NOON):
        ask_code(client, PHONE)
    with clock.frozen(NOON + dt.timedelta(minutes=10)):
        response = enter_code(client, last_code())
    assert response.status_code == 400
    assert "ouder dan 10 minuten" in response.content.decode()
    assert PERSON_KEY not in client.session


def five_wrong_codes(client: Client) -> str:
    """Asks a code, enters a wrong one five times; answers the right one."""
    ask_code(client, PHONE)
    right = last_code()
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    for _ in range(5):
        enter_code(client, wrong)
    return right


def test_after_five_wrong_codes_even_the_right_code_is_refused(person):
    client = Client()
    response = enter_code(client, five_wrong_codes(client))
    assert "te vaak een verkeerde code" in response.content.decode()
    assert PERSON_KEY not in client.session


def test_the_tries_count_for_the_code_also_from_another_browser(person):
    first = Client()
    right = five_wrong_codes(first)
    second = Client()
    session = second.session
    session["portaal_pending"] = {"address": PHONE, "requested_at": clock.now().isoformat(), "tries": 0}
    session.save()
    assert "te vaak een verkeerde code" in enter_code(second, right).content.decode()


def test_a_code_is_used_only_once(person):
    client = Client()
    ask_code(client, PHONE)
    code = last_code()
    enter_code(client, code)
    other = Client()
    session = other.session
    session["portaal_pending"] = {"address": PHONE, "requested_at": clock.now().isoformat(), "tries": 0}
    session.save()
    assert enter_code(other, code).status_code == 400


def test_an_unknown_address_gets_the_same_answer_and_no_code(person):
    known, unknown = Client(), Client()
    known_answer = ask_code(known, PHONE)
    unknown_answer = ask_code(unknown, "06 9999 8888", ip="10.0.0.2")
    assert (known_answer.status_code, known_answer.url) == (unknown_answer.status_code, unknown_answer.url)
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    assert strip(known.get("/portaal/inloggen/code/").content.decode()) == strip(
        unknown.get("/portaal/inloggen/code/").content.decode())
    assert SentMessage.objects.count() == 1
    wrong_known = enter_code(known, "000000" if last_code() != "000000" else "111111").content.decode()
    wrong_unknown = enter_code(unknown, "000000").content.decode()
    assert strip(wrong_known) == strip(wrong_unknown)


def test_an_address_shared_by_two_persons_gets_no_code(tenants, person):
    with_address(tenants.a.other_person)
    ask_code(Client(), PHONE)
    assert not SentMessage.objects.exists()
    assert not mail.outbox


def test_requests_are_limited_per_address(person):
    for number in range(3):
        ask_code(Client(), PHONE, ip=f"10.0.1.{number}")
    response = ask_code(Client(), PHONE, ip="10.0.1.9")
    assert response.status_code == 400
    assert "te vaak een code gevraagd" in response.content.decode()
    assert SentMessage.objects.count() == 3


def test_requests_are_limited_per_ip_address(person):
    for number in range(10):
        ask_code(Client(), f"06 5555 00{number:02d}")
    response = ask_code(Client(), PHONE)
    assert "te vaak een code gevraagd" in response.content.decode()
    assert not SentMessage.objects.exists()


def test_the_limit_is_lifted_after_a_quarter_of_an_hour(person):
    with clock.frozen(NOON):
        for _ in range(3):
            ask_code(Client(), PHONE)
    with clock.frozen(NOON + dt.timedelta(minutes=15, seconds=1)):
        assert ask_code(Client(), PHONE).status_code == 302
    assert SentMessage.objects.count() == 4


def test_something_that_is_no_address_gets_a_clear_error_and_nothing_is_stored(person):
    response = ask_code(Client(), "abc")
    assert response.status_code == 400
    assert "geen telefoonnummer of e-mailadres" in response.content.decode()
    assert not LoginCode.objects.exists()


def test_the_code_page_without_a_request_goes_back_to_the_login(db):
    assert Client().get("/portaal/inloggen/code/").url == "/portaal/inloggen/"


def test_logging_out_ends_the_portal_session(person):
    client = Client()
    ask_code(client, PHONE)
    enter_code(client, last_code())
    client.post("/portaal/uitloggen/")
    assert client.get("/portaal/").url == "/portaal/inloggen/"
