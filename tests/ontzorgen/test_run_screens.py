"""The payment run screens: prepare a month, see its payments, cancel with a reason, mark as sent."""

from koers.ontzorgen.constants import RunStatus
from koers.ontzorgen.models import PaymentRun

from .factories import WithheldItemFactory


def prepare(client, tenant, month="2026-12"):
    return client.post("/ontzorgen/betaalrondes/", {"municipality": tenant.municipality.pk, "month": month})


def test_a_consultant_prepares_a_run_and_a_second_request_pays_nothing_twice(tenants, client_as, arrangement):
    WithheldItemFactory(arrangement=arrangement, payee_name="Woonstichting Vlietland")
    client = client_as(tenants.a.consultant)
    first = prepare(client, tenants.a)
    run = PaymentRun.objects.get()
    assert first.url == f"/ontzorgen/betaalrondes/{run.pk}/"
    second = prepare(client, tenants.a)
    assert second.url == first.url and PaymentRun.objects.count() == 1
    page = client.get(second.url).content.decode()
    assert "er is geen nieuwe gemaakt en niets dubbel betaald" in page
    assert "Woonstichting Vlietland" in page and "612,35" in page


def test_a_month_in_nonsense_is_refused_with_a_clear_message(tenants, client_as, arrangement):
    response = prepare(client_as(tenants.a.consultant), tenants.a, month="december")
    assert response.status_code == 400
    assert "Vul een maand in als jaar-maand" in response.content.decode()
    assert not PaymentRun.objects.exists()


def test_another_municipality_cannot_be_chosen(tenants, client_as, arrangement):
    WithheldItemFactory(arrangement=arrangement)
    response = prepare(client_as(tenants.b.consultant), tenants.a)
    assert response.status_code == 400
    assert not PaymentRun.objects.exists()


def test_cancelling_needs_a_reason_and_a_sent_run_cannot_be_cancelled(tenants, client_as, arrangement):
    WithheldItemFactory(arrangement=arrangement)
    client = client_as(tenants.a.consultant)
    prepare(client, tenants.a)
    run = PaymentRun.objects.get()
    refused = client.post(f"/ontzorgen/betaalrondes/{run.pk}/annuleren/", {"reason": ""})
    assert refused.status_code == 400 and "Er is 1 fout gevonden" in refused.content.decode()
    client.post(f"/ontzorgen/betaalrondes/{run.pk}/verzonden/")
    client.post(f"/ontzorgen/betaalrondes/{run.pk}/annuleren/", {"reason": "Te laat"})
    run.refresh_from_db()
    assert run.status == RunStatus.SENT and run.sent_by == tenants.a.consultant and not run.cancel_reason
