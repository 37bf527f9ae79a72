from __future__ import annotations

import datetime as dt
import uuid

import pytest

from koers.duo.models import Notification
from koers.lib import clock

from .notifications import DUO_SENDER_OIN, MUNICIPALITY_OIN, notification, post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("notify_token")]

PROBLEM_JSON = "application/problem+json"


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM_JSON
    assert response["API-Version"] == "1.8.0"
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    assert body["instance"] == "/duo/v1/notificaties"
    return body


def test_it_stores_a_valid_notification_before_answering_201(client):
    message_id = str(uuid.uuid4())

    response = post(client, notification(gebeurtenisId="SS102", bsn="999990019"), message_id=message_id)

    assert response.status_code == 201
    assert response["API-Version"] == "1.8.0"
    assert response["berichtId"] == message_id
    stored = Notification.objects.get()
    assert stored.message_id == uuid.UUID(message_id)
    assert (stored.event_code, stored.bsn) == ("SS102", "999990019")
    assert (stored.status, stored.attempts, stored.last_error) == (Notification.Status.RECEIVED, 0, "")
    assert (stored.sender_oin, stored.recipient_oin) == (DUO_SENDER_OIN, MUNICIPALITY_OIN)
    assert stored.payload["registratieDatumTijd"] == "2026-11-25T09:15:00+01:00"
    assert stored.received_at == clock.now()


def test_a_notification_with_only_a_v_nummer_is_accepted(client):
    body = notification(vNummer=1234567890)
    del body["bsn"]
    assert post(client, body).status_code == 201
    stored = Notification.objects.get()
    assert stored.bsn == ""
    assert stored.payload["vNummer"] == 1234567890


def test_it_takes_the_time_of_receipt_from_the_koers_clock(client):
    moment = dt.datetime(2027, 1, 4, 8, 0, tzinfo=dt.UTC)
    with clock.frozen(moment):
        post(client, notification())
    assert Notification.objects.get().received_at == moment


def test_it_refuses_a_missing_token_with_401_and_stores_nothing(client):
    response = client.post("/duo/v1/notificaties", data=notification(), content_type="application/json")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"] == "Bearer"
    assert not Notification.objects.exists()


def test_it_refuses_a_wrong_token(client):
    assert_problem(post(client, notification(), token="geraden"), 401)
    assert not Notification.objects.exists()


def test_it_refuses_everyone_when_no_token_is_configured(client, monkeypatch):
    monkeypatch.delenv("KOERS_DUO_NOTIFY_TOKEN")
    assert_problem(post(client, notification(), token=""), 401)


def test_it_names_every_invalid_field_in_a_400(client):
    response = post(client, {"gebeurtenisId": "ss 102", "bsn": "12345"})
    body = assert_problem(response, 400)
    names = {param["name"] for param in body["invalidParams"]}
    assert names == {"registratieDatumTijd", "gebeurtenisId", "bsn"}
    assert not Notification.objects.exists()


def test_it_refuses_invalid_headers(client):
    response = post(client, notification(), message_id="geen-uuid", bron="te-kort")
    body = assert_problem(response, 400)
    assert {param["name"] for param in body["invalidParams"]} == {"berichtId", "bron"}
    assert not Notification.objects.exists()


def test_it_answers_broken_json_with_a_400(client):
    body = assert_problem(post(client, b'{"gebeurtenisId": '), 400)
    assert body["invalidParams"][0]["name"] == "body"
    assert not Notification.objects.exists()


def test_it_answers_bytes_that_are_not_utf8_with_a_400(client):
    assert_problem(post(client, b"\xff\xfe\x00{"), 400)
    assert not Notification.objects.exists()


def test_it_answers_an_empty_body_with_a_400(client):
    assert_problem(post(client, b""), 400)


def test_it_answers_a_body_that_is_not_json_with_415(client):
    assert_problem(post(client, b"gebeurtenisId=SS102", content_type="text/plain"), 415)
    assert not Notification.objects.exists()


def test_it_allows_only_post(client):
    response = client.get("/duo/v1/notificaties")
    assert_problem(response, 405)
    assert response["Allow"] == "POST"


DUO_CERTIFICATE = f"CN=notificaties.duo.nl,O=Dienst Uitvoering Onderwijs,serialNumber={DUO_SENDER_OIN},C=NL"


def test_duos_client_certificate_passed_on_by_the_tls_terminator_authenticates(client, monkeypatch):
    monkeypatch.setenv("KOERS_DUO_NOTIFY_CERT_HEADER", "X-Client-Cert-Subject")
    response = post(client, notification(), token="", **{"X-Client-Cert-Subject": DUO_CERTIFICATE})
    assert response.status_code == 201
    assert Notification.objects.count() == 1


def test_a_certificate_of_another_organisation_than_the_sender_is_refused(client, monkeypatch):
    monkeypatch.setenv("KOERS_DUO_NOTIFY_CERT_HEADER", "X-Client-Cert-Subject")
    other = DUO_CERTIFICATE.replace(DUO_SENDER_OIN, "00000001234567890000")
    assert_problem(post(client, notification(), token="", **{"X-Client-Cert-Subject": other}), 401)
    assert not Notification.objects.exists()


def test_the_certificate_header_means_nothing_unless_it_is_configured(client):
    assert_problem(post(client, notification(), token="", **{"X-Client-Cert-Subject": DUO_CERTIFICATE}), 401)
    assert not Notification.objects.exists()


def test_a_sender_other_than_duo_is_refused_with_403(client, monkeypatch):
    monkeypatch.setenv("KOERS_DUO_OIN", DUO_SENDER_OIN)
    body = assert_problem(post(client, notification(), bron="00000001234567890000"), 403)
    assert "OIN van DUO" in body["detail"]
    assert not Notification.objects.exists()
    assert post(client, notification()).status_code == 201
