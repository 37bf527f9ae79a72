"""DUO's conditions on the MAP and PVT dates with their verwijtbaar flag, one table per rule, each run for
both MAP and PVT (duo-m2m README, "Module Arbeidsmarkt en Participatie (MAP)" and
"Participatieverklaringstraject (PVT)")."""

from __future__ import annotations

import datetime as dt

import pytest

from koers.inburgering.constants import EerdereLevering, Verwijtbaar
from koers.inburgering.rules import validate_map, validate_pvt
from koers.inburgering.rules.map_pvt import (
    MapPvtCode,
    actuele_pip_van_eigen_gemeente,
    datum_niet_in_toekomst,
    datum_niet_na_afronding_z_route,
    datum_niet_voor_start_termijn,
    geen_verwijtbaar_binnen_termijn,
    intrekken_niet_na_afronding_z_route,
    ja_alleen_bij_overschrijding,
    nee_alleen_binnen_twee_maanden,
    plicht_niet_voldaan_via_z_route,
    verwijtbaar_verplicht_bij_overschrijding,
    wijziging_alleen_door_leverende_gemeente,
)
from koers.inburgering.terms import Inburgeringstermijn

from .factories import TERM, TODAY, MapSubmissionFactory, PvtSubmissionFactory, ResultaatContextFactory
from .helpers import assert_outcome

DAY = dt.timedelta(days=1)
JA, NEE = Verwijtbaar.JA, Verwijtbaar.NEE
UNCHANGED = object()

# On TODAY (25 November 2026) this term ends exactly two months ahead.
ENDING_SOON = Inburgeringstermijn(startdatum=dt.date(2024, 1, 25), einddatum=dt.date(2027, 1, 25))
# This term ran out on 1 October 2026 (last day 30 September).
ENDED = Inburgeringstermijn(startdatum=dt.date(2023, 10, 1), einddatum=dt.date(2026, 10, 1))


@pytest.fixture(params=["MAP", "PVT"])
def build(request):
    """Builds a MAP or a PVT submission from a neutral ``datum``."""
    factory = {"MAP": MapSubmissionFactory, "PVT": PvtSubmissionFactory}[request.param]

    def _build(datum=UNCHANGED, verwijtbaar=None):
        changes = {"verwijtbaar": verwijtbaar}
        if datum is not UNCHANGED:
            changes[factory._meta.model.date_field] = datum
        return factory(**changes)

    return _build


@pytest.mark.parametrize(
    ("earlier_delivery", "refused_with"),
    [
        pytest.param(EerdereLevering.GEEN, None, id="a first delivery is accepted"),
        pytest.param(
            EerdereLevering.EIGEN_GEMEENTE, None, id="changing what your municipality supplied is accepted"
        ),
        pytest.param(
            EerdereLevering.ANDERE_GEMEENTE,
            MapPvtCode.WIJZIGING_DOOR_ANDERE_GEMEENTE,
            id="changing what another municipality supplied is refused",
        ),
    ],
)
def test_wijziging_alleen_door_leverende_gemeente(build, earlier_delivery, refused_with):
    violation = wijziging_alleen_door_leverende_gemeente(
        build(), ResultaatContextFactory(earlier_delivery=earlier_delivery)
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("has_pip", "refused_with"),
    [
        pytest.param(True, None, id="a municipality with the current PIP is accepted"),
        pytest.param(
            False, MapPvtCode.GEEN_ACTUELE_PIP, id="a municipality without the current PIP is refused"
        ),
    ],
)
def test_actuele_pip_van_eigen_gemeente(build, has_pip, refused_with):
    violation = actuele_pip_van_eigen_gemeente(
        build(), ResultaatContextFactory(own_municipality_has_current_pip=has_pip)
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("duty_met", "refused_with"),
    [
        pytest.param(False, None, id="a duty not yet met is accepted"),
        pytest.param(True, MapPvtCode.PLICHT_VOLDAAN_VIA_Z_ROUTE, id="a duty met via the Z-route is refused"),
    ],
)
def test_plicht_niet_voldaan_via_z_route(build, duty_met, refused_with):
    violation = plicht_niet_voldaan_via_z_route(
        build(), ResultaatContextFactory(duty_met_via_z_route=duty_met)
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("datum", "refused_with"),
    [
        pytest.param(TERM.startdatum, None, id="a date on the first day of the term is accepted"),
        pytest.param(
            TERM.startdatum - DAY,
            MapPvtCode.DATUM_VOOR_START_TERMIJN,
            id="a date the day before the term starts is refused",
        ),
        pytest.param(None, None, id="a withdrawal has no date to check"),
    ],
)
def test_datum_niet_voor_start_termijn(build, datum, refused_with):
    assert_outcome(datum_niet_voor_start_termijn(build(datum=datum), ResultaatContextFactory()), refused_with)


