"""DUO's conditions on a PIP, one table per rule (duo-m2m README, "Het aanleveren van een PIP" and
"Het verwijderen van een PIP")."""

from __future__ import annotations

import datetime as dt

import pytest

from koers.inburgering.constants import Leerroute, Niveau
from koers.inburgering.rules import effective_niveau, validate_pip, validate_pip_deletion
from koers.inburgering.rules.pip import (
    PipCode,
    dagtekening_niet_voor_eerdere_pip,
    dagtekening_niet_voor_start_inburgeringsplicht,
    dagtekening_niet_voor_vestiging,
    intensiteit_alleen_bij_b1_route_voor_asielmigrant,
    intensiteit_binnen_bereik,
    niveau_a2_niet_bij_eerste_pip_in_b1_route,
    niveau_a2_niet_bij_onderwijsroute,
    niveau_b1_niet_bij_z_route,
    verwijderen_alleen_zonder_termijn,
    verwijderen_alleen_zonder_uren,
)
from koers.people.constants import TargetGroup

from .factories import (
    DUTY_START,
    PIP_DATE,
    SETTLED,
    PipContextFactory,
    PipDeletionContextFactory,
    PipSubmissionFactory,
)
from .helpers import assert_outcome

DAY = dt.timedelta(days=1)
B1_ROUTE, ONDERWIJS, Z_ROUTE = Leerroute.B1_ROUTE, Leerroute.ONDERWIJSROUTE, Leerroute.Z_ROUTE
A2, B1 = Niveau.A2, Niveau.B1
CHANGED = {"first_pip_date": PIP_DATE, "current_pip_date": PIP_DATE}


