"""The route's forms: DUO's conditions for the offer and for MAP/PVT (with the verwijtbaar flag) are
checked before anything is saved as ready to send, their Dutch messages appear on the form, and only
the consultant may change the route."""

from __future__ import annotations

import datetime as dt

import pytest

from koers.audit.models import AuditEntry, Outcome
from koers.duo.models import OutboxMessage
from koers.inburgering.constants import Verwijtbaar
from koers.inburgering.models import Boete, Inburgeringsaanbod, OnderdeelResultaat
from koers.people.constants import TargetGroup

from .route_factories import InstellingFactory, route_ready
from .screens import logged_in, route_url

pytestmark = pytest.mark.django_db


def offer(instelling, **overrides) -> dict:
    return {
        "instelling": instelling.pk,
        "datum_inburgeringsaanbod": "01-09-2025",
        "verwachte_startdatum": "08-09-2025",
        "verwachte_einddatum": "08-09-2027",
        "planned_hours_per_week": "8",
    } | overrides


def test_a_valid_offer_is_saved_ready_to_send_and_on_the_timeline(tenants):
    route_ready(tenants.a.person)
    instelling = InstellingFactory(naam="Taalschool De Brug")
    response = logged_in(tenants.a.consultant).post(route_url(tenants.a.person, "aanbod"), offer(instelling))
    assert response.status_code == 302
    aanbod = Inburgeringsaanbod.objects.get()
    assert aanbod.sent_to_duo_at is None and aanbod.verwachte_einddatum == dt.date(2027, 9, 8)
    assert tenants.a.person.timeline.filter(title__startswith="Inburgeringsaanbod vastgelegd").exists()
    message = OutboxMessage.objects.get(message_type="inburgeringsaanbod")
    assert message.path_params == {"instellingsnummer": instelling.instellingsnummer}
    assert message.payload == {"indicatorAlfabetiseringsonderwijs": "NVT", "datumInburgeringsaanbod": "2025-09-01",
                               "verwachteStartdatumOpleiding": "2025-09-08", "verwachteEinddatumOpleiding": "2027-09-08"}


