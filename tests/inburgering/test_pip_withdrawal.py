"""Withdrawing a PIP at DUO (decided by mistake) only under DUO's rules for deleting a PIP: no term set and
no hours on the current offer. The version stays in the dossier as withdrawn, DUO gets the deletion, the
leerroute deadline runs again and the withdrawn version no longer counts as an earlier PIP."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from koers.audit.models import Action, AuditEntry, Outcome
from koers.duo.models import OutboxMessage
from koers.inburgering import deadlines
from koers.inburgering.constants import Leerroute, Niveau, PipStatus
from koers.inburgering.models import Urenregistratie
from koers.inburgering.pip import PipRefused, PipRulesBroken, decide, save_concept, withdraw
from koers.inburgering.rules.pip import PipCode
from koers.lib import clock
from koers.people.models import TimelineEvent

from .factories import InburgeringsplichtFactory
from .route_factories import AanbodFactory
from .screens import logged_in

PURPOSE = "Test"


@pytest.fixture
def decided(tenants):
    InburgeringsplichtFactory(person=tenants.a.person, leerroute_term_start=dt.date(2026, 10, 1))
    concept = save_concept(actor=tenants.a.consultant, person=tenants.a.person,
                           data={"leerroute": Leerroute.B1_ROUTE, "niveau": ""}, purpose=PURPOSE)
    return decide(actor=tenants.a.consultant, pip=concept, dagtekening=dt.date(2026, 11, 2), purpose=PURPOSE)


def leerroute_due(person) -> list[dt.date]:
    return [d.due for d in deadlines.compute([person.pk], clock.today()) if d.kind == deadlines.LEERROUTE]


def test_a_pip_decided_by_mistake_is_withdrawn_at_duo_and_kept_in_the_dossier(tenants, decided):
    person = tenants.a.person
    assert leerroute_due(person) == []

    withdraw(actor=tenants.a.consultant, pip=decided, reason="Vastgesteld voor de verkeerde persoon", purpose=PURPOSE)

    decided.refresh_from_db()
    assert decided.status == PipStatus.INGETROKKEN
    message = OutboxMessage.objects.get(person=person, message_type="pip_intrekken")
    assert (message.operation_id, message.payload) == ("deletePipByBsn", None)
    assert TimelineEvent.objects.filter(person=person, title="PIP versie 1 ingetrokken bij DUO",
                                        body="Vastgesteld voor de verkeerde persoon").exists()
    assert AuditEntry.objects.filter(action=Action.UPDATE, person_id=person.pk,
                                     detail__contains="ingetrokken").exists()
    assert leerroute_due(person) == [dt.date(2026, 12, 10)]


def test_a_withdrawn_pip_no_longer_counts_as_an_earlier_pip(tenants, decided):
    withdraw(actor=tenants.a.consultant, pip=decided, reason="Vergissing", purpose=PURPOSE)
    concept = save_concept(actor=tenants.a.consultant, person=tenants.a.person,
                           data={"leerroute": Leerroute.B1_ROUTE, "niveau": Niveau.A2}, purpose=PURPOSE)

    with pytest.raises(PipRulesBroken) as refused:
        decide(actor=tenants.a.consultant, pip=concept, dagtekening=dt.date(2026, 10, 20), purpose=PURPOSE)
    assert [v.code for v in refused.value.violations] == [PipCode.NIVEAU_A2_BIJ_EERSTE_PIP_B1_ROUTE]


def test_no_withdrawal_once_duo_set_the_term(tenants, decided):
    plicht = tenants.a.person.inburgeringsplicht
    plicht.termijn_start, plicht.termijn_end = dt.date(2026, 11, 2), dt.date(2029, 11, 2)
    plicht.save()

    with pytest.raises(PipRulesBroken) as refused:
        withdraw(actor=tenants.a.consultant, pip=decided, reason="Vergissing", purpose=PURPOSE)

    assert [v.code for v in refused.value.violations] == [PipCode.VERWIJDEREN_NA_VASTSTELLEN_TERMIJN]
    decided.refresh_from_db()
    assert decided.status == PipStatus.VASTGESTELD
    assert not OutboxMessage.objects.filter(message_type="pip_intrekken").exists()


def test_no_withdrawal_once_hours_of_the_current_offer_are_registered(tenants, decided):
    offer = AanbodFactory(person=tenants.a.person, datum_inburgeringsaanbod=dt.date(2026, 11, 3),
                          verwachte_startdatum=dt.date(2026, 11, 9), verwachte_einddatum=dt.date(2027, 11, 9))
    Urenregistratie.objects.create(person=tenants.a.person, aanbod=offer, period_start=dt.date(2026, 11, 9),
                                   period_end=dt.date(2026, 11, 20), hours_offered=Decimal(16),
                                   hours_attended=Decimal(12))

    with pytest.raises(PipRulesBroken) as refused:
        withdraw(actor=tenants.a.consultant, pip=decided, reason="Vergissing", purpose=PURPOSE)

    assert [v.code for v in refused.value.violations] == [PipCode.VERWIJDEREN_NA_REGISTRATIE_UREN]
    decided.refresh_from_db()
    assert decided.status == PipStatus.VASTGESTELD


def test_only_the_version_in_force_is_withdrawn(tenants, decided):
    withdraw(actor=tenants.a.consultant, pip=decided, reason="Vergissing", purpose=PURPOSE)
    with pytest.raises(PipRefused):
        withdraw(actor=tenants.a.consultant, pip=decided, reason="Nog eens", purpose=PURPOSE)
    assert OutboxMessage.objects.filter(message_type="pip_intrekken").count() == 1


def test_on_the_screen_a_reason_is_needed_and_duos_refusal_is_shown_in_dutch(tenants, decided):
    url = f"/personen/{tenants.a.person.pk}/plan/pip/{decided.number}/intrekken/"
    client = logged_in(tenants.a.consultant)
    assert client.post(url, {"reason": ""}).status_code == 400
    plicht = tenants.a.person.inburgeringsplicht
    plicht.termijn_start, plicht.termijn_end = dt.date(2026, 11, 2), dt.date(2029, 11, 2)
    plicht.save()

    response = client.post(url, {"reason": "Vergissing"})

    assert response.status_code == 400
    assert "Het PIP kan niet meer worden verwijderd: de inburgeringstermijn is al vastgesteld." in (
        response.content.decode()
    )
    decided.refresh_from_db()
    assert decided.status == PipStatus.VASTGESTELD


def test_on_the_screen_the_consultant_withdraws_and_others_cannot(tenants, decided):
    url = f"/personen/{tenants.a.person.pk}/plan/pip/{decided.number}/intrekken/"
    assert logged_in(tenants.b.consultant).post(url, {"reason": "x"}).status_code == 404
    assert logged_in(tenants.a.team_lead).post(url, {"reason": "x"}).status_code == 403
    assert AuditEntry.objects.filter(outcome=Outcome.REFUSED, user_id=tenants.b.consultant.pk).exists()
    decided.refresh_from_db()
    assert decided.status == PipStatus.VASTGESTELD

    response = logged_in(tenants.a.consultant).post(url, {"reason": "Vastgesteld voor de verkeerde persoon"})

    assert response.status_code == 302
    decided.refresh_from_db()
    assert decided.status == PipStatus.INGETROKKEN