@pytest.mark.parametrize(
    ("dagtekening", "refused_with"),
    [
        pytest.param(DUTY_START, None, id="a PIP dated on the day the duty starts is accepted"),
        pytest.param(
            DUTY_START - DAY,
            PipCode.DAGTEKENING_VOOR_START_INBURGERINGSPLICHT,
            id="a PIP dated the day before the duty starts is refused",
        ),
    ],
)
def test_dagtekening_niet_voor_start_inburgeringsplicht(dagtekening, refused_with):
    violation = dagtekening_niet_voor_start_inburgeringsplicht(
        PipSubmissionFactory(dagtekening=dagtekening), PipContextFactory()
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("dagtekening", "settlement_date", "refused_with"),
    [
        pytest.param(SETTLED, SETTLED, None, id="a PIP dated on the day of vestiging is accepted"),
        pytest.param(
            SETTLED - DAY,
            SETTLED,
            PipCode.DAGTEKENING_VOOR_VESTIGING,
            id="a PIP dated the day before vestiging is refused",
        ),
        pytest.param(
            SETTLED,
            None,
            PipCode.DAGTEKENING_VOOR_VESTIGING,
            id="a PIP for someone not yet settled in the municipality is refused",
        ),
    ],
)
def test_dagtekening_niet_voor_vestiging(dagtekening, settlement_date, refused_with):
    violation = dagtekening_niet_voor_vestiging(
        PipSubmissionFactory(dagtekening=dagtekening), PipContextFactory(settlement_date=settlement_date)
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("dagtekening", "first_pip_date", "current_pip_date", "refused_with"),
    [
        pytest.param(PIP_DATE, None, None, None, id="a first PIP has no earlier PIP to respect"),
        pytest.param(
            dt.date(2026, 3, 1),
            PIP_DATE,
            dt.date(2026, 3, 1),
            None,
            id="a changed PIP dated on the day of the current PIP is accepted",
        ),
        pytest.param(
            dt.date(2026, 2, 28),
            PIP_DATE,
            dt.date(2026, 3, 1),
            PipCode.DAGTEKENING_VOOR_EERDERE_PIP,
            id="a changed PIP dated before the current PIP but after the first is refused",
        ),
        pytest.param(
            PIP_DATE - DAY,
            PIP_DATE,
            PIP_DATE,
            PipCode.DAGTEKENING_VOOR_EERDERE_PIP,
            id="a changed PIP dated before the first PIP is refused",
        ),
        pytest.param(
            PIP_DATE - DAY,
            None,
            PIP_DATE,
            PipCode.DAGTEKENING_VOOR_EERDERE_PIP,
            id="a PIP dated before the current PIP of a previous municipality is refused",
        ),
    ],
)
def test_dagtekening_niet_voor_eerdere_pip(dagtekening, first_pip_date, current_pip_date, refused_with):
    violation = dagtekening_niet_voor_eerdere_pip(
        PipSubmissionFactory(dagtekening=dagtekening),
        PipContextFactory(first_pip_date=first_pip_date, current_pip_date=current_pip_date),
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("leerroute", "niveau", "refused_with"),
    [
        pytest.param(
            ONDERWIJS, A2, PipCode.NIVEAU_A2_BIJ_ONDERWIJSROUTE, id="A2 with the onderwijsroute is refused"
        ),
        pytest.param(ONDERWIJS, B1, None, id="B1 with the onderwijsroute is accepted"),
        pytest.param(ONDERWIJS, None, None, id="the onderwijsroute without a niveau is accepted"),
        pytest.param(Z_ROUTE, A2, None, id="A2 with the Z-route is accepted"),
    ],
)
def test_niveau_a2_niet_bij_onderwijsroute(leerroute, niveau, refused_with):
    violation = niveau_a2_niet_bij_onderwijsroute(
        PipSubmissionFactory(leerroute=leerroute, niveau=niveau, geschatte_intensiteit=None),
        PipContextFactory(**CHANGED),
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("leerroute", "niveau", "refused_with"),
    [
        pytest.param(Z_ROUTE, B1, PipCode.NIVEAU_B1_BIJ_Z_ROUTE, id="B1 with the Z-route is refused"),
        pytest.param(Z_ROUTE, A2, None, id="A2 with the Z-route is accepted"),
        pytest.param(Z_ROUTE, None, None, id="the Z-route without a niveau is accepted"),
        pytest.param(B1_ROUTE, B1, None, id="B1 with the B1-route is accepted"),
    ],
)
def test_niveau_b1_niet_bij_z_route(leerroute, niveau, refused_with):
    violation = niveau_b1_niet_bij_z_route(
        PipSubmissionFactory(leerroute=leerroute, niveau=niveau, geschatte_intensiteit=None),
        PipContextFactory(),
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("leerroute", "niveau", "earlier", "refused_with"),
    [
        pytest.param(
            B1_ROUTE,
            A2,
            {},
            PipCode.NIVEAU_A2_BIJ_EERSTE_PIP_B1_ROUTE,
            id="A2 in the B1-route on the first PIP is refused",
        ),
        pytest.param(B1_ROUTE, A2, CHANGED, None, id="A2 in the B1-route on a changed PIP is accepted"),
        pytest.param(
            B1_ROUTE,
            A2,
            {"current_pip_date": PIP_DATE},
            None,
            id="A2 in the B1-route after a PIP of another municipality is accepted",
        ),
        pytest.param(B1_ROUTE, B1, {}, None, id="B1 in the B1-route on the first PIP is accepted"),
        pytest.param(Z_ROUTE, A2, {}, None, id="A2 in the Z-route on the first PIP is accepted"),
    ],
)
def test_niveau_a2_niet_bij_eerste_pip_in_b1_route(leerroute, niveau, earlier, refused_with):
    violation = niveau_a2_niet_bij_eerste_pip_in_b1_route(
        PipSubmissionFactory(leerroute=leerroute, niveau=niveau), PipContextFactory(**earlier)
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("leerroute", "target_group", "intensity", "refused_with"),
    [
        pytest.param(
            B1_ROUTE,
            TargetGroup.ASIEL,
            600,
            None,
            id="an intensity for an asylum migrant in the B1-route is accepted",
        ),
        pytest.param(
            B1_ROUTE, TargetGroup.GEZIN, None, None, id="no intensity for a family migrant is accepted"
        ),
        pytest.param(
            B1_ROUTE,
            TargetGroup.GEZIN,
            600,
            PipCode.INTENSITEIT_NIET_TOEGESTAAN,
            id="an intensity for a family migrant is refused",
        ),
        pytest.param(
            B1_ROUTE,
            TargetGroup.OVERIG,
            600,
            PipCode.INTENSITEIT_NIET_TOEGESTAAN,
            id="an intensity for an other migrant is refused",
        ),
        pytest.param(
            ONDERWIJS,
            TargetGroup.ASIEL,
            600,
            PipCode.INTENSITEIT_NIET_TOEGESTAAN,
            id="an intensity for an asylum migrant in the onderwijsroute is refused",
        ),
        pytest.param(
            Z_ROUTE,
            TargetGroup.ASIEL,
            600,
            PipCode.INTENSITEIT_NIET_TOEGESTAAN,
            id="an intensity for an asylum migrant in the Z-route is refused",
        ),
    ],
)
def test_intensiteit_alleen_bij_b1_route_voor_asielmigrant(leerroute, target_group, intensity, refused_with):
    violation = intensiteit_alleen_bij_b1_route_voor_asielmigrant(
        PipSubmissionFactory(leerroute=leerroute, geschatte_intensiteit=intensity),
        PipContextFactory(target_group=target_group),
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("intensity", "refused_with"),
    [
        pytest.param(1, None, id="one hour is accepted"),
        pytest.param(9999, None, id="9999 hours are accepted"),
        pytest.param(None, None, id="no intensity is accepted"),
        pytest.param(0, PipCode.INTENSITEIT_BUITEN_BEREIK, id="zero hours are refused"),
        pytest.param(10_000, PipCode.INTENSITEIT_BUITEN_BEREIK, id="10000 hours are refused"),
    ],
)
def test_intensiteit_binnen_bereik(intensity, refused_with):
    violation = intensiteit_binnen_bereik(
        PipSubmissionFactory(geschatte_intensiteit=intensity), PipContextFactory()
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("leerroute", "niveau", "expected"),
    [
        pytest.param(B1_ROUTE, None, B1, id="the B1-route without a niveau gets B1"),
        pytest.param(ONDERWIJS, None, B1, id="the onderwijsroute without a niveau gets B1"),
        pytest.param(Z_ROUTE, None, None, id="the Z-route without a niveau gets none"),
        pytest.param(B1_ROUTE, A2, A2, id="a niveau that is supplied is kept"),
        pytest.param(Z_ROUTE, A2, A2, id="A2 supplied with the Z-route is kept"),
    ],
)
def test_effective_niveau(leerroute, niveau, expected):
    assert effective_niveau(leerroute, niveau) == expected


