"""Whatever items a municipality withholds, the run pays exactly their sum: in the lines, in the
run's total, and in the pain.001's control sum."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from koers.audit.models import Channel
from koers.lib.changes import ChangeContext
from koers.ontzorgen.constants import ItemKind
from koers.ontzorgen.runs import prepare_run
from tests.factories import HouseholdFactory

from .factories import ArrangementFactory, WithheldItemFactory

MONTH = dt.date(2026, 12, 1)
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}

item = st.fixed_dictionaries(
    {
        "household": st.integers(0, 3),
        "kind": st.sampled_from(list(ItemKind)),
        "amount": st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2),
        "from_offset": st.integers(-60, 40),
        "until_offset": st.none() | st.integers(-30, 120),
    }
)


class Rollback(Exception):
    pass


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(item, min_size=1, max_size=12))
def test_the_sum_of_the_transactions_is_the_sum_of_the_items_in_force(tenants, arrangement, specs):
    try:
        with transaction.atomic():
            arrangements = [arrangement] + [
                ArrangementFactory(household=HouseholdFactory(municipality=tenants.a.municipality))
                for _ in range(3)
            ]
            expected = Decimal("0.00")
            for number, spec in enumerate(specs):
                start = arrangements[spec["household"]].start
                valid_from = start + dt.timedelta(days=max(0, spec["from_offset"]))
                valid_until = (
                    valid_from + dt.timedelta(days=spec["until_offset"])
                    if spec["until_offset"] is not None
                    else None
                )
                if valid_until is not None and valid_until < valid_from:
                    valid_until = valid_from
                WithheldItemFactory(
                    arrangement=arrangements[spec["household"]],
                    kind=spec["kind"],
                    description=f"Last {number}",
                    amount=spec["amount"],
                    valid_from=valid_from,
                    valid_until=valid_until,
                )
                if valid_from <= MONTH and (valid_until is None or MONTH <= valid_until):
                    expected += spec["amount"]
            if expected:
                run = prepare_run(
                    municipality=tenants.a.municipality,
                    month=MONTH,
                    by=ChangeContext(tenants.a.consultant, "test", Channel.UI),
                ).run
                document = etree.fromstring(bytes(run.pain_xml))
                instructed = document.xpath("//p:CdtTrfTxInf/p:Amt/p:InstdAmt/text()", namespaces=NS)
                assert sum(Decimal(a) for a in instructed) == expected
                assert Decimal(document.xpath("string(//p:GrpHdr/p:CtrlSum)", namespaces=NS)) == expected
                assert run.total == expected == sum(line.amount for line in run.lines.all())
            raise Rollback
    except Rollback:
        pass
