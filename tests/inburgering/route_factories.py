"""factory_boy factories for the route's records (duty, PIP in force, offer, fines). The default
situation: duty from 3 March 2025, PIP (B1-route) of 15 August 2025, term 15 August 2025 – 15 August
2028, a course at a Blik op Werk certified school; the suite's clock stands on 25 November 2026."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from koers.inburgering.constants import (
    BoeteGrond,
    BoeteStatus,
    Doelgroepindeling,
    Leerroute,
    PipStatus,
)
from koers.inburgering.models import Boete, Inburgeringsaanbod, Inburgeringsplicht, Instelling, PipVersie
from tests.factories import PersonFactory

DUTY_START = dt.date(2025, 3, 3)
PIP_DATE = dt.date(2025, 8, 15)
TERM_END = dt.date(2028, 8, 15)


class PlichtFactory(DjangoModelFactory):
    class Meta:
        model = Inburgeringsplicht

    person = factory.SubFactory(PersonFactory)
    start_date = DUTY_START
    doelgroep = Doelgroepindeling.ASIELSTATUSHOUDER
    termijn_start = PIP_DATE
    termijn_end = TERM_END


class CurrentPipFactory(DjangoModelFactory):
    class Meta:
        model = PipVersie

    person = factory.SubFactory(PersonFactory)
    number = 1
    status = PipStatus.VASTGESTELD
    dagtekening = PIP_DATE
    leerroute = Leerroute.B1_ROUTE


class InstellingFactory(DjangoModelFactory):
    class Meta:
        model = Instelling

    instellingsnummer = factory.Sequence(lambda n: f"{12345 + n:010d}")
    naam = factory.Sequence(lambda n: f"Taalschool {n}")
    bow_keurmerk = True


class AanbodFactory(DjangoModelFactory):
    class Meta:
        model = Inburgeringsaanbod

    person = factory.SubFactory(PersonFactory)
    instelling = factory.SubFactory(InstellingFactory)
    datum_inburgeringsaanbod = dt.date(2025, 9, 1)
    verwachte_startdatum = dt.date(2025, 9, 8)
    verwachte_einddatum = dt.date(2027, 9, 8)
    planned_hours_per_week = Decimal("8.0")


class BoeteFactory(DjangoModelFactory):
    class Meta:
        model = Boete

    person = factory.SubFactory(PersonFactory)
    grond = BoeteGrond.PIP_NIET_NAGEKOMEN
    status = BoeteStatus.WAARSCHUWING
    facts = "Drie lessen niet gevolgd zonder bericht."
    warning_date = dt.date(2026, 10, 1)


def route_ready(person, **plicht) -> Inburgeringsplicht:
    """Duty with its term and a PIP in force for ``person``."""
    CurrentPipFactory(person=person)
    return PlichtFactory(person=person, **plicht)