@pytest.mark.parametrize(
    ("datum", "completed_on", "refused_with"),
    [
        pytest.param(
            dt.date(2026, 11, 2),
            dt.date(2026, 11, 2),
            None,
            id="a date on the day the Z-route was completed is accepted",
        ),
        pytest.param(
            dt.date(2026, 11, 3),
            dt.date(2026, 11, 2),
            MapPvtCode.DATUM_NA_AFRONDING_Z_ROUTE,
            id="a date after the Z-route was completed is refused",
        ),
        pytest.param(dt.date(2026, 11, 3), None, None, id="a date without a completed Z-route is accepted"),
    ],
)
def test_datum_niet_na_afronding_z_route(build, datum, completed_on, refused_with):
    violation = datum_niet_na_afronding_z_route(
        build(datum=datum), ResultaatContextFactory(z_route_completed_on=completed_on)
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("datum", "refused_with"),
    [
        pytest.param(TODAY, None, id="a date of today is accepted"),
        pytest.param(TODAY + DAY, MapPvtCode.DATUM_IN_TOEKOMST, id="a date of tomorrow is refused"),
    ],
)
def test_datum_niet_in_toekomst(build, datum, refused_with):
    assert_outcome(
        datum_niet_in_toekomst(build(datum=datum), ResultaatContextFactory(today=TODAY)), refused_with
    )


@pytest.mark.parametrize(
    ("datum", "completed_on", "refused_with"),
    [
        pytest.param(
            None, None, None, id="withdrawing the date while the Z-route is not completed is accepted"
        ),
        pytest.param(
            None,
            dt.date(2026, 11, 2),
            MapPvtCode.INTREKKEN_NA_AFRONDING_Z_ROUTE,
            id="withdrawing the date once Z-route completion is registered is refused",
        ),
        pytest.param(
            dt.date(2026, 11, 2),
            dt.date(2026, 11, 2),
            None,
            id="supplying a date after Z-route completion is not a withdrawal",
        ),
    ],
)
def test_intrekken_niet_na_afronding_z_route(build, datum, completed_on, refused_with):
    violation = intrekken_niet_na_afronding_z_route(
        build(datum=datum), ResultaatContextFactory(z_route_completed_on=completed_on)
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("datum", "verwijtbaar", "termijn", "refused_with"),
    [
        pytest.param(
            ENDED.last_day, None, ENDED, None, id="a date on the last day of the term needs no flag"
        ),
        pytest.param(
            ENDED.einddatum,
            None,
            ENDED,
            MapPvtCode.VERWIJTBAAR_ONTBREEKT,
            id="a date on the einddatum without a flag is refused",
        ),
        pytest.param(
            None,
            None,
            ENDED,
            MapPvtCode.VERWIJTBAAR_ONTBREEKT,
            id="no date after the term ran out without a flag is refused",
        ),
        pytest.param(None, None, TERM, None, id="no date while the term runs needs no flag"),
        pytest.param(ENDED.einddatum, NEE, ENDED, None, id="a late date with the flag is accepted"),
        pytest.param(None, JA, ENDED, None, id="no date after the term ran out with the flag is accepted"),
    ],
)
def test_verwijtbaar_verplicht_bij_overschrijding(build, datum, verwijtbaar, termijn, refused_with):
    violation = verwijtbaar_verplicht_bij_overschrijding(
        build(datum=datum, verwijtbaar=verwijtbaar), ResultaatContextFactory(termijn=termijn)
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("datum", "verwijtbaar", "refused_with"),
    [
        pytest.param(
            ENDED.last_day,
            JA,
            MapPvtCode.VERWIJTBAAR_BINNEN_TERMIJN,
            id="'Ja' with a date on the last day of the term is refused",
        ),
        pytest.param(
            ENDED.last_day,
            NEE,
            MapPvtCode.VERWIJTBAAR_BINNEN_TERMIJN,
            id="'Nee' with a date on the last day of the term is refused",
        ),
        pytest.param(ENDED.einddatum, JA, None, id="'Ja' with a date on the einddatum is accepted"),
        pytest.param(ENDED.last_day, None, None, id="a date inside the term without a flag is accepted"),
        pytest.param(None, NEE, None, id="a flag without a date is left to the other rules"),
    ],
)
def test_geen_verwijtbaar_binnen_termijn(build, datum, verwijtbaar, refused_with):
    violation = geen_verwijtbaar_binnen_termijn(
        build(datum=datum, verwijtbaar=verwijtbaar), ResultaatContextFactory(termijn=ENDED)
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("today", "termijn", "refused_with"),
    [
        pytest.param(
            dt.date(2026, 11, 25),
            ENDING_SOON,
            None,
            id="'Nee' exactly two months before the einddatum is accepted",
        ),
        pytest.param(
            dt.date(2026, 11, 24),
            ENDING_SOON,
            MapPvtCode.NEE_BUITEN_TWEE_MAANDEN,
            id="'Nee' two months and one day before the einddatum is refused",
        ),
        pytest.param(dt.date(2027, 1, 25), ENDING_SOON, None, id="'Nee' on the einddatum is accepted"),
        pytest.param(dt.date(2027, 6, 1), ENDING_SOON, None, id="'Nee' after the term ran out is accepted"),
        pytest.param(TODAY, None, MapPvtCode.NEE_BUITEN_TWEE_MAANDEN, id="'Nee' without a term is refused"),
    ],
)
def test_nee_alleen_binnen_twee_maanden(build, today, termijn, refused_with):
    violation = nee_alleen_binnen_twee_maanden(
        build(datum=None, verwijtbaar=NEE), ResultaatContextFactory(today=today, termijn=termijn)
    )
    assert_outcome(violation, refused_with)


