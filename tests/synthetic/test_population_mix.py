"""A large run looks like the CBS figures: the target-group mix, mostly adults of working age, and
more people who cannot read or write among those from Afghanistan and Eritrea than from Turkey."""

from __future__ import annotations

from collections import Counter

import pytest

from koers.lib import clock
from koers.people.constants import Literacy, TargetGroup

from .rows import as_date, generate, records


@pytest.fixture(scope="module")
def persons():
    with clock.frozen(clock.today()):
        return records(generate(6000, seed=7), "persons")


@pytest.mark.parametrize(
    ("target_group", "share"),
    [(TargetGroup.ASIEL, 0.55), (TargetGroup.GEZIN, 0.35), (TargetGroup.OVERIG, 0.10)],
)
def test_the_target_group_mix_is_within_three_points_of_cbs(persons, target_group, share):
    counted = Counter(p["target_group"] for p in persons)
    assert counted[target_group] / len(persons) == pytest.approx(share, abs=0.03)


def test_most_newcomers_are_between_18_and_60_at_koppeling(persons):
    ages = [(as_date(p["koppeling_date"]) - as_date(p["date_of_birth"])).days // 365 for p in persons]
    assert min(ages) >= 18
    assert sum(18 <= age <= 60 for age in ages) / len(ages) > 0.9


def test_illiteracy_is_more_common_among_afghans_and_eritreans_than_turks(persons):
    def illiterate_share(countries):
        group = [p for p in persons if p["country_of_origin"] in countries]
        return sum(p["literacy"] == Literacy.NOT_LITERATE for p in group) / len(group)

    assert illiterate_share({"AF", "ER"}) > 2 * illiterate_share({"TR"})


def test_languages_match_the_country_of_origin(persons):
    first_language = Counter((p["country_of_origin"], p["languages"].split('"')[1]) for p in persons)
    assert first_language[("SY", "ar")] > first_language[("SY", "ti")]
    assert {language for country, language in first_language if country == "ER"} <= {"ti"}
