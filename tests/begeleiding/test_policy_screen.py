"""The functional administrator edits the MB policy on a screen: a preset fills the form, saving makes a
new version, invalid input shows Dutch errors and stores nothing; no other role gets in."""

import pytest

from koers.access.constants import Role
from koers.begeleiding.forms import PolicyForm
from koers.begeleiding.models import MbPolicy
from koers.begeleiding.presets import preset


def url(municipality) -> str:
    return f"/begeleiding/beleid/{municipality.pk}/"


def form_data(key: str, **changes) -> dict:
    data = PolicyForm.initial_for(preset(key).settings, key)
    data["final_interview"] = "on" if data["final_interview"] else ""
    return {k: v for k, v in {**data, **changes}.items() if v != ""}


def test_the_index_sends_an_administrator_of_one_municipality_to_its_policy(tenants, client_as):
    response = client_as(tenants.a.admin).get("/begeleiding/beleid/")
    assert response.status_code == 302
    assert response["Location"] == url(tenants.a.municipality)


def test_choosing_a_preset_fills_the_form_without_saving(tenants, client_as):
    response = client_as(tenants.a.admin).get(url(tenants.a.municipality), {"preset": "groningen"})
    assert response.status_code == 200
    assert "Woning zoeken via WoningNet en urgentie" in response.content.decode()
    assert MbPolicy.objects.filter(municipality=tenants.a.municipality).count() == 1  # the default, shown


def test_saving_the_form_creates_a_new_version(tenants, client_as):
    client = client_as(tenants.a.admin)
    client.get(url(tenants.a.municipality))
    response = client.post(url(tenants.a.municipality), form_data("woerden", capacity_per_worker=18))
    assert response.status_code == 302
    latest = MbPolicy.objects.filter(municipality=tenants.a.municipality).first()
    assert (latest.version, latest.preset, latest.created_by) == (2, "woerden", tenants.a.admin)
    assert latest.settings.capacity_per_worker == 18
    assert latest.settings.checklist == preset("woerden").settings.checklist


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"measurement_months": "3, 40"}, "binnen de standaardduur"),
        ({"measurement_months": "drie"}, "hele maanden"),
        ({"checklist": "Huurcontract zonder groep"}, "Regel 1"),
        ({"duration_months": "48"}, "standaardduur"),
    ],
)
def test_invalid_input_shows_a_dutch_error_and_stores_nothing(tenants, client_as, changes, message):
    client = client_as(tenants.a.admin)
    response = client.post(url(tenants.a.municipality), form_data("den_haag", **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert MbPolicy.objects.filter(municipality=tenants.a.municipality).count() <= 1


@pytest.mark.parametrize("role", [r for r in Role if r != Role.FUNCTIONAL_ADMIN])
def test_other_roles_may_not_edit_the_policy(tenants, client_as, role):
    client = client_as(tenants.a.user(role))
    assert client.get(url(tenants.a.municipality)).status_code == 403
    assert client.post(url(tenants.a.municipality), form_data("tholen")).status_code == 403


def test_an_administrator_of_b_cannot_reach_the_policy_of_a(tenants, client_as):
    client = client_as(tenants.b.admin)
    assert client.get(url(tenants.a.municipality)).status_code == 404
    assert client.post(url(tenants.a.municipality), form_data("tholen")).status_code == 404
    assert not MbPolicy.objects.filter(municipality=tenants.a.municipality).exists()
