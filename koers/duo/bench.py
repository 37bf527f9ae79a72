"""The DUO exchange's benchmark (``koers bench duo``): notification ingest through the Notificatie
endpoint, and processing by the worker against an in-process DUO simulator.

It works on the dossiers in the database (``koers generate --persons N`` first) inside one
transaction that is rolled back at the end, so it leaves the database as it found it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid

from django.db import connection, transaction
from django.test import Client

from koers.duo import processing
from koers.duo.client import DuoClient, DuoConfig
from koers.duo.models import Notification
from koers.duo.seed import seed_from_koers
from koers.duo.simulator import DUO_OIN, Simulator
from koers.duo.transport import session_for
from koers.lib.bench import Bench, Benchmark
from koers.people.models import Person

CODES = ["SS199", "SS102", "SS131", "SS137", "SS127", "SS101"]
TOKEN = "koers-bench-duo"


class Rollback(Exception):
    """Ends the benchmark's transaction."""


def run(bench: Bench) -> None:
    try:
        with transaction.atomic():
            _measure(bench)
            raise Rollback
    except Rollback:
        bench.note("Database teruggezet: de benchmark laat niets achter.")


def _measure(bench: Bench) -> None:
    count = bench.options.get("sample", 200) * 10
    simulator = Simulator(seed=1)
    persons = seed_from_koers(simulator, limit=count)
    bench.note(f"Database: {connection.vendor}; {Person.objects.count():,} dossiers; de DUO-simulator kent "
               f"{persons:,} personen met een inburgeringsplicht, over wie de notificaties gaan")
    if not persons:
        bench.note("Geen inburgeringsplichtigen: maak ze eerst met `koers generate --persons N`.")
        return
    already = Notification.objects.order_by("-id").values_list("id", flat=True).first() or 0
    by_bsn = {p.bsn: p for p in Person.objects.filter(bsn__in=list(simulator.persons)).select_related("municipality")}
    bsns = sorted(by_bsn)
    client, previous = Client(), os.environ.get("KOERS_DUO_NOTIFY_TOKEN")
    os.environ["KOERS_DUO_NOTIFY_TOKEN"] = TOKEN
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    acknowledged = 0
    try:
        with bench.measure("notificaties ontvangen (endpoint)", count, unit="berichten"):
            for number in range(count):
                person = by_bsn[bsns[number % len(bsns)]]
                body = {"registratieDatumTijd": (start + dt.timedelta(seconds=number)).isoformat(),
                        "gebeurtenisId": CODES[number % len(CODES)], "bsn": person.bsn}
                response = client.post(
                    "/duo/v1/notificaties", data=json.dumps(body), content_type="application/json",
                    headers={"Authorization": f"Bearer {TOKEN}", "bron": DUO_OIN, "doel": person.municipality.oin,
                             "berichtId": str(uuid.uuid4())},
                )
                acknowledged += response.status_code == 201
    finally:
        if previous is None:
            os.environ.pop("KOERS_DUO_NOTIFY_TOKEN")
        else:
            os.environ["KOERS_DUO_NOTIFY_TOKEN"] = previous
    stored = Notification.objects.filter(id__gt=already).count()
    bench.note(f"  opgeslagen {stored:,} en bevestigd (201) {acknowledged:,} van {count:,}")
    session = session_for(simulator)

    def factory(oin: str) -> DuoClient:
        return DuoClient(DuoConfig(base_url="http://duo.simulator/v1", doel_oin=DUO_OIN), bron_oin=oin,
                         session=session)

    with bench.measure("notificaties verwerken (worker, DUO bevragen)", count, unit="berichten"):
        while processing.process_due(limit=500, client_factory=factory):
            pass
    processed = Notification.objects.filter(id__gt=already, status=Notification.Status.PROCESSED).count()
    bench.note(f"  verwerkt {processed:,}, DUO-verzoeken {simulator.requests_served:,}")


BENCHMARK = Benchmark("duo", "DUO-notificaties ontvangen en verwerken (met de DUO-simulator)", run)
