"""Fixtures for ontzorgen: a household of municipality a with an arrangement (``client_as`` comes from
the root conftest)."""

from __future__ import annotations

import datetime as dt

import pytest

from koers.ontzorgen.models import Arrangement

from .factories import ArrangementFactory, PaymentAccountFactory


@pytest.fixture
def arrangement(tenants) -> Arrangement:
    """Ontzorgen for tenant a's person's household, from 1 September 2026, and a debtor account."""
    PaymentAccountFactory(municipality=tenants.a.municipality, name="Gemeente Aadorp")
    return ArrangementFactory(household=tenants.a.person.household, start=dt.date(2026, 9, 1))
