import pytest
from django.test import Client
from django.urls import reverse

from koers.audit.models import AuditEntry, Outcome
from koers.kwalitatief.models import InterviewRound, Theme, TopicList

from .factories import make_round

URL = reverse("kwalitatief:rounds")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_consultant_plans_a_round_and_gets_the_default_topic_lists(tenants):
    response = logged_in(tenants.a.consultant).post(URL, {
        "municipality": tenants.a.municipality.pk, "name": "Monitoring voorjaar", "starts_on": "01-03-2027",
        "ends_on": "30-04-2027",
    })
    created = InterviewRound.objects.get()
    assert response.status_code == 302 and response.url == reverse("kwalitatief:round", kwargs={"pk": created.pk})
    assert created.municipality == tenants.a.municipality
    assert TopicList.objects.filter(municipality=tenants.a.municipality).count() == 2
    assert Theme.objects.filter(municipality=tenants.a.municipality).exists()


def test_a_round_that_ends_before_it_begins_is_refused_and_nothing_is_stored(tenants):
    response = logged_in(tenants.a.consultant).post(URL, {
        "municipality": tenants.a.municipality.pk, "name": "Verkeerd om", "starts_on": "01-05-2027",
        "ends_on": "30-04-2027",
    })
    assert response.status_code == 400
    assert "kan niet eindigen voordat zij begint" in response.content.decode()
    assert not InterviewRound.objects.exists()


def test_a_consultant_cannot_plan_a_round_for_another_municipality(tenants):
    response = logged_in(tenants.a.consultant).post(URL, {
        "municipality": tenants.b.municipality.pk, "name": "Stiekem", "starts_on": "01-03-2027",
        "ends_on": "30-04-2027",
    })
    assert response.status_code == 400
    assert not InterviewRound.objects.exists()


@pytest.mark.parametrize("who", ["volunteer", "provider", "mb_worker"])
def test_roles_without_monitoring_get_no_screen(tenants, who):
    assert logged_in(getattr(tenants.a, who)).get(URL).status_code == 403


def test_the_analyst_sees_rounds_but_cannot_plan_one(tenants):
    make_round(tenants.a.consultant, tenants.a.municipality)
    client = logged_in(tenants.a.analyst)
    page = client.get(URL).content.decode()
    assert "Monitoring 2026" in page and "Nieuwe gespreksronde" not in page
    response = client.post(URL, {"municipality": tenants.a.municipality.pk, "name": "x", "starts_on": "01-03-2027",
                                 "ends_on": "30-04-2027"})
    assert response.status_code == 404
    assert InterviewRound.objects.count() == 1


def test_the_analyst_cannot_open_a_round_with_names(tenants):
    created = make_round(tenants.a.consultant, tenants.a.municipality)
    assert logged_in(tenants.a.analyst).get(reverse("kwalitatief:round", kwargs={"pk": created.pk})).status_code == 403


def test_municipality_b_neither_lists_nor_opens_a_round_of_a(tenants):
    created = make_round(tenants.a.consultant, tenants.a.municipality)
    client = logged_in(tenants.b.consultant)
    assert "Monitoring 2026" not in client.get(URL).content.decode()
    assert client.get(reverse("kwalitatief:round", kwargs={"pk": created.pk})).status_code == 404
    assert client.get(reverse("kwalitatief:report", kwargs={"pk": created.pk})).status_code == 404
    assert not AuditEntry.objects.filter(outcome=Outcome.ALLOWED, municipality_id=tenants.a.municipality.pk,
                                         username=tenants.b.consultant.username).exists()
