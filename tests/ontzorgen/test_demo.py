"""The demo gives asylum households realistic arrangements, and the demo municipality's payment file
validates against the pain.001 schema."""

import datetime as dt
from pathlib import Path

import pytest
import sepaxml
import xmlschema
from django.core.management import call_command
from stdnum import iban

from koers.access.models import Municipality
from koers.audit.models import Channel
from koers.lib.changes import ChangeContext
from koers.ontzorgen.advances import balances
from koers.ontzorgen.constants import AdvanceKind, RunStatus
from koers.ontzorgen.deadlines import LATE_PAYMENT, compute
from koers.ontzorgen.demo import DEMO_BANK, give_demo_arrangements
from koers.ontzorgen.models import Advance, Arrangement, PaymentRun, WithheldItem
from koers.ontzorgen.runs import prepare_run
from koers.synthetic.demo import set_up_demo
from tests.once import made_once

SEPAXML_XSD = Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.03.xsd"
TODAY = dt.date(2026, 11, 25)

pytestmark = pytest.mark.django_db


def _demo_municipality() -> Municipality:
    set_up_demo(120)
    return Municipality.objects.get(cbs_code="1916")


demo = made_once("demo", _demo_municipality)


def test_the_demo_gives_the_demo_municipality_arrangements(demo):
    assert Arrangement.objects.filter(household__municipality=demo).exists()


def test_the_payment_file_of_the_demo_municipality_validates_against_the_pain_001_schema(demo):
    run = prepare_run(
        municipality=demo, month=dt.date(2026, 12, 1), by=ChangeContext(None, "test", Channel.COMMAND)
    ).run
    xmlschema.XMLSchema(SEPAXML_XSD).validate(bytes(run.pain_xml).decode())
    assert run.total == sum(line.amount for line in run.lines.all()) > 0


def test_demo_ibans_are_valid_and_synthetic_and_running_it_twice_adds_nothing(demo):
    made = Arrangement.objects.count()
    assert give_demo_arrangements([demo], TODAY, seed=1916) == 0
    assert Arrangement.objects.count() == made
    accounts = list(WithheldItem.objects.values_list("payee_iban", flat=True))
    assert accounts and all(iban.is_valid(a) and a[4:8] == DEMO_BANK for a in accounts)
    assert demo.ontzorgen_account.iban[4:8] == DEMO_BANK


def test_the_command_prepares_the_run_once(demo):
    call_command("ontzorgen_betaalronde", "--gemeente", "1916", "--maand", "2026-12")
    call_command("ontzorgen_betaalronde", "--gemeente", "1916", "--maand", "2026-12")
    assert PaymentRun.objects.filter(municipality=demo, month=dt.date(2026, 12, 1)).count() == 1


def test_the_demo_has_sent_the_runs_of_the_last_months_so_nothing_is_paid_late(demo):
    sent = PaymentRun.objects.filter(municipality=demo, status=RunStatus.SENT).values_list("month", flat=True)
    assert set(sent) == {dt.date(2026, 10, 1), dt.date(2026, 11, 1)}
    assert not [d for d in compute(None, TODAY) if d.kind == LATE_PAYMENT]


def test_the_demo_advances_are_settled_by_the_allowance_or_repaid_through_the_runs(demo):
    advances = list(Advance.objects.filter(arrangement__household__municipality=demo))
    found = balances(advances)
    assert any(found[a.pk].is_settled for a in advances if a.kind == AdvanceKind.ADVANCE)
    loans = [a for a in advances if a.kind == AdvanceKind.BRIDGING_LOAN]
    assert loans and all(found[a.pk].settled > 0 for a in loans if a.paid_on < dt.date(2026, 10, 1))
