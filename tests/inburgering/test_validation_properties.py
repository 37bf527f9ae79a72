"""Whatever a form or a DUO message feeds them, the validators answer with known violations and never
raise; and the verwijtbaar conditions hold together for every date."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st

from koers.inburgering.constants import EerdereLevering, Leerroute, Niveau, Verwijtbaar
from koers.inburgering.rules import (
    RuleViolation,
    validate_aanbod,
    validate_map,
    validate_pip,
    validate_pip_deletion,
    validate_pvt,
)
from koers.inburgering.rules.inburgeringsaanbod import (
    AanbodCode,
    AanbodContext,
    AanbodSubmission,
    ActuelePip,
    Instelling,
)
from koers.inburgering.rules.map_pvt import MapPvtCode, MapSubmission, PvtSubmission, ResultaatContext
from koers.inburgering.rules.pip import PipCode, PipContext, PipDeletionContext, PipSubmission
from koers.inburgering.terms import Inburgeringstermijn
from koers.people.constants import TargetGroup

any_date = st.dates()
maybe_date = st.none() | any_date
terms = (
    st.lists(any_date, min_size=2, max_size=2, unique=True)
    .map(sorted)
    .map(lambda days: Inburgeringstermijn(startdatum=days[0], einddatum=days[1]))
)

pip_submissions = st.builds(
    PipSubmission,
    dagtekening=any_date,
    leerroute=st.sampled_from(Leerroute),
    niveau=st.none() | st.sampled_from(Niveau),
    geschatte_intensiteit=st.none() | st.integers(),
)
pip_contexts = st.builds(
    PipContext,
    duty_start=any_date,
    settlement_date=maybe_date,
    target_group=st.sampled_from(TargetGroup),
    first_pip_date=maybe_date,
    current_pip_date=maybe_date,
)
aanbod_submissions = st.builds(
    AanbodSubmission,
    instellingsnummer=st.text(max_size=12),
    datum_inburgeringsaanbod=maybe_date,
    verwachte_startdatum_opleiding=maybe_date,
    verwachte_einddatum_opleiding=maybe_date,
)
aanbod_contexts = st.builds(
    AanbodContext,
    target_group=st.sampled_from(TargetGroup),
    pip=st.none() | st.builds(ActuelePip, dagtekening=any_date, leerroute=st.sampled_from(Leerroute)),
    instelling=st.none()
    | st.builds(
        Instelling,
        instellingsnummer=st.text(max_size=12),
        naam=st.text(max_size=40),
        bow_keurmerk=st.booleans(),
        tst_keurmerk=st.booleans(),
    ),
    termijn=st.none() | terms,
)
verwijtbaar = st.none() | st.sampled_from(Verwijtbaar)
map_submissions = st.builds(MapSubmission, datum_eindgesprek_map=maybe_date, verwijtbaar=verwijtbaar)
pvt_submissions = st.builds(PvtSubmission, datum_ondertekening_pvt=maybe_date, verwijtbaar=verwijtbaar)
resultaat_contexts = st.builds(
    ResultaatContext,
    today=any_date,
    termijn=st.none() | terms,
    own_municipality_has_current_pip=st.booleans(),
    earlier_delivery=st.sampled_from(EerdereLevering),
    duty_met_via_z_route=st.booleans(),
    z_route_completed_on=maybe_date,
)


def assert_known(violations: list[RuleViolation], codes: type, submission: object) -> None:
    fields = {field.name for field in dataclasses.fields(submission)} if submission is not None else set()
    for violation in violations:
        assert violation.code in set(codes)
        assert violation.field is None or violation.field in fields
        assert violation.message.strip()


@given(pip_submissions, pip_contexts)
def test_validate_pip_never_raises_and_only_uses_known_codes(submission, context):
    assert_known(validate_pip(submission, context), PipCode, submission)


@given(st.builds(PipDeletionContext, term_set=st.booleans(), hours_registered=st.booleans()))
def test_validate_pip_deletion_only_uses_known_codes(context):
    violations = validate_pip_deletion(context)

    assert_known(violations, PipCode, None)
    assert (violations == []) == (not context.term_set and not context.hours_registered)


@given(aanbod_submissions, aanbod_contexts)
def test_validate_aanbod_never_raises_and_only_uses_known_codes(submission, context):
    assert_known(validate_aanbod(submission, context), AanbodCode, submission)


FIRST_DAYS = Inburgeringstermijn(startdatum=dt.date.min, einddatum=dt.date.min + dt.timedelta(days=1))
LAST_DAYS = Inburgeringstermijn(startdatum=dt.date.max - dt.timedelta(days=1), einddatum=dt.date.max)


@given(map_submissions, resultaat_contexts)
@example(MapSubmission(None, Verwijtbaar.NEE), ResultaatContext(dt.date.min, FIRST_DAYS, True))
@example(MapSubmission(None, Verwijtbaar.NEE), ResultaatContext(dt.date.min, LAST_DAYS, True))
@example(MapSubmission(dt.date.max, None), ResultaatContext(dt.date.max, FIRST_DAYS, True))
def test_validate_map_never_raises_and_only_uses_known_codes(submission, context):
    assert_known(validate_map(submission, context), MapPvtCode, submission)


@given(pvt_submissions, resultaat_contexts)
def test_validate_pvt_never_raises_and_only_uses_known_codes(submission, context):
    assert_known(validate_pvt(submission, context), MapPvtCode, submission)


@given(map_submissions, resultaat_contexts)
def test_a_verwijtbaar_flag_is_never_accepted_for_a_date_inside_the_term(submission, context):
    codes = {v.code for v in validate_map(submission, context)}
    termijn, datum = context.termijn, submission.datum

    if (
        submission.verwijtbaar is not None
        and termijn is not None
        and datum is not None
        and datum < termijn.einddatum
    ):
        assert MapPvtCode.VERWIJTBAAR_BINNEN_TERMIJN in codes


@given(map_submissions, resultaat_contexts)
def test_an_overrun_is_never_accepted_without_a_verwijtbaar_flag(submission, context):
    codes = {v.code for v in validate_map(submission, context)}
    termijn = context.termijn
    reference_day = submission.datum if submission.datum is not None else context.today

    if submission.verwijtbaar is None and termijn is not None and reference_day >= termijn.einddatum:
        assert MapPvtCode.VERWIJTBAAR_ONTBREEKT in codes
