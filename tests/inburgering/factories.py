"""factory_boy factories for the rule inputs. Each builds one consistent, accepted situation: an asylum
migrant settled in June 2025, PIP (B1-route) of 15 August 2025, term until 15 August 2028, a course at a
Blik op Werk certified school, looked at on 25 November 2026. Tests change only what they are about."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from koers.inburgering.constants import EerdereLevering, GedetailleerdeDoelgroep, Leerroute
from koers.inburgering.models import BredeIntake, PipVersie
from koers.inburgering.rules.inburgeringsaanbod import AanbodContext, AanbodSubmission, ActuelePip, Instelling
from koers.inburgering.rules.map_pvt import MapSubmission, PvtSubmission, ResultaatContext
from koers.inburgering.rules.pip import PipContext, PipDeletionContext, PipSubmission
from koers.inburgering.terms import Inburgeringstermijn
from koers.people.constants import TargetGroup
from tests.factories import PersonFactory

from .route_factories import DUTY_START, PlichtFactory

SETTLED = dt.date(2025, 6, 2)
PIP_DATE = dt.date(2025, 8, 15)
TERM = Inburgeringstermijn(startdatum=PIP_DATE, einddatum=dt.date(2028, 8, 15))
TODAY = dt.date(2026, 11, 25)


class PipSubmissionFactory(factory.Factory):
    class Meta:
        model = PipSubmission

    dagtekening = PIP_DATE
    leerroute = Leerroute.B1_ROUTE
    niveau = None
    geschatte_intensiteit = 600


class PipContextFactory(factory.Factory):
    class Meta:
        model = PipContext

    duty_start = DUTY_START
    settlement_date = SETTLED
    target_group = TargetGroup.ASIEL
    first_pip_date = None
    current_pip_date = None


class PipDeletionContextFactory(factory.Factory):
    class Meta:
        model = PipDeletionContext

    term_set = False
    hours_registered = False


class InstellingFactory(factory.Factory):
    class Meta:
        model = Instelling

    instellingsnummer = "0000012345"
    naam = "Taalschool De Brug"
    bow_keurmerk = True
    tst_keurmerk = False


class AanbodSubmissionFactory(factory.Factory):
    class Meta:
        model = AanbodSubmission

    instellingsnummer = "0000012345"
    datum_inburgeringsaanbod = dt.date(2025, 9, 1)
    verwachte_startdatum_opleiding = dt.date(2025, 9, 8)
    verwachte_einddatum_opleiding = dt.date(2026, 9, 8)


class AanbodContextFactory(factory.Factory):
    class Meta:
        model = AanbodContext

    target_group = TargetGroup.ASIEL
    pip = ActuelePip(dagtekening=PIP_DATE, leerroute=Leerroute.B1_ROUTE)
    instelling = factory.SubFactory(InstellingFactory)
    termijn = TERM


class MapSubmissionFactory(factory.Factory):
    class Meta:
        model = MapSubmission

    datum_eindgesprek_map = dt.date(2026, 11, 2)
    verwijtbaar = None


class PvtSubmissionFactory(factory.Factory):
    class Meta:
        model = PvtSubmission

    datum_ondertekening_pvt = dt.date(2026, 11, 2)
    verwijtbaar = None


class ResultaatContextFactory(factory.Factory):
    class Meta:
        model = ResultaatContext

    today = TODAY
    termijn = TERM
    own_municipality_has_current_pip = True
    earlier_delivery = EerdereLevering.GEEN
    duty_met_via_z_route = False
    z_route_completed_on = None


# Records of the plan (brede intake, leerbaarheidstoets, PIP versions) and the duty they need.


class InburgeringsplichtFactory(PlichtFactory):
    """The duty of an asylum migrant that started on DUTY_START, before DUO set its term."""

    gedetailleerde_doelgroep = GedetailleerdeDoelgroep.ASIELSTATUSHOUDER
    termijn_start = None
    termijn_end = None


class BredeIntakeFactory(DjangoModelFactory):
    class Meta:
        model = BredeIntake

    person = factory.SubFactory(PersonFactory)
    conversation_date = dt.date(2026, 4, 1)
    conversation_language = "ar"
    interpreter = True
    answers = factory.LazyFunction(lambda: {"ambities": {"doelen": "Werken als verpleegkundige"}})
    summary = "Wil snel aan het werk in de zorg."


class PipVersieFactory(DjangoModelFactory):
    """A concept version: the B1-route with an estimated intensity."""

    class Meta:
        model = PipVersie

    person = factory.SubFactory(PersonFactory)
    number = factory.Sequence(lambda n: n + 1)
    leerroute = Leerroute.B1_ROUTE
    niveau = ""
    geschatte_intensiteit = 600
