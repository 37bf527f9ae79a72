"""The demo gets a newcomer who can log in to the portal, with an appointment ahead, and contact
details for its organisations; running it again changes nothing."""

from __future__ import annotations

from django.test import Client

from koers.begeleiding.models import Appointment
from koers.portaal.demo import DEMO_PHONE, add_demo_portaal
from koers.portaal.models import ContactDetails
from koers.portaal.session import PERSON_KEY

from .factories import last_code, trajectory_for


def test_the_demo_newcomer_can_log_in_and_has_an_appointment_ahead(tenants):
    trajectory_for(tenants.a.person, tenants.a.mb_worker)
    newcomer = add_demo_portaal(tenants.a.municipality, worker=tenants.a.mb_worker,
                                organisations=[tenants.a.team, tenants.a.mb_organisation])
    assert newcomer.name == tenants.a.person.full_name
    assert "/portaal/" in newcomer.instructions("http://127.0.0.1:8000/")
    client = Client()
    client.post("/portaal/inloggen/", {"address": DEMO_PHONE})
    client.post("/portaal/inloggen/code/", {"code": last_code()})
    assert client.session[PERSON_KEY] == tenants.a.person.pk
    html = client.get("/portaal/").content.decode()
    assert "Gesprek over uw plan" in html
    assert '<html lang="ar" dir="rtl">' in html
    assert ContactDetails.objects.filter(organisation=tenants.a.mb_organisation).exists()


def test_running_the_demo_twice_changes_nothing(tenants):
    trajectory_for(tenants.a.person, tenants.a.mb_worker)
    for _ in range(2):
        add_demo_portaal(tenants.a.municipality, worker=tenants.a.mb_worker, organisations=[tenants.a.team])
    assert Appointment.objects.filter(subject="Gesprek over uw plan").count() == 1
    assert ContactDetails.objects.count() == 1


def test_without_a_supported_person_there_is_no_demo_newcomer(tenants):
    assert add_demo_portaal(tenants.b.municipality, worker=tenants.b.mb_worker, organisations=[]) is None
