"""Factories for DUO's side of the exchange: persons as the simulator keeps them."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from koers.duo.models import ContactpersoonSettings
from koers.duo.simulator import SimPerson


class SimPersonFactory(factory.Factory):
    class Meta:
        model = SimPerson

    bsn = "999990019"
    gemeentecode = "0001"
    plicht = factory.LazyFunction(lambda: {"indicatorInburgeringsplicht": True, "begindatum": "2026-03-02"})
    doelgroep = factory.LazyFunction(
        lambda: {"indeling": "Asielstatushouder", "gedetailleerdeDoelgroep": "Asielstatushouder",
                 "begindatum": "2026-03-02"}
    )
    settlement_date = factory.LazyFunction(lambda: __import__("datetime").date(2026, 3, 2))


class ContactpersoonSettingsFactory(DjangoModelFactory):
    """A municipality that passes its consultants to DUO as contactpersonen."""

    class Meta:
        model = ContactpersoonSettings
        django_get_or_create = ("municipality",)

    telefoonnummer = "020 555 0100"
