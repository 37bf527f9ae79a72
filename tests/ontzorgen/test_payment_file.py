"""The pain.001 made by sepaxml: valid against the XSD sepaxml ships, and its totals add up."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import sepaxml
import xmlschema
from lxml import etree

from koers.audit.models import Channel
from koers.lib.changes import ChangeContext
from koers.ontzorgen.constants import ItemKind
from koers.ontzorgen.runs import pain_001, prepare_run
from tests.factories import HouseholdFactory

from .factories import ArrangementFactory, WithheldItemFactory

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
SEPAXML_XSD = Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.03.xsd"
DECEMBER = dt.date(2026, 12, 1)


def prepare(tenant, month=DECEMBER):
    return prepare_run(
        municipality=tenant.municipality,
        month=month,
        by=ChangeContext(tenant.consultant, "test", Channel.UI),
    ).run


def test_the_file_validates_against_the_pain_001_schema_sepaxml_ships(tenants, arrangement):
    WithheldItemFactory(arrangement=arrangement, kind=ItemKind.RENT, amount=Decimal("612.35"))
    WithheldItemFactory(
        arrangement=arrangement,
        kind=ItemKind.HEALTH_INSURANCE,
        payee_name="Zorgverzekeraar Zuiderzee",
        amount=Decimal("148.90"),
        payee_bic="ABNANL2A",
    )
    run = prepare(tenants.a)
    xml = bytes(run.pain_xml)
    xmlschema.XMLSchema(SEPAXML_XSD).validate(xml.decode())
    assert etree.XMLSchema(etree.parse(str(SEPAXML_XSD))).validate(etree.fromstring(xml))


def test_sepaxml_refuses_to_export_a_file_the_schema_rejects(tenants, arrangement):
    WithheldItemFactory(arrangement=arrangement)
    run = prepare(tenants.a)
    line = run.lines.get()
    line.payee_bic = "NOT A BIC!"
    with pytest.raises(sepaxml.validation.ValidationError):
        pain_001(run, [line])


def test_the_control_sums_and_amounts_add_up_to_the_withheld_costs(tenants, arrangement):
    other = ArrangementFactory(household=HouseholdFactory(municipality=tenants.a.municipality))
    amounts = [Decimal("612.35"), Decimal("89.00"), Decimal("17.65"), Decimal("0.01")]
    WithheldItemFactory(arrangement=arrangement, amount=amounts[0])
    WithheldItemFactory(arrangement=arrangement, kind=ItemKind.ENERGY, amount=amounts[1])
    WithheldItemFactory(arrangement=other, kind=ItemKind.WATER, amount=amounts[2])
    WithheldItemFactory(arrangement=other, kind=ItemKind.OTHER, description="Kinderopvang", amount=amounts[3])
    run = prepare(tenants.a)
    document = etree.fromstring(bytes(run.pain_xml))
    instructed = [
        Decimal(a) for a in document.xpath("//p:CdtTrfTxInf/p:Amt/p:InstdAmt/text()", namespaces=NS)
    ]
    assert sorted(instructed) == sorted(amounts)
    assert Decimal(document.xpath("string(//p:GrpHdr/p:CtrlSum)", namespaces=NS)) == sum(amounts)
    assert document.xpath("string(//p:GrpHdr/p:NbOfTxs)", namespaces=NS) == "4"
    assert run.total == sum(amounts) and run.transaction_count == 4
    assert document.xpath("string(//p:GrpHdr/p:MsgId)", namespaces=NS) == run.message_id
    assert document.xpath("string(//p:PmtInf/p:ReqdExctnDt)", namespaces=NS) == "2026-12-01"
    assert document.xpath("string(//p:DbtrAcct/p:Id/p:IBAN)", namespaces=NS) == run.debtor_iban
