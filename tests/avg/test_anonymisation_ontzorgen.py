"""Anonymising a dossier with financieel ontzorgen removes the personal free text of the household's
arrangement down to the settlements of its advances and the files of its payment runs, and the name
of a payee that may be a private person, while every amount and payment reference stays and a company
paid for energy stays named."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Sum

from koers.audit.models import Channel
from koers.avg.anonymise import REMOVED, anonymise_due_dossiers
from koers.avg.export import person_export
from koers.avg.models import AnonymisationRun, RetentionPolicy
from koers.lib import clock
from koers.lib.changes import ChangeContext
from koers.ontzorgen.advances import grant_advance, settle
from koers.ontzorgen.constants import AdvanceKind, ItemKind, SettlementKind
from koers.ontzorgen.models import Advance, PaymentLine, PaymentRun, Settlement, WithheldItem
from koers.ontzorgen.runs import prepare_run
from tests.ontzorgen.factories import ArrangementFactory, PaymentAccountFactory, WithheldItemFactory

from .factories import closed_dossier

pytestmark = pytest.mark.django_db

CLOSED_ON = dt.date(2026, 11, 1)
LATER = dt.date(2029, 11, 2)
PERSONAL_NOTE = "Kwijtgescholden: mevrouw Haddad verloor haar baan bij bakkerij De Korenaar."


def dossier_with_ontzorgen(tenant):
    """A dossier closed on 1 November 2026 whose household had ontzorgen: rent paid to a private
    landlord, energy to a company, an advance settled partly by the allowance and partly remitted with
    a personal note, and the payment run for December."""
    RetentionPolicy.objects.create(municipality=tenant.municipality, years_after_closing=2)
    PaymentAccountFactory(municipality=tenant.municipality)
    person = closed_dossier(tenant.municipality, CLOSED_ON, family_name="Haddad")
    arrangement = ArrangementFactory(household=person.household, start=dt.date(2026, 9, 1))
    WithheldItemFactory(arrangement=arrangement, kind=ItemKind.RENT, payee_name="J.P. de Vries")
    WithheldItemFactory(arrangement=arrangement, kind=ItemKind.ENERGY, payee_name="Energie Noordzee",
                        amount=Decimal("134.00"))
    by = ChangeContext(tenant.consultant, "test", Channel.UI)
    advance = grant_advance(
        arrangement=arrangement,
        data={"kind": AdvanceKind.ADVANCE, "reason": "Zorgtoeslag nog niet ontvangen",
              "amount": Decimal("400.00"), "paid_on": dt.date(2026, 9, 10),
              "settle_by": dt.date(2026, 12, 10), "instalment": None},
        by=by,
    )
    for amount, kind, note in (("250.00", SettlementKind.ALLOWANCE, ""),
                               ("150.00", SettlementKind.REMISSION, PERSONAL_NOTE)):
        settle(advance=advance, data={"on": dt.date(2026, 11, 20), "amount": Decimal(amount), "kind": kind,
                                      "note": note}, by=by)
    prepare_run(municipality=tenant.municipality, month=dt.date(2026, 12, 1), by=by)
    return person


def amounts() -> dict[str, Decimal]:
    return {
        "items": WithheldItem.objects.aggregate(total=Sum("amount"))["total"],
        "advances": Advance.objects.aggregate(total=Sum("amount"))["total"],
        "settlements": Settlement.objects.aggregate(total=Sum("amount"))["total"],
        "lines": PaymentLine.objects.aggregate(total=Sum("amount"))["total"],
        "runs": PaymentRun.objects.aggregate(total=Sum("total"))["total"],
    }


def test_anonymising_removes_the_note_of_a_settlement_and_keeps_every_amount(tenants):
    dossier_with_ontzorgen(tenants.a)
    before = amounts()

    with clock.frozen(LATER):
        report = anonymise_due_dossiers()

    assert report.dossiers == 1
    assert not Settlement.objects.filter(note__contains="Haddad").exists()
    assert set(Settlement.objects.values_list("note", flat=True)) == {""}
    assert amounts() == before
    assert before["settlements"] == Decimal("400.00") and before["runs"] > 0
    assert AnonymisationRun.objects.get().removed["ontzorgen.Settlement"] == {"note": 1}


def test_a_company_paid_for_energy_stays_named_and_a_private_landlord_does_not(tenants):
    dossier_with_ontzorgen(tenants.a)

    with clock.frozen(LATER):
        anonymise_due_dossiers()

    for model in (WithheldItem, PaymentLine):
        payees = dict(model.objects.values_list("kind", "payee_name"))
        assert payees == {ItemKind.ENERGY: "Energie Noordzee", ItemKind.RENT: REMOVED}
        assert model.objects.get(kind=ItemKind.ENERGY).payee_iban.startswith("NL")
        assert model.objects.get(kind=ItemKind.RENT).payee_iban == REMOVED
    assert not PaymentLine.objects.filter(person_name__contains="Haddad").exists()


def test_the_export_of_a_dossier_holds_the_settlements_of_its_advances(tenants):
    person = dossier_with_ontzorgen(tenants.a)

    settlements = person_export(person)["records"]["ontzorgen.Settlement"]

    assert sorted(row["amount"] for row in settlements) == ["150.00", "250.00"]
    assert PERSONAL_NOTE in [row["note"] for row in settlements]


def test_the_files_of_a_payment_run_no_longer_name_the_anonymised_household(tenants):
    dossier_with_ontzorgen(tenants.a)
    run = PaymentRun.objects.get()
    assert "Haddad" in run.csv and b"J.P. de Vries" in bytes(run.pain_xml)
    energy_iban = WithheldItem.objects.get(kind=ItemKind.ENERGY).payee_iban
    bsn = run.lines.get(kind=ItemKind.RENT).bsn
    assert bsn in run.csv

    with clock.frozen(LATER):
        anonymise_due_dossiers()

    run.refresh_from_db()
    files = run.csv + bytes(run.pain_xml).decode()
    for personal in ("Haddad", "J.P. de Vries", bsn):
        assert personal not in files
    assert "Energie Noordzee" in files and energy_iban in files
    assert f"<MsgId>{run.message_id}</MsgId>" in files
    for line in run.lines.all():  # the references the bank statement is reconciled with
        assert f"<EndToEndId>{line.end_to_end_id}</EndToEndId>" in files
    assert "134.00" in run.csv
    assert AnonymisationRun.objects.get().removed["ontzorgen.PaymentRun"] == {"csv": 1, "pain_xml": 1}


def test_a_payment_run_of_other_households_keeps_its_files(tenants):
    dossier_with_ontzorgen(tenants.a)
    PaymentAccountFactory(municipality=tenants.b.municipality)
    other = ArrangementFactory(household=tenants.b.person.household, start=dt.date(2026, 9, 1))
    WithheldItemFactory(arrangement=other, kind=ItemKind.RENT, payee_name="Woonstichting Oost")
    by = ChangeContext(tenants.b.consultant, "test", Channel.UI)
    theirs = prepare_run(municipality=tenants.b.municipality, month=dt.date(2026, 12, 1), by=by).run
    files = (theirs.csv, bytes(theirs.pain_xml))

    with clock.frozen(LATER):
        anonymise_due_dossiers()

    theirs.refresh_from_db()
    assert (theirs.csv, bytes(theirs.pain_xml)) == files
