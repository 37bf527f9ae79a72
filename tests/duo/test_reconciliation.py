from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from koers.duo import reconcile
from koers.inburgering.constants import Doelgroepindeling, PlichtStatus
from koers.inburgering.models import Inburgeringsplicht

pytestmark = pytest.mark.django_db


def plicht(person, **overrides) -> Inburgeringsplicht:
    values = {"start_date": dt.date(2026, 3, 2), "doelgroep": Doelgroepindeling.ASIELSTATUSHOUDER, **overrides}
    return Inburgeringsplicht.objects.create(person=person, **values)


def test_it_lists_each_field_where_koers_and_duo_differ(duo_world):
    tenant = duo_world.koers.a
    plicht(tenant.person, status=PlichtStatus.VOLDAAN)
    duo_world.add(tenant.person)
    duo_world.simulator.emit(tenant.person.bsn, "SS102")
    plicht(tenant.other_person)
    duo_world.add(tenant.other_person)

    differences = list(reconcile.reconcile(tenant.municipality, duo_world.client(tenant.municipality.oin)))

    assert differences == [
        reconcile.Difference(tenant.person.bsn, "status", "voldaan", "lopend"),
        reconcile.Difference(tenant.person.bsn, "startdatum termijn", "", "2026-11-25"),
        reconcile.Difference(tenant.person.bsn, "einddatum termijn", "", "2029-11-25"),
    ]


def test_a_person_duo_does_not_know_is_a_difference_and_others_municipality_is_not_compared(duo_world):
    tenant = duo_world.koers.a
    plicht(tenant.person)
    duo_world.add(duo_world.koers.b.person)

    differences = list(reconcile.reconcile(tenant.municipality, duo_world.client(tenant.municipality.oin)))

    bsns = {d.bsn for d in differences}
    assert duo_world.koers.b.person.bsn not in bsns
    assert reconcile.Difference(tenant.person.bsn, "inburgeringsplicht", "ja", "nee") in differences


def test_the_command_refuses_an_unknown_municipality():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Geen gemeente"):
        call_command("duo-reconcile", "9999")


def test_the_command_asks_duo_over_http_and_prints_each_difference(duo_world, monkeypatch):
    import io
    import threading
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from koers.duo.simulator import DUO_OIN

    class Quiet(WSGIRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return None

    tenant = duo_world.koers.a
    plicht(tenant.person, status=PlichtStatus.VOLDAAN)
    duo_world.add(tenant.person)
    server = make_server("127.0.0.1", 0, duo_world.simulator, handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("KOERS_DUO_URL", f"http://127.0.0.1:{server.server_port}/v1")
    monkeypatch.setenv("KOERS_DUO_OIN", DUO_OIN)
    out = io.StringIO()
    try:
        call_command("duo-reconcile", tenant.municipality.cbs_code, stdout=out)
    finally:
        server.shutdown()
        server.server_close()

    lines = out.getvalue().splitlines()
    assert f"{tenant.person.bsn}\tstatus\tKoers: voldaan\tDUO: lopend" in lines
    assert lines[-1] == f"{len(lines) - 1} verschillen gevonden voor {tenant.municipality.name}."
    assert duo_world.simulator.requests_served >= len(reconcile.COMPARED)
