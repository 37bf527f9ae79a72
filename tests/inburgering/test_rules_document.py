"""docs/rules.md lists every rule with its code and a test that exists."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from koers.inburgering.rules.inburgeringsaanbod import AANBOD_RULES, AanbodCode
from koers.inburgering.rules.map_pvt import RESULTAAT_RULES, MapPvtCode
from koers.inburgering.rules.pip import PIP_DELETION_RULES, PIP_RULES, PipCode

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
ALL_RULES = [*PIP_RULES, *PIP_DELETION_RULES, *AANBOD_RULES, *RESULTAAT_RULES]


def table_row(function_name: str) -> str:
    rows = [
        line for line in DOCUMENT.read_text(encoding="utf-8").splitlines() if f"| `{function_name}` |" in line
    ]
    assert len(rows) == 1, f"{function_name} should have exactly one row in docs/rules.md"
    return rows[0]


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda rule: rule.__name__)
def test_every_rule_has_a_row_pointing_at_a_real_test(rule):
    row = table_row(rule.__name__)
    module_file, test_name = re.search(r"`(test_\w+\.py)::(test_\w+)`", row).groups()

    test_module = importlib.import_module(f"tests.inburgering.{module_file.removesuffix('.py')}")
    assert callable(getattr(test_module, test_name, None)), f"{module_file}::{test_name} does not exist"


@pytest.mark.parametrize("code", [*PipCode, *AanbodCode, *MapPvtCode], ids=str)
def test_every_code_is_documented(code):
    assert f"`{code}`" in DOCUMENT.read_text(encoding="utf-8")
