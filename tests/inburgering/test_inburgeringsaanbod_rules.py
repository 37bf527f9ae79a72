"""DUO's conditions on an inburgeringsaanbod, one table per rule (duo-m2m README, "Inburgeringsaanbod")."""

from __future__ import annotations

import datetime as dt

import pytest

from koers.inburgering.constants import Leerroute
from koers.inburgering.rules import validate_aanbod
from koers.inburgering.rules.inburgeringsaanbod import (
    AanbodCode,
    ActuelePip,
    alleen_voor_asielmigrant,
    datum_inburgeringsaanbod_niet_voor_dagtekening_pip,
    einddatum_opleiding_binnen_termijn,
    einddatum_opleiding_niet_voor_dagtekening_pip,
    einddatum_opleiding_niet_voor_startdatum_opleiding,
    instelling_gekeurmerkt,
    pip_aanwezig,
    startdatum_opleiding_binnen_termijn,
    startdatum_opleiding_niet_voor_dagtekening_pip,
    startdatum_opleiding_niet_voor_datum_inburgeringsaanbod,
)
from koers.people.constants import TargetGroup

from .factories import PIP_DATE, TERM, AanbodContextFactory, AanbodSubmissionFactory, InstellingFactory
from .helpers import assert_outcome

DAY = dt.timedelta(days=1)
ONDERWIJSROUTE_PIP = ActuelePip(dagtekening=PIP_DATE, leerroute=Leerroute.ONDERWIJSROUTE)


@pytest.mark.parametrize(
    ("target_group", "refused_with"),
    [
        pytest.param(TargetGroup.ASIEL, None, id="an offer for an asylum migrant is accepted"),
        pytest.param(
            TargetGroup.GEZIN, AanbodCode.GEEN_ASIELMIGRANT, id="an offer for a family migrant is refused"
        ),
        pytest.param(
            TargetGroup.OVERIG, AanbodCode.GEEN_ASIELMIGRANT, id="an offer for an other migrant is refused"
        ),
    ],
)
def test_alleen_voor_asielmigrant(target_group, refused_with):
    violation = alleen_voor_asielmigrant(
        AanbodSubmissionFactory(), AanbodContextFactory(target_group=target_group)
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("pip", "refused_with"),
    [
        pytest.param(
            ActuelePip(PIP_DATE, Leerroute.B1_ROUTE), None, id="an offer for someone with a PIP is accepted"
        ),
        pytest.param(None, AanbodCode.GEEN_PIP, id="an offer for someone without a PIP is refused"),
    ],
)
def test_pip_aanwezig(pip, refused_with):
    assert_outcome(pip_aanwezig(AanbodSubmissionFactory(), AanbodContextFactory(pip=pip)), refused_with)


