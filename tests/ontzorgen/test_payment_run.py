"""A payment run per municipality and month: made once, a snapshot, frozen once sent."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from koers.audit.models import Channel
from koers.lib.changes import ChangeContext
from koers.ontzorgen.constants import ItemKind, RunStatus
from koers.ontzorgen.models import PaymentLine, PaymentRun
from koers.ontzorgen.runs import cancel_run, items_due, mark_sent, prepare_run
from koers.ontzorgen.services import end_item
from koers.people.models import TimelineEvent

from .factories import WithheldItemFactory

DECEMBER = dt.date(2026, 12, 1)


def prepare(tenant, month=DECEMBER):
    return prepare_run(
        municipality=tenant.municipality,
        month=month,
        by=ChangeContext(tenant.consultant, "test", Channel.UI),
    )


def test_a_rerun_for_the_same_month_returns_the_existing_run(tenants, arrangement):
    WithheldItemFactory(arrangement=arrangement)
    first = prepare(tenants.a)
    again = prepare(tenants.a)
    assert first.created and not again.created
    assert again.run.pk == first.run.pk
    assert PaymentRun.objects.count() == 1 and PaymentLine.objects.count() == 1


def test_the_database_refuses_a_second_live_run_for_the_same_month(tenants, arrangement):
    WithheldItemFactory(arrangement=arrangement)
    run = prepare(tenants.a).run
    duplicate = PaymentRun(
        municipality=run.municipality,
        month=run.month,
        execution_date=run.execution_date,
        debtor_name="x",
        debtor_iban=run.debtor_iban,
        message_id="KOERS-dubbel",
        transaction_count=1,
        total=run.total,
        pain_xml=b"",
        csv="",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_a_cancelled_run_can_be_made_again_with_a_new_message_id(tenants, arrangement):
    WithheldItemFactory(arrangement=arrangement)
    first = prepare(tenants.a).run
    cancel_run(
        run=first, reason="Verkeerd bedrag huur", by=ChangeContext(tenants.a.consultant, "t", Channel.UI)
    )
    second = prepare(tenants.a)
    assert second.created and second.run.message_id != first.message_id
    first.refresh_from_db()
    assert (first.status, first.cancel_reason) == (RunStatus.CANCELLED, "Verkeerd bedrag huur")


def test_cancelling_needs_a_reason(tenants, arrangement):
    WithheldItemFactory(arrangement=arrangement)
    run = prepare(tenants.a).run
    with pytest.raises(ValidationError):
        cancel_run(run=run, reason="  ", by=ChangeContext(tenants.a.consultant, "t", Channel.UI))
    run.refresh_from_db()
    assert run.status == RunStatus.PREPARED


def test_a_run_sent_to_the_bank_is_frozen(tenants, arrangement):
    WithheldItemFactory(arrangement=arrangement)
    run = prepare(tenants.a).run
    mark_sent(run=run, by=ChangeContext(tenants.a.consultant, "t", Channel.UI))
    with pytest.raises(ValidationError):
        cancel_run(run=run, reason="Toch niet", by=ChangeContext(tenants.a.consultant, "t", Channel.UI))
    assert prepare(tenants.a).run.pk == run.pk
    assert TimelineEvent.objects.filter(
        person=tenants.a.person, title="Vaste lasten betaald voor december 2026"
    ).exists()


def test_later_changes_to_an_item_never_alter_a_past_run(tenants, arrangement):
    item = WithheldItemFactory(arrangement=arrangement, amount=Decimal("600.00"))
    run = prepare(tenants.a).run
    xml, csv = bytes(run.pain_xml), run.csv
    WithheldItemFactory(arrangement=arrangement, kind=ItemKind.WATER, amount=Decimal("20.00"))
    type(item).objects.filter(pk=item.pk).update(amount=Decimal("999.99"), payee_name="Andere verhuurder")
    run = PaymentRun.objects.get(pk=run.pk)
    assert (bytes(run.pain_xml), run.csv, run.total) == (xml, csv, Decimal("600.00"))
    assert [(line.amount, line.payee_name) for line in run.lines.all()] == [
        (Decimal("600.00"), item.payee_name)
    ]
    with pytest.raises(ValueError):
        run.lines.get().save()


def test_an_item_cannot_be_ended_before_a_month_already_in_a_run(tenants, arrangement):
    item = WithheldItemFactory(arrangement=arrangement)
    prepare(tenants.a)
    with pytest.raises(ValidationError, match="al opgenomen in de betaalronde van december 2026"):
        end_item(
            by=ChangeContext(tenants.a.consultant, "t", Channel.UI),
            item=item,
            valid_until=dt.date(2026, 11, 30),
        )
    item.refresh_from_db()
    assert item.valid_until is None


def test_a_run_pays_items_in_force_on_the_first_of_the_month_of_running_arrangements(tenants, arrangement):
    from tests.factories import HouseholdFactory

    from .factories import ArrangementFactory

    in_force = WithheldItemFactory(arrangement=arrangement)
    WithheldItemFactory(arrangement=arrangement, kind=ItemKind.WATER, valid_from=dt.date(2026, 12, 2))
    WithheldItemFactory(arrangement=arrangement, kind=ItemKind.ENERGY, valid_until=dt.date(2026, 11, 30))
    expired = ArrangementFactory(
        household=HouseholdFactory(municipality=tenants.a.municipality), start=dt.date(2026, 6, 1)
    )
    WithheldItemFactory(arrangement=expired)
    elsewhere = ArrangementFactory(household=tenants.b.person.household)
    WithheldItemFactory(arrangement=elsewhere)
    assert items_due(tenants.a.municipality, DECEMBER) == [in_force]


def test_six_months_of_ontzorgen_pay_six_months_whatever_the_start_day(tenants, arrangement):
    arrangement.start = dt.date(2026, 7, 15)
    arrangement.save()
    WithheldItemFactory(arrangement=arrangement)
    months = [dt.date(2026, m, 1) for m in range(7, 13)] + [dt.date(2027, 1, 1), dt.date(2027, 2, 1)]
    paid = [m for m in months if items_due(tenants.a.municipality, m)]
    assert paid == [dt.date(2026, m, 1) for m in range(8, 13)] + [dt.date(2027, 1, 1)]


def test_it_refuses_a_month_without_costs_or_without_an_account(tenants, arrangement):
    with pytest.raises(ValidationError, match="geen vaste lasten"):
        prepare(tenants.a)
    with pytest.raises(ValidationError, match="nog geen betaalrekening"):
        prepare(tenants.b)
    with pytest.raises(ValidationError, match="Kies een maand"):
        prepare(tenants.a, dt.date(2030, 1, 1))
    assert not PaymentRun.objects.exists()


def test_the_csv_for_the_benefits_system_lists_every_payment(tenants, arrangement):
    WithheldItemFactory(arrangement=arrangement, amount=Decimal("612.35"), reference="HUUR-1")
    run = prepare(tenants.a).run
    header, row = run.csv.splitlines()
    assert header.startswith("maand;huishouden;persoon;bsn;soort")
    assert row.split(";")[:5] == [
        "2026-12",
        arrangement.household.name,
        tenants.a.person.full_name,
        tenants.a.person.bsn,
        "huur",
    ]
    assert "612.35" in row.split(";")


def test_the_csv_leaves_the_bsn_out_when_the_municipality_says_so(tenants, arrangement):
    tenants.a.municipality.ontzorgen_account.__class__.objects.update(csv_includes_bsn=False)
    WithheldItemFactory(arrangement=arrangement)
    run = prepare(tenants.a).run
    assert tenants.a.person.bsn not in run.csv and not run.csv_has_bsn
