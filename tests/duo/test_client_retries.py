from __future__ import annotations

import pytest

from koers.duo.client import DuoError

from .clients import client_for
from .conftest import Reply

BSN = "999990019"


def test_it_retries_a_503_with_growing_waits_and_then_succeeds(stub_duo):
    stub_duo.answer(
        Reply(503, {"fouttekst": "Gepland onderhoud"}), Reply(500), Reply(200, {"gemeentecode": "0363", "pip": {"dagtekeningPip": "2026-01-05", "leerroute": "B"}})
    )
    client, sleeps = client_for(stub_duo.url)

    response = client.call("getPipByBsn", bsn=BSN)

    assert response.status == 200
    assert len(stub_duo.received) == 3
    assert sleeps == [0.5, 1.0]
    assert len({r.headers["berichtId"] for r in stub_duo.received}) == 1


def test_it_gives_up_after_the_last_retry_with_a_dutch_message(stub_duo):
    stub_duo.answer(*[Reply(503, {"fouttekst": "Gepland onderhoud"})] * 3)
    client, sleeps = client_for(stub_duo.url, retries=2)

    with pytest.raises(DuoError) as caught:
        client.call("getPipByBsn", bsn=BSN)

    assert len(stub_duo.received) == 3
    assert sleeps == [0.5, 1.0]
    assert caught.value.status == 503
    assert str(caught.value) == "DUO is tijdelijk niet beschikbaar (status 503). Gepland onderhoud"


def test_it_never_retries_a_400_and_passes_on_duos_fouttekst(stub_duo):
    fouttekst = "Datum dagtekening ligt voor de start van de inburgeringsplicht."
    stub_duo.answer(Reply(400, {"fouttekst": fouttekst}))
    client, sleeps = client_for(stub_duo.url)

    with pytest.raises(DuoError) as caught:
        client.call("postPipByBsn", bsn=BSN, body={"dagtekeningPip": "2020-01-01", "leerroute": "B"})

    assert len(stub_duo.received) == 1
    assert sleeps == []
    assert caught.value.status == 400
    assert caught.value.fouten == [fouttekst]
    assert "DUO weigerde het bericht (status 400)" in str(caught.value)


def test_it_reads_a_list_of_foutmeldingen(stub_duo):
    stub_duo.answer(Reply(403, [{"fouttekst": "Geen actuele PIP."}, {"fouttekst": "Niet uw inwoner."}]))
    client, _ = client_for(stub_duo.url)
    with pytest.raises(DuoError) as caught:
        client.call("deletePipByBsn", bsn=BSN)
    assert caught.value.fouten == ["Geen actuele PIP.", "Niet uw inwoner."]
    assert len(stub_duo.received) == 1


def test_a_slow_duo_gives_a_timeout_error_in_dutch(stub_duo):
    stub_duo.answer(Reply(200, {}, delay=1.0))
    client, sleeps = client_for(stub_duo.url, timeout=0.2)

    with pytest.raises(DuoError, match="DUO antwoordde niet binnen 0.2 seconden"):
        client.call("getPipByBsn", bsn=BSN)

    assert sleeps == []


def test_an_unreachable_duo_is_a_duo_error():
    client, _ = client_for("http://127.0.0.1:9/v1", timeout=0.5)
    with pytest.raises(DuoError, match="DUO is niet bereikbaar"):
        client.call("getPipByBsn", bsn=BSN)
