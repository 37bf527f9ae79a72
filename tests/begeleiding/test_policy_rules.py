"""The policy is validated before it is stored; the eight presets are valid and recognisably different."""

import dataclasses

import pytest
from django.core.exceptions import ValidationError

from koers.begeleiding import services
from koers.begeleiding.models import MbPolicy
from koers.begeleiding.policy import ChecklistSpec, policy_errors
from koers.begeleiding.presets import PRESETS, preset

BASE = preset("den_haag").settings


@pytest.mark.parametrize("item", PRESETS, ids=[p.key for p in PRESETS])
def test_every_preset_is_a_valid_policy(item):
    assert policy_errors(item.settings) == []


def test_the_eight_presets_differ_in_duration_moments_checklist_or_call_list():
    shapes = {
        (p.settings.duration_months, p.settings.measurement_months, len(p.settings.checklist),
         p.settings.call_interval_months, len(p.settings.domains))
        for p in PRESETS
    }
    assert len(PRESETS) == 8
    assert len(shapes) == 8


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"duration_months": 5}, "standaardduur"),
        ({"duration_months": 37}, "standaardduur"),
        ({"measurement_months": (3, 13)}, "meetmoment"),
        ({"measurement_months": (8, 3)}, "oplopend"),
        ({"measurement_months": (3, 3)}, "oplopend"),
        ({"domains": ()}, "leefgebieden"),
        ({"checklist": ()}, "minstens één punt"),
        ({"checklist": (ChecklistSpec("a", "XX", "A"),)}, "HV, FIN, INS of VL"),
        ({"checklist": (ChecklistSpec("a", "HV", "A"), ChecklistSpec("a", "FIN", "A"))}, "eigen"),
        ({"extension_months": 13}, "verlenging"),
        ({"extension_months": 0}, "Zonder verlengingsduur"),
        ({"call_interval_months": 13}, "bellijst"),
        ({"capacity_per_worker": 0}, "caseloadnorm"),
        ({"phase_days": {**BASE.phase_days, "opstartfase": 0}}, "Opstartfase MB"),
    ],
)
def test_it_refuses_an_invalid_policy_and_stores_nothing(tenants, change, message):
    bad = dataclasses.replace(BASE, **change)
    with pytest.raises(ValidationError) as refused:
        services.save_policy(actor=tenants.a.admin, municipality=tenants.a.municipality, settings=bad)
    assert message.lower() in " ".join(refused.value.messages).lower()
    assert not MbPolicy.objects.filter(municipality=tenants.a.municipality).exists()


def test_saving_a_policy_creates_the_next_version(tenants):
    first = services.save_policy(actor=tenants.a.admin, municipality=tenants.a.municipality, settings=BASE)
    second = services.save_policy(actor=tenants.a.admin, municipality=tenants.a.municipality,
                                  settings=preset("woerden").settings, preset_key="woerden")
    assert (first.version, second.version) == (1, 2)
    assert services.current_policy(tenants.a.municipality) == second
    first.refresh_from_db()
    assert first.settings == BASE
