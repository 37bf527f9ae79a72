"""The municipality list holds real CBS codes once each; beyond it, derived municipalities get
names and codes of their own; every OIN is twenty digits and unique."""

from __future__ import annotations

import pytest
from stdnum.nl import bsn as stdnum_bsn

from koers.synthetic.data import MUNICIPALITIES
from koers.synthetic.tenancy import municipality_specs, oin_for


def test_each_cbs_code_and_name_occurs_once():
    assert len({m.cbs_code for m in MUNICIPALITIES}) == len(MUNICIPALITIES)
    assert len({m.name for m in MUNICIPALITIES}) == len(MUNICIPALITIES)
    assert all(len(m.cbs_code) == 4 and m.cbs_code.isdigit() for m in MUNICIPALITIES)


def test_the_demo_municipalities_carry_their_real_codes():
    codes = {m.name: m.cbs_code for m in MUNICIPALITIES}
    assert codes["Leidschendam-Voorburg"] == "1916"
    assert (codes["Wassenaar"], codes["Voorschoten"], codes["Tholen"]) == ("0629", "0626", "0716")


@pytest.mark.parametrize("count", [1, len(MUNICIPALITIES), len(MUNICIPALITIES) + 60])
def test_any_number_of_municipalities_gets_unique_names_and_codes(count):
    specs = municipality_specs(count)
    assert len(specs) == count
    assert len({s.cbs_code for s in specs}) == count
    assert len({s.name for s in specs}) == count
    assert all(len(s.cbs_code) == 4 and 1000 <= s.pc4 <= 9999 for s in specs)


def test_oins_are_twenty_digits_with_an_rsin_that_passes_the_elfproef():
    oins = [oin_for(m.cbs_code) for m in municipality_specs(len(MUNICIPALITIES) + 20)]
    assert len(set(oins)) == len(oins)
    for oin in oins:
        assert len(oin) == 20 and oin.isdigit() and oin.startswith("00000001") and oin.endswith("000")
        assert stdnum_bsn.is_valid(oin[8:17])