@pytest.mark.parametrize(
    ("pip", "instelling", "refused_with"),
    [
        pytest.param(
            ActuelePip(PIP_DATE, Leerroute.B1_ROUTE),
            InstellingFactory(bow_keurmerk=True),
            None,
            id="a school with a Blik op Werk keurmerk is accepted in the B1-route",
        ),
        pytest.param(
            ONDERWIJSROUTE_PIP,
            InstellingFactory(bow_keurmerk=True),
            None,
            id="a school with a Blik op Werk keurmerk is accepted in the onderwijsroute",
        ),
        pytest.param(
            ONDERWIJSROUTE_PIP,
            InstellingFactory(bow_keurmerk=False, tst_keurmerk=True),
            None,
            id="a recognised taalschakelinstelling is accepted in the onderwijsroute",
        ),
        pytest.param(
            ActuelePip(PIP_DATE, Leerroute.Z_ROUTE),
            InstellingFactory(bow_keurmerk=False, tst_keurmerk=True),
            AanbodCode.INSTELLING_ZONDER_KEURMERK,
            id="a taalschakelinstelling without Blik op Werk keurmerk is refused in the Z-route",
        ),
        pytest.param(
            ONDERWIJSROUTE_PIP,
            InstellingFactory(bow_keurmerk=False, tst_keurmerk=False),
            AanbodCode.INSTELLING_ZONDER_KEURMERK,
            id="a school without any keurmerk is refused in the onderwijsroute",
        ),
        pytest.param(
            ActuelePip(PIP_DATE, Leerroute.B1_ROUTE),
            None,
            AanbodCode.INSTELLING_ONBEKEND,
            id="an institution DUO does not know is refused",
        ),
    ],
)
def test_instelling_gekeurmerkt(pip, instelling, refused_with):
    violation = instelling_gekeurmerkt(
        AanbodSubmissionFactory(), AanbodContextFactory(pip=pip, instelling=instelling)
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("rule", "field"),
    [
        pytest.param(
            datum_inburgeringsaanbod_niet_voor_dagtekening_pip, "datum_inburgeringsaanbod", id="enrolment"
        ),
        pytest.param(
            startdatum_opleiding_niet_voor_dagtekening_pip, "verwachte_startdatum_opleiding", id="start"
        ),
        pytest.param(
            einddatum_opleiding_niet_voor_dagtekening_pip, "verwachte_einddatum_opleiding", id="end"
        ),
    ],
)
@pytest.mark.parametrize(
    ("day", "pip", "refused_with"),
    [
        pytest.param(
            PIP_DATE,
            ActuelePip(PIP_DATE, Leerroute.B1_ROUTE),
            None,
            id="on the PIP's dagtekening is accepted",
        ),
        pytest.param(
            PIP_DATE - DAY,
            ActuelePip(PIP_DATE, Leerroute.B1_ROUTE),
            AanbodCode.DATUM_VOOR_DAGTEKENING_PIP,
            id="the day before the PIP's dagtekening is refused",
        ),
        pytest.param(None, ActuelePip(PIP_DATE, Leerroute.B1_ROUTE), None, id="left out is accepted"),
        pytest.param(PIP_DATE - DAY, None, None, id="without a PIP is left to the PIP rule"),
    ],
)
def test_data_niet_voor_dagtekening_pip(rule, field, day, pip, refused_with):
    violation = rule(AanbodSubmissionFactory(**{field: day}), AanbodContextFactory(pip=pip))
    assert_outcome(violation, refused_with)
    if violation is not None:
        assert violation.field == field


@pytest.mark.parametrize(
    ("enrolment", "start", "refused_with"),
    [
        pytest.param(
            dt.date(2025, 9, 1),
            dt.date(2025, 9, 1),
            None,
            id="a course starting on the day of enrolment is accepted",
        ),
        pytest.param(
            dt.date(2025, 9, 1),
            dt.date(2025, 8, 31),
            AanbodCode.START_VOOR_DATUM_INBURGERINGSAANBOD,
            id="a course starting the day before enrolment is refused",
        ),
        pytest.param(None, dt.date(2025, 8, 31), None, id="a course without an enrolment date is accepted"),
    ],
)
def test_startdatum_opleiding_niet_voor_datum_inburgeringsaanbod(enrolment, start, refused_with):
    submission = AanbodSubmissionFactory(
        datum_inburgeringsaanbod=enrolment, verwachte_startdatum_opleiding=start
    )
    assert_outcome(
        startdatum_opleiding_niet_voor_datum_inburgeringsaanbod(submission, AanbodContextFactory()),
        refused_with,
    )


@pytest.mark.parametrize(
    ("start", "end", "refused_with"),
    [
        pytest.param(
            dt.date(2025, 9, 8), dt.date(2026, 9, 8), None, id="a course ending after it starts is accepted"
        ),
        pytest.param(
            dt.date(2025, 9, 8), dt.date(2025, 9, 8), None, id="a course ending on its start date is accepted"
        ),
        pytest.param(
            dt.date(2025, 9, 8),
            dt.date(2025, 9, 7),
            AanbodCode.EINDE_VOOR_START,
            id="a course ending before it starts is refused",
        ),
        pytest.param(None, dt.date(2025, 9, 7), None, id="a course without a start date is accepted"),
    ],
)
def test_einddatum_opleiding_niet_voor_startdatum_opleiding(start, end, refused_with):
    submission = AanbodSubmissionFactory(
        verwachte_startdatum_opleiding=start, verwachte_einddatum_opleiding=end
    )
    assert_outcome(
        einddatum_opleiding_niet_voor_startdatum_opleiding(submission, AanbodContextFactory()), refused_with
    )