@pytest.mark.parametrize(
    ("datum", "termijn", "refused_with"),
    [
        pytest.param(ENDED.einddatum, ENDED, None, id="'Ja' with a date on the einddatum is accepted"),
        pytest.param(None, ENDED, None, id="'Ja' without a date after the term ran out is accepted"),
        pytest.param(
            ENDED.last_day,
            ENDED,
            MapPvtCode.JA_ZONDER_OVERSCHRIJDING,
            id="'Ja' with a date on the last day of the term is refused",
        ),
        pytest.param(
            None,
            ENDING_SOON,
            MapPvtCode.JA_ZONDER_OVERSCHRIJDING,
            id="'Ja' without a date while the term still runs is refused",
        ),
        pytest.param(None, None, MapPvtCode.JA_ZONDER_OVERSCHRIJDING, id="'Ja' without a term is refused"),
    ],
)
def test_ja_alleen_bij_overschrijding(build, datum, termijn, refused_with):
    violation = ja_alleen_bij_overschrijding(
        build(datum=datum, verwijtbaar=JA), ResultaatContextFactory(termijn=termijn)
    )
    assert_outcome(violation, refused_with)


def test_a_valid_map_and_pvt_are_accepted():
    assert validate_map(MapSubmissionFactory(), ResultaatContextFactory()) == []
    assert validate_pvt(PvtSubmissionFactory(), ResultaatContextFactory()) == []


def test_a_culpable_overrun_reported_after_the_term_is_accepted():
    context = ResultaatContextFactory(termijn=ENDED)

    assert validate_map(MapSubmissionFactory(datum_eindgesprek_map=None, verwijtbaar=JA), context) == []
    assert (
        validate_pvt(
            PvtSubmissionFactory(datum_ondertekening_pvt=dt.date(2026, 11, 2), verwijtbaar=NEE), context
        )
        == []
    )


def test_it_reports_every_broken_map_condition_in_order():
    context = ResultaatContextFactory(
        termijn=ENDING_SOON,
        earlier_delivery=EerdereLevering.ANDERE_GEMEENTE,
        own_municipality_has_current_pip=False,
        z_route_completed_on=dt.date(2024, 1, 1),
    )
    submission = MapSubmissionFactory(datum_eindgesprek_map=dt.date(2024, 1, 2), verwijtbaar=JA)

    violations = validate_map(submission, context)

    assert [(v.code, v.field) for v in violations] == [
        (MapPvtCode.WIJZIGING_DOOR_ANDERE_GEMEENTE, None),
        (MapPvtCode.GEEN_ACTUELE_PIP, None),
        (MapPvtCode.DATUM_VOOR_START_TERMIJN, "datum_eindgesprek_map"),
        (MapPvtCode.DATUM_NA_AFRONDING_Z_ROUTE, "datum_eindgesprek_map"),
        (MapPvtCode.VERWIJTBAAR_BINNEN_TERMIJN, "verwijtbaar"),
        (MapPvtCode.JA_ZONDER_OVERSCHRIJDING, "verwijtbaar"),
    ]


def test_pvt_violations_name_the_pvt_date():
    violations = validate_pvt(
        PvtSubmissionFactory(datum_ondertekening_pvt=TODAY + DAY), ResultaatContextFactory()
    )

    assert [(v.code, v.field) for v in violations] == [
        (MapPvtCode.DATUM_IN_TOEKOMST, "datum_ondertekening_pvt")
    ]
    assert violations[0].message == "De datum ondertekening PVT (26 november 2026) ligt in de toekomst."


def test_nee_too_early_tells_from_which_day_it_is_accepted():
    (violation,) = validate_map(
        MapSubmissionFactory(datum_eindgesprek_map=None, verwijtbaar=NEE),
        ResultaatContextFactory(today=dt.date(2026, 11, 24), termijn=ENDING_SOON),
    )

    assert violation.code == MapPvtCode.NEE_BUITEN_TWEE_MAANDEN
    assert "25 november 2026" in violation.message
