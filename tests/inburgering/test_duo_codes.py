"""Koers's choices carry DUO's own code values, read straight from DUO's OpenAPI specifications
(``../shared/duo-m2m``), and DUO's doelgroep maps onto Koers's target group."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from koers.inburgering.constants import (
    Alfabetiseringsonderwijs,
    Doelgroepindeling,
    GedetailleerdeDoelgroep,
    Leerroute,
    Niveau,
    Verwijtbaar,
    target_group_for,
)
from koers.people.constants import TargetGroup

DUO_API = Path(__file__).resolve().parents[3] / "shared" / "duo-m2m" / "API"


def duo_schemas(api: str) -> dict:
    spec = DUO_API / api / "openapi.yml"
    if not spec.exists():
        pytest.skip(f"DUO's specification is not checked out next to the project ({spec})")
    return yaml.safe_load(spec.read_text(encoding="utf-8"))["components"]["schemas"]


@pytest.mark.parametrize(
    ("api", "schema", "choices"),
    [
        pytest.param("PIP", "Leerroute", Leerroute, id="leerroute"),
        pytest.param("PIP", "NiveauPip", Niveau, id="niveau"),
        pytest.param(
            "PIP", "Alfabetiseringsonderwijs", Alfabetiseringsonderwijs, id="alfabetiseringsonderwijs"
        ),
        pytest.param("MAP,PVT,Zroute", "InburgeringJaNeeType", Verwijtbaar, id="verwijtbaar"),
        pytest.param("Inburgeringsplicht", "Doelgroepindeling", Doelgroepindeling, id="doelgroepindeling"),
        pytest.param(
            "Inburgeringsplicht",
            "GedetailleerdeDoelgroep",
            GedetailleerdeDoelgroep,
            id="gedetailleerde doelgroep",
        ),
    ],
)
def test_the_codes_are_exactly_duos(api, schema, choices):
    assert choices.values == duo_schemas(api)[schema]["enum"]


def test_alfabetiseringsonderwijs_uses_duos_descriptions_as_labels():
    description = duo_schemas("PIP")["AlfabetiseringsonderwijsDescription"]
    duo_labels = dict(zip(description["x-enum-varnames"], description["enum"], strict=True))

    assert {code: str(label) for code, label in Alfabetiseringsonderwijs.choices} == duo_labels


@pytest.mark.parametrize(
    ("indeling", "gedetailleerd", "target_group"),
    [
        pytest.param(
            Doelgroepindeling.ASIELSTATUSHOUDER,
            GedetailleerdeDoelgroep.ASIELSTATUSHOUDER,
            TargetGroup.ASIEL,
            id="a permit holder is an asylum migrant",
        ),
        pytest.param(
            Doelgroepindeling.ASIELSTATUSHOUDER,
            GedetailleerdeDoelgroep.GEZINSHERENIGER_MET_ASIELSTATUSHOUDER,
            TargetGroup.ASIEL,
            id="family joining a permit holder with asylum rights is an asylum migrant",
        ),
        pytest.param(
            Doelgroepindeling.GEZINSMIGRANT_EN_OVERIGE_MIGRANT,
            GedetailleerdeDoelgroep.GEZINSHERENIGER_MET_ASIELSTATUSHOUDER,
            TargetGroup.GEZIN,
            id="family of a permit holder without asylum rights is a family migrant",
        ),
        pytest.param(
            Doelgroepindeling.GEZINSMIGRANT_EN_OVERIGE_MIGRANT,
            GedetailleerdeDoelgroep.GEZINSVORMER,
            TargetGroup.GEZIN,
            id="a gezinsvormer is a family migrant",
        ),
        pytest.param(
            Doelgroepindeling.GEZINSMIGRANT_EN_OVERIGE_MIGRANT,
            GedetailleerdeDoelgroep.GEESTELIJK_BEDIENAAR,
            TargetGroup.OVERIG,
            id="a religious minister is an other migrant",
        ),
        pytest.param(
            Doelgroepindeling.GEZINSMIGRANT_EN_OVERIGE_MIGRANT,
            None,
            TargetGroup.OVERIG,
            id="without a detailed group a non-asylum migrant counts as other migrant",
        ),
    ],
)
def test_target_group_for(indeling, gedetailleerd, target_group):
    assert target_group_for(indeling, gedetailleerd) == target_group
