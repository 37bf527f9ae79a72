"""The dossier tab "Signalen": the person's running signals and their history, for those who may see
the dossier; another municipality gets a 404 and the attempt is logged."""

from __future__ import annotations

from koers.access.constants import DataCategory
from koers.audit.models import Action, AuditEntry, Outcome
from koers.signals.models import SignalStatus

from .factories import SignalFactory


def test_the_tab_shows_running_signals_and_who_resolved_earlier_ones(tenants, client_as):
    person = tenants.a.person
    SignalFactory(person=person, kind="inburgering.leerroute")
    SignalFactory(person=person, kind="inburgering.contact", category=DataCategory.CONTACT,
                  status=SignalStatus.RESOLVED, resolved_by=tenants.a.consultant, resolved_reason="Huisbezoek gedaan")
    response = client_as(tenants.a.consultant).get(f"/aandacht/dossier/{person.pk}/")
    html = response.content.decode()
    assert "Leerroute vaststellen (10 weken)" in html and "Huisbezoek gedaan" in html
    entry = AuditEntry.objects.get(action=Action.READ, person_id=person.pk)
    assert entry.categories == "contact,opleiding_werk"


def test_the_tab_of_another_municipality_is_a_logged_404(tenants, client_as):
    response = client_as(tenants.b.consultant).get(f"/aandacht/dossier/{tenants.a.person.pk}/")
    assert response.status_code == 404
    assert AuditEntry.objects.filter(outcome=Outcome.REFUSED, person_id=tenants.a.person.pk).exists()