def test_an_offer_before_the_pip_shows_duos_message_and_saves_nothing(tenants):
    route_ready(tenants.a.person)
    instelling = InstellingFactory()
    response = logged_in(tenants.a.consultant).post(
        route_url(tenants.a.person, "aanbod"), offer(instelling, datum_inburgeringsaanbod="01-08-2025",
                                                     verwachte_startdatum="04-08-2025")
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "ligt vóór de dagtekening van het actuele PIP (15 augustus 2025)" in content
    assert "error-summary" in content
    assert not Inburgeringsaanbod.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_an_offer_for_a_family_migrant_is_refused_with_duos_message(tenants):
    tenants.a.person.target_group = TargetGroup.GEZIN
    tenants.a.person.save()
    route_ready(tenants.a.person)
    response = logged_in(tenants.a.consultant).post(route_url(tenants.a.person, "aanbod"),
                                                    offer(InstellingFactory()))
    assert "alleen worden doorgegeven voor een asielmigrant" in response.content.decode()
    assert not Inburgeringsaanbod.objects.exists()


def test_an_offer_at_a_school_without_keurmerk_is_refused(tenants):
    route_ready(tenants.a.person)
    response = logged_in(tenants.a.consultant).post(
        route_url(tenants.a.person, "aanbod"), offer(InstellingFactory(naam="Cursus Zonder", bow_keurmerk=False))
    )
    assert "Cursus Zonder heeft geen keurmerk van Blik op Werk" in response.content.decode()


def test_a_map_date_inside_the_term_with_a_verwijtbaar_flag_is_refused(tenants):
    route_ready(tenants.a.person)
    response = logged_in(tenants.a.consultant).post(
        route_url(tenants.a.person, "map"), {"date": "02-11-2026", "verwijtbaar": Verwijtbaar.JA}
    )
    assert response.status_code == 400
    assert "Geef dan geen verwijtbaarheid door" in response.content.decode()
    assert not OnderdeelResultaat.objects.exists()


def test_a_pvt_date_inside_the_term_is_saved_ready_to_send(tenants):
    route_ready(tenants.a.person)
    response = logged_in(tenants.a.consultant).post(route_url(tenants.a.person, "pvt"), {"date": "02-11-2026"})
    assert response.status_code == 302
    resultaat = OnderdeelResultaat.objects.get()
    assert (resultaat.soort, resultaat.date, resultaat.verwijtbaar) == ("pvt", dt.date(2026, 11, 2), "")
    assert OutboxMessage.objects.get().payload == {"datumOndertekeningPvt": "2026-11-02"}


def test_after_the_term_map_needs_the_verwijtbaar_flag(tenants):
    route_ready(tenants.a.person, termijn_start=dt.date(2023, 8, 15), termijn_end=dt.date(2026, 8, 15))
    client = logged_in(tenants.a.consultant)
    response = client.post(route_url(tenants.a.person, "map"), {"date": "02-11-2026"})
    assert "Geef aan of de overschrijding verwijtbaar is" in response.content.decode()
    response = client.post(route_url(tenants.a.person, "map"), {"date": "02-11-2026", "verwijtbaar": "Ja"})
    assert response.status_code == 302
    assert OnderdeelResultaat.objects.get().verwijtbaar == Verwijtbaar.JA
    assert OutboxMessage.objects.get().payload == {"datumEindgesprekMap": "2026-11-02", "verwijtbaar": "Ja"}


def test_a_fine_starts_with_a_warning_through_the_form(tenants):
    response = logged_in(tenants.a.consultant).post(
        route_url(tenants.a.person, "boete"),
        {"grond": "brede_intake", "facts": "Niet verschenen.", "warning_date": "01-11-2026"},
    )
    assert response.status_code == 302
    boete = Boete.objects.get()
    hearing = f"/personen/{tenants.a.person.pk}/inburgering/boetes/{boete.pk}/hoorzitting/"
    response = logged_in(tenants.a.consultant).post(hearing, {"hearing_date": "31-10-2026"})
    assert "niet vóór de waarschuwing" in response.content.decode()


@pytest.mark.parametrize("who", ["mb_worker", "volunteer", "provider", "team_lead"])
def test_only_the_consultant_changes_the_route(tenants, who):
    route_ready(tenants.a.person)
    user = getattr(tenants.a, who)
    response = logged_in(user).post(route_url(tenants.a.person, "pvt"), {"date": "02-11-2026"})
    assert response.status_code == 403
    assert not OnderdeelResultaat.objects.exists()
    assert AuditEntry.objects.filter(outcome=Outcome.REFUSED, person_id=tenants.a.person.pk).exists()


def test_a_consultant_of_another_municipality_gets_404(tenants):
    route_ready(tenants.a.person)
    response = logged_in(tenants.b.consultant).post(route_url(tenants.a.person, "pvt"), {"date": "02-11-2026"})
    assert response.status_code == 404
    assert not OnderdeelResultaat.objects.exists()
    assert AuditEntry.objects.get().outcome == Outcome.REFUSED


@pytest.mark.parametrize(
    "key", ["plicht", "verlenging", "vrijstelling", "ontheffing", "aanbod", "examen", "map", "pvt", "zroute", "boete"]
)
def test_every_route_form_opens_with_labels_and_logs_the_read(tenants, key):
    route_ready(tenants.a.person)
    response = logged_in(tenants.a.consultant).get(route_url(tenants.a.person, key))
    assert response.status_code == 200
    assert "<label" in response.content.decode() or "<legend" in response.content.decode()
    assert AuditEntry.objects.get().person_id == tenants.a.person.pk


def test_an_unknown_form_is_not_found(tenants):
    assert logged_in(tenants.a.consultant).get(route_url(tenants.a.person, "onbekend")).status_code == 404
