"""Advances on allowances and bridging loans are tracked until they are settled: by the allowance, by
instalments the payment run withholds from the benefit, or by remission; never more than is owed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from lxml import etree

from koers.audit.models import Channel
from koers.lib.changes import ChangeContext
from koers.ontzorgen.advances import balance, grant_advance, repayments_due, settle
from koers.ontzorgen.constants import AdvanceKind, SettlementKind
from koers.ontzorgen.models import Advance, RepaymentLine, Settlement
from koers.ontzorgen.runs import cancel_run, mark_sent, prepare_run
from koers.people.models import TimelineEvent

from .factories import WithheldItemFactory

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
OCTOBER, NOVEMBER, DECEMBER = dt.date(2026, 10, 1), dt.date(2026, 11, 1), dt.date(2026, 12, 1)


def by(tenant) -> ChangeContext:
    return ChangeContext(tenant.consultant, "test", Channel.UI)


def advance_data(**changes) -> dict:
    return {
        "kind": AdvanceKind.ADVANCE,
        "reason": "Zorgtoeslag nog niet ontvangen",
        "amount": Decimal("400.00"),
        "paid_on": dt.date(2026, 9, 10),
        "settle_by": dt.date(2026, 12, 10),
        "instalment": None,
    } | changes


def loan(tenants, arrangement, amount="300.00", instalment="100.00") -> Advance:
    return grant_advance(
        arrangement=arrangement,
        data=advance_data(kind=AdvanceKind.BRIDGING_LOAN, amount=Decimal(amount), instalment=Decimal(instalment)),
        by=by(tenants.a),
    )


def paid_back(tenants, advance, amount, kind=SettlementKind.ALLOWANCE, note="", on=dt.date(2026, 11, 20)):
    return settle(advance=advance, data={"on": on, "amount": Decimal(amount), "kind": kind, "note": note},
                  by=by(tenants.a))


def test_an_advance_stays_open_until_the_allowance_settles_it(tenants, arrangement):
    advance = grant_advance(arrangement=arrangement, data=advance_data(), by=by(tenants.a))
    assert balance(advance).outstanding == Decimal("400.00") and not balance(advance).is_settled
    paid_back(tenants, advance, "150.00")
    assert balance(advance).outstanding == Decimal("250.00")
    paid_back(tenants, advance, "250.00")
    assert balance(advance).is_settled
    titles = set(TimelineEvent.objects.filter(person=tenants.a.person).values_list("title", flat=True))
    assert {"Voorschot op toeslagen verstrekt: € 400,00", "Voorschot op toeslagen verrekend: € 250,00"} <= titles


def test_settling_more_than_is_open_is_refused_and_nothing_is_stored(tenants, arrangement):
    advance = grant_advance(arrangement=arrangement, data=advance_data(), by=by(tenants.a))
    with pytest.raises(ValidationError, match="Er staat nog € 400,00 open"):
        paid_back(tenants, advance, "400.01")
    assert not Settlement.objects.exists()


def test_a_remission_needs_its_reason(tenants, arrangement):
    advance = grant_advance(arrangement=arrangement, data=advance_data(), by=by(tenants.a))
    with pytest.raises(ValidationError, match="reden van de kwijtschelding"):
        paid_back(tenants, advance, "400.00", kind=SettlementKind.REMISSION)
    paid_back(tenants, advance, "400.00", kind=SettlementKind.REMISSION, note="Besluit B&W 2026-118")
    assert balance(advance).is_settled


@pytest.mark.parametrize(("changes", "message"), [
    ({"kind": AdvanceKind.BRIDGING_LOAN}, "Geef het bedrag dat elke maand wordt afgelost."),
    ({"instalment": Decimal("400.01")}, "De aflossing per maand is hoger dan het hele bedrag."),
    ({"paid_on": dt.date(2026, 8, 31)}, "binnen het arrangement"),
    ({"paid_on": dt.date(2026, 11, 26)}, "niet vooraf"),
    ({"settle_by": dt.date(2026, 9, 10)}, "De datum van verrekenen ligt na de datum van uitbetalen."),
    ({"amount": Decimal("0")}, "Zorg ervoor dat deze waarde minstens 0.01 is."),
])
def test_an_impossible_advance_is_refused_in_dutch_and_nothing_is_stored(tenants, arrangement, changes, message):
    with pytest.raises(ValidationError) as refused:
        grant_advance(arrangement=arrangement, data=advance_data(**changes), by=by(tenants.a))
    assert message in " ".join(refused.value.messages)
    assert not Advance.objects.exists()


def test_a_run_withholds_the_instalment_in_the_csv_never_in_the_payment_file(tenants, arrangement):
    rent = WithheldItemFactory(arrangement=arrangement, amount=Decimal("612.35"))
    loan(tenants, arrangement)
    run = prepare_run(municipality=tenants.a.municipality, month=DECEMBER, by=by(tenants.a)).run
    document = etree.fromstring(bytes(run.pain_xml))
    assert Decimal(document.xpath("string(//p:GrpHdr/p:CtrlSum)", namespaces=NS)) == rent.amount == run.total
    assert (run.transaction_count, run.repayment_total) == (1, Decimal("100.00"))
    repayment = run.csv.splitlines()[2].split(";")
    assert repayment[4:6] == ["aflossing", "Aflossing overbruggingslening van 10-09-2026"]
    assert repayment[6:9] == [run.debtor_name, run.debtor_iban, "100.00"]


def test_sending_the_run_settles_the_instalment_and_a_cancelled_run_settles_nothing(tenants, arrangement):
    WithheldItemFactory(arrangement=arrangement)
    advance = loan(tenants, arrangement)
    cancelled = prepare_run(municipality=tenants.a.municipality, month=DECEMBER, by=by(tenants.a)).run
    cancel_run(run=cancelled, reason="Verkeerde rekening", by=by(tenants.a))
    assert balance(advance).pending == 0 and not Settlement.objects.exists()
    run = prepare_run(municipality=tenants.a.municipality, month=DECEMBER, by=by(tenants.a)).run
    assert balance(advance).pending == Decimal("100.00")
    mark_sent(run=run, by=by(tenants.a))
    settlement = Settlement.objects.get()
    assert (settlement.amount, settlement.kind, settlement.run, settlement.on) == (
        Decimal("100.00"), SettlementKind.REPAYMENT, run, run.execution_date)
    assert balance(advance).outstanding == Decimal("200.00")


def test_the_runs_never_withhold_more_than_is_owed(tenants, arrangement):
    WithheldItemFactory(arrangement=arrangement)
    advance = loan(tenants, arrangement, amount="150.00", instalment="100.00")
    months = (OCTOBER, NOVEMBER, DECEMBER)
    runs = [prepare_run(municipality=tenants.a.municipality, month=m, by=by(tenants.a)).run for m in months]
    assert [r.repayment_total for r in runs] == [Decimal("100.00"), Decimal("50.00"), Decimal("0.00")]
    with pytest.raises(ValidationError, match="al in een betaalronde die nog niet is verzonden"):
        paid_back(tenants, advance, "1.00")
    for run in runs:
        mark_sent(run=run, by=by(tenants.a))
    assert balance(advance).is_settled and RepaymentLine.objects.count() == 2


def test_an_instalment_starts_the_month_after_the_payment_and_stops_with_ontzorgen(tenants, arrangement):
    WithheldItemFactory(arrangement=arrangement)
    grant_advance(arrangement=arrangement, data=advance_data(
        kind=AdvanceKind.BRIDGING_LOAN, paid_on=dt.date(2026, 11, 1), instalment=Decimal("50.00")), by=by(tenants.a))
    november = prepare_run(municipality=tenants.a.municipality, month=NOVEMBER, by=by(tenants.a)).run
    december = prepare_run(municipality=tenants.a.municipality, month=DECEMBER, by=by(tenants.a)).run
    assert (november.repayment_total, december.repayment_total) == (Decimal("0.00"), Decimal("50.00"))
    # Ontzorgen from 1 September 2026 runs through February 2027: no instalment is withheld after it.
    assert [amount for _advance, amount in repayments_due(tenants.a.municipality, dt.date(2027, 2, 1))] == [
        Decimal("50.00")]
    assert repayments_due(tenants.a.municipality, dt.date(2027, 3, 1)) == []


def test_balances_read_in_small_lists_equal_those_read_at_once(tenants, arrangement, monkeypatch):
    """The deadlines ask the balance of every advance in the country: more than one statement can name."""
    from django.db import connection

    from koers.lib import sql
    from koers.ontzorgen.advances import balances

    advances = [grant_advance(arrangement=arrangement, data=advance_data(amount=Decimal(f"{100 + n}.00")),
                              by=by(tenants.a)) for n in range(5)]
    for advance in advances[::2]:
        paid_back(tenants, advance, "60.00")
    at_once = balances(advances)
    named: list[int] = []

    def counted(execute, statement, params, many, context):
        named.append(len(params or ()))
        return execute(statement, params, many, context)

    monkeypatch.setattr(sql, "IN_LIST_SIZE", 2)
    with connection.execute_wrapper(counted):
        assert balances(advances) == at_once
    assert len(named) == 6 and max(named) <= 3
    assert [at_once[a.pk].outstanding for a in advances] == [
        Decimal("40.00"), Decimal("101.00"), Decimal("42.00"), Decimal("103.00"), Decimal("44.00")
    ]