def test_a_valid_first_pip_is_accepted():
    assert validate_pip(PipSubmissionFactory(), PipContextFactory()) == []


def test_it_reports_every_broken_pip_condition_in_order():
    submission = PipSubmissionFactory(
        dagtekening=DUTY_START - DAY, leerroute=ONDERWIJS, niveau=A2, geschatte_intensiteit=0
    )
    context = PipContextFactory(target_group=TargetGroup.GEZIN)

    violations = validate_pip(submission, context)

    assert [v.code for v in violations] == [
        PipCode.DAGTEKENING_VOOR_START_INBURGERINGSPLICHT,
        PipCode.DAGTEKENING_VOOR_VESTIGING,
        PipCode.NIVEAU_A2_BIJ_ONDERWIJSROUTE,
        PipCode.INTENSITEIT_NIET_TOEGESTAAN,
        PipCode.INTENSITEIT_BUITEN_BEREIK,
    ]
    assert [v.field for v in violations] == [
        "dagtekening",
        "dagtekening",
        "niveau",
        "geschatte_intensiteit",
        "geschatte_intensiteit",
    ]


def test_a_refusal_message_names_the_dates_in_dutch():
    (violation,) = validate_pip(PipSubmissionFactory(dagtekening=dt.date(2025, 6, 1)), PipContextFactory())

    assert violation.message == (
        "De dagtekening van het PIP (1 juni 2025) ligt vóór de vestiging in de gemeente (2 juni 2025)."
    )


@pytest.mark.parametrize(
    ("term_set", "refused_with"),
    [
        pytest.param(False, None, id="a PIP can be deleted while no term is set"),
        pytest.param(
            True,
            PipCode.VERWIJDEREN_NA_VASTSTELLEN_TERMIJN,
            id="a PIP cannot be deleted once the term is set",
        ),
    ],
)
def test_verwijderen_alleen_zonder_termijn(term_set, refused_with):
    assert_outcome(
        verwijderen_alleen_zonder_termijn(PipDeletionContextFactory(term_set=term_set)), refused_with
    )


@pytest.mark.parametrize(
    ("hours_registered", "refused_with"),
    [
        pytest.param(False, None, id="a PIP can be deleted while no hours are registered"),
        pytest.param(
            True,
            PipCode.VERWIJDEREN_NA_REGISTRATIE_UREN,
            id="a PIP cannot be deleted once hours of the current offer are registered",
        ),
    ],
)
def test_verwijderen_alleen_zonder_uren(hours_registered, refused_with):
    violation = verwijderen_alleen_zonder_uren(PipDeletionContextFactory(hours_registered=hours_registered))
    assert_outcome(violation, refused_with)


def test_a_deletion_reports_both_reasons_when_both_apply():
    violations = validate_pip_deletion(PipDeletionContextFactory(term_set=True, hours_registered=True))

    assert [v.code for v in violations] == [
        PipCode.VERWIJDEREN_NA_VASTSTELLEN_TERMIJN,
        PipCode.VERWIJDEREN_NA_REGISTRATIE_UREN,
    ]
    assert validate_pip_deletion(PipDeletionContextFactory()) == []
