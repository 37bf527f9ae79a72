"""Money that is late is signalled: fixed costs of a month without a run (this month or the one before),
a run not sent to the bank by its execution date, and an advance not settled by its date (the
allowances it bridged are late). The dossier page and the run screens show it too."""

import datetime as dt
from decimal import Decimal

from koers.audit.models import Channel
from koers.lib import clock
from koers.lib.changes import ChangeContext
from koers.ontzorgen.advances import grant_advance, settle
from koers.ontzorgen.constants import AdvanceKind, SettlementKind
from koers.ontzorgen.deadlines import ADVANCE_OPEN, LATE_PAYMENT, compute
from koers.ontzorgen.runs import cancel_run, mark_sent, prepare_run

from .factories import ArrangementFactory, WithheldItemFactory

TODAY = dt.date(2026, 11, 25)
OCTOBER, NOVEMBER = dt.date(2026, 10, 1), dt.date(2026, 11, 1)


def by(tenant) -> ChangeContext:
    return ChangeContext(tenant.consultant, "test", Channel.UI)


def late(today=TODAY) -> set[tuple[int, dt.date, str]]:
    return {(d.person_id, d.due, d.reference) for d in compute(None, today) if d.kind == LATE_PAYMENT}


def sent_run(tenant, month):
    return mark_sent(run=prepare_run(municipality=tenant.municipality, month=month, by=by(tenant)).run, by=by(tenant))


def test_a_month_without_a_run_is_signalled_as_paid_late_until_the_run_is_sent(tenants, arrangement):
    WithheldItemFactory(arrangement=arrangement)
    person = tenants.a.person.pk
    assert late() == {(person, dt.date(2026, 9, 30), "betaalronde:2026-10"),
                      (person, dt.date(2026, 10, 31), "betaalronde:2026-11")}
    sent_run(tenants.a, OCTOBER)
    sent_run(tenants.a, NOVEMBER)
    assert late() == set()


def test_a_run_not_sent_by_its_execution_date_is_signalled(tenants, arrangement):
    WithheldItemFactory(arrangement=arrangement)
    sent_run(tenants.a, dt.date(2026, 9, 1))
    sent_run(tenants.a, OCTOBER)
    with clock.frozen(dt.date(2026, 10, 26)):
        run = prepare_run(municipality=tenants.a.municipality, month=NOVEMBER, by=by(tenants.a)).run
    assert run.execution_date == NOVEMBER
    assert late(dt.date(2026, 10, 31)) == set()
    [(person, due, _ref)] = late(NOVEMBER)
    assert (person, due) == (tenants.a.person.pk, NOVEMBER)
    detail = next(d.detail for d in compute(None, NOVEMBER) if d.kind == LATE_PAYMENT)
    assert detail.startswith("Betaalronde november 2026 niet verzonden naar de bank")
    mark_sent(run=run, by=by(tenants.a))
    assert late() == set()


def test_a_cancelled_run_leaves_the_month_unpaid(tenants, arrangement):
    WithheldItemFactory(arrangement=arrangement)
    sent_run(tenants.a, OCTOBER)
    run = prepare_run(municipality=tenants.a.municipality, month=NOVEMBER, by=by(tenants.a)).run
    cancel_run(run=run, reason="Verkeerde rekening", by=by(tenants.a))
    assert late() == {(tenants.a.person.pk, dt.date(2026, 10, 31), "betaalronde:2026-11")}


def test_households_with_nothing_to_pay_that_month_are_not_signalled(tenants, arrangement):
    WithheldItemFactory(arrangement=arrangement, valid_until=dt.date(2026, 9, 30))
    starting = ArrangementFactory(household=tenants.a.other_person.household, start=dt.date(2026, 11, 10))
    WithheldItemFactory(arrangement=starting)
    ArrangementFactory(household=tenants.b.person.household, start=dt.date(2026, 9, 1))
    assert late() == set()


def test_an_advance_not_settled_by_its_date_is_signalled_until_it_is(tenants, arrangement):
    advance = grant_advance(arrangement=arrangement, by=by(tenants.a), data={
        "kind": AdvanceKind.ADVANCE, "reason": "Huurtoeslag nog niet ontvangen", "amount": Decimal("300.00"),
        "paid_on": dt.date(2026, 9, 10), "settle_by": dt.date(2026, 12, 10), "instalment": None})

    def signalled(today):
        return [(d.due, d.detail) for d in compute(None, today) if d.kind == ADVANCE_OPEN]

    assert signalled(dt.date(2026, 11, 11)) == []
    assert signalled(TODAY) == [
        (dt.date(2026, 12, 10), "Voorschot op toeslagen van 10-09-2026: nog € 300,00 te verrekenen")]
    settle(advance=advance, by=by(tenants.a), data={
        "on": TODAY, "amount": Decimal("300.00"), "kind": SettlementKind.ALLOWANCE, "note": ""})
    assert signalled(TODAY) == []


def test_the_dossier_page_shows_what_is_late_and_the_run_list_marks_a_run_not_sent(tenants, client_as, arrangement):
    WithheldItemFactory(arrangement=arrangement)
    client = client_as(tenants.a.consultant)
    page = client.get(f"/personen/{tenants.a.person.pk}/ontzorgen/").content.decode()
    assert "Geld te laat" in page and "Geen betaalronde voor november 2026" in page
    sent_run(tenants.a, OCTOBER)
    run = prepare_run(municipality=tenants.a.municipality, month=NOVEMBER, by=by(tenants.a)).run
    assert "te laat: nog niet verzonden" in client.get("/ontzorgen/betaalrondes/").content.decode()
    assert "de vaste lasten worden te laat betaald" in client.get(
        f"/ontzorgen/betaalrondes/{run.pk}/").content.decode()
    mark_sent(run=run, by=by(tenants.a))
    assert "Geld te laat" not in client.get(f"/personen/{tenants.a.person.pk}/ontzorgen/").content.decode()
