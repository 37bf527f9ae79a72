"""Factories for financieel ontzorgen. IBANs are synthetic (valid check digits, a bank code no bank
uses), never real accounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from koers.ontzorgen.constants import ItemKind
from koers.ontzorgen.models import Arrangement, PaymentAccount, WithheldItem
from koers.ontzorgen.validators import synthetic_iban
from tests.factories import HouseholdFactory, MunicipalityFactory


def iban_number(number: int) -> str:
    return synthetic_iban("NL", f"KOER{number:010d}")


class PaymentAccountFactory(DjangoModelFactory):
    class Meta:
        model = PaymentAccount
        django_get_or_create = ("municipality",)

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.LazyAttribute(lambda o: f"Gemeente {o.municipality.name}")
    iban = factory.Sequence(lambda n: iban_number(9_000_000 + n))


class ArrangementFactory(DjangoModelFactory):
    class Meta:
        model = Arrangement

    household = factory.SubFactory(HouseholdFactory)
    start = dt.date(2026, 9, 1)


class WithheldItemFactory(DjangoModelFactory):
    class Meta:
        model = WithheldItem

    arrangement = factory.SubFactory(ArrangementFactory)
    kind = ItemKind.RENT
    payee_name = "Woonstichting De Linie"
    payee_iban = factory.Sequence(lambda n: iban_number(1_000 + n))
    amount = Decimal("612.35")
    reference = factory.Sequence(lambda n: f"HUUR-{n:06d}")
    valid_from = factory.LazyAttribute(lambda o: o.arrangement.start)