@pytest.mark.parametrize(
    ("start", "termijn", "refused_with"),
    [
        pytest.param(
            TERM.startdatum, TERM, None, id="a course starting on the first day of the term is accepted"
        ),
        pytest.param(
            TERM.last_day, TERM, None, id="a course starting on the last day of the term is accepted"
        ),
        pytest.param(
            TERM.einddatum,
            TERM,
            AanbodCode.BUITEN_INBURGERINGSTERMIJN,
            id="a course starting on the einddatum of the term is refused",
        ),
        pytest.param(
            TERM.startdatum - DAY,
            TERM,
            AanbodCode.BUITEN_INBURGERINGSTERMIJN,
            id="a course starting the day before the term is refused",
        ),
        pytest.param(TERM.startdatum - DAY, None, None, id="a course before any term is set is left to DUO"),
    ],
)
def test_startdatum_opleiding_binnen_termijn(start, termijn, refused_with):
    violation = startdatum_opleiding_binnen_termijn(
        AanbodSubmissionFactory(verwachte_startdatum_opleiding=start), AanbodContextFactory(termijn=termijn)
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("end", "refused_with"),
    [
        pytest.param(TERM.einddatum, None, id="a course ending on the einddatum of the term is accepted"),
        pytest.param(
            TERM.einddatum + DAY,
            AanbodCode.BUITEN_INBURGERINGSTERMIJN,
            id="a course ending the day after the einddatum is refused",
        ),
        pytest.param(
            TERM.startdatum - DAY,
            AanbodCode.BUITEN_INBURGERINGSTERMIJN,
            id="a course ending before the term starts is refused",
        ),
    ],
)
def test_einddatum_opleiding_binnen_termijn(end, refused_with):
    violation = einddatum_opleiding_binnen_termijn(
        AanbodSubmissionFactory(verwachte_einddatum_opleiding=end), AanbodContextFactory()
    )
    assert_outcome(violation, refused_with)


def test_a_valid_offer_is_accepted():
    assert validate_aanbod(AanbodSubmissionFactory(), AanbodContextFactory()) == []


def test_it_reports_every_broken_offer_condition_in_order():
    submission = AanbodSubmissionFactory(
        datum_inburgeringsaanbod=PIP_DATE - DAY,
        verwachte_startdatum_opleiding=PIP_DATE - 2 * DAY,
        verwachte_einddatum_opleiding=TERM.einddatum + DAY,
    )
    context = AanbodContextFactory(
        target_group=TargetGroup.GEZIN, instelling=InstellingFactory(bow_keurmerk=False)
    )

    violations = validate_aanbod(submission, context)

    assert [(v.code, v.field) for v in violations] == [
        (AanbodCode.GEEN_ASIELMIGRANT, None),
        (AanbodCode.INSTELLING_ZONDER_KEURMERK, "instellingsnummer"),
        (AanbodCode.DATUM_VOOR_DAGTEKENING_PIP, "datum_inburgeringsaanbod"),
        (AanbodCode.DATUM_VOOR_DAGTEKENING_PIP, "verwachte_startdatum_opleiding"),
        (AanbodCode.START_VOOR_DATUM_INBURGERINGSAANBOD, "verwachte_startdatum_opleiding"),
        (AanbodCode.BUITEN_INBURGERINGSTERMIJN, "verwachte_startdatum_opleiding"),
        (AanbodCode.BUITEN_INBURGERINGSTERMIJN, "verwachte_einddatum_opleiding"),
    ]


def test_the_message_for_a_date_outside_the_term_gives_the_last_day_of_the_term():
    violation = einddatum_opleiding_binnen_termijn(
        AanbodSubmissionFactory(verwachte_einddatum_opleiding=dt.date(2028, 9, 1)), AanbodContextFactory()
    )

    assert violation is not None
    assert violation.message == (
        "De verwachte einddatum van de opleiding (1 september 2028) ligt buiten de inburgeringstermijn "
        "(15 augustus 2025 tot en met 14 augustus 2028)."
    )
